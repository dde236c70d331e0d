package org.vrrpstudio.vrrp.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import org.vrrpstudio.vrrp.engine.Clock;
import org.vrrpstudio.vrrp.engine.Scheduler;

/**
 * Discrete-event virtual time: tasks run in time order, ties in scheduling order, so a simulation is
 * fully deterministic. Nothing happens between tasks; time jumps.
 */
public final class VirtualClock implements Clock, Scheduler {
    private static final class Entry implements Scheduler.Cancellable, Comparable<Entry> {
        final Instant at;
        final long order;
        final Runnable task;
        boolean cancelled;

        Entry(Instant at, long order, Runnable task) {
            this.at = at;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Instant origin;
    private Instant now;
    private long scheduled;
    private long executed;

    public VirtualClock() {
        this(Instant.EPOCH);
    }

    public VirtualClock(Instant origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.now = origin;
    }

    @Override
    public Instant now() {
        return now;
    }

    public Instant origin() {
        return origin;
    }

    public Duration elapsed() {
        return Duration.between(origin, now);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        Entry entry = new Entry(now.plus(delay), scheduled++, Objects.requireNonNull(task, "task"));
        queue.add(entry);
        return entry;
    }

    /** Runs every task due up to and including {@code end}, then sets the time to {@code end}. */
    public void runUntil(Instant end) {
        while (!queue.isEmpty() && !queue.peek().at.isAfter(end)) {
            Entry next = queue.poll();
            if (next.cancelled) {
                continue;
            }
            now = next.at;
            executed++;
            next.task.run();
        }
        if (end.isAfter(now)) {
            now = end;
        }
    }

    public void runFor(Duration duration) {
        runUntil(now.plus(duration));
    }

    /** Advances to {@code origin + offset} (a convenient "at t = 5 s" for scenarios). */
    public void runUntilOffset(Duration offset) {
        runUntil(origin.plus(offset));
    }

    public long executedTasks() {
        return executed;
    }
}

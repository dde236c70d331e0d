package org.vrrpstudio.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.vrrpstudio.vrrp.engine.Clock;
import org.vrrpstudio.vrrp.engine.Scheduler;

/**
 * The one thread that owns the engine (it is single-threaded by design): receivers and the link monitor post
 * into it, and its timers run on it. Time is monotonic (System.nanoTime), so a wall-clock step never fires or
 * delays a timer.
 */
final class EngineLoop implements Clock, Scheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;
    private final Instant origin = Instant.now();
    private final long originNanos = System.nanoTime();

    EngineLoop() {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "vrrp-engine");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY); // adverts are due every interval: don't queue behind others
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        var future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    void post(Runnable task) {
        executor.execute(task);
    }

    /** Runs {@code task} on the engine thread and waits for it (start-up, shutdown, status). */
    <T> T call(Callable<T> task, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return executor.submit(task).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package org.vrrpstudio.deploy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lines up the directors of a pair whose authentication changes: each uploads and validates its new file, then waits
 * here until every one is ready (or one failed, then none swaps); then all swap and reload at once, so the two run
 * different authentication only for as long as their reloads take. After their verify they meet again: when one
 * failed, the others roll back too, so the pair does not end with two different passwords.
 */
public final class PairGate {

    private final List<String> directors;
    private final Duration timeout;
    private final CountDownLatch ready;
    private final CountDownLatch done;
    private final Map<String, Boolean> arrivedReady = new ConcurrentHashMap<>();
    private final Map<String, Boolean> arrivedDone = new ConcurrentHashMap<>();
    private final Map<String, Instant> reloaded = new ConcurrentHashMap<>();

    public PairGate(List<String> directors, Duration timeout) {
        this.directors = List.copyOf(directors);
        this.timeout = timeout;
        this.ready = new CountDownLatch(directors.size());
        this.done = new CountDownLatch(directors.size());
    }

    /** Ready to swap ({@code ok}) or not; true when every director is ready and the swap may go ahead. */
    boolean readyToSwap(String director, boolean ok) throws InterruptedException {
        if (arrivedReady.putIfAbsent(director, ok) == null) {
            ready.countDown();
        }
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !arrivedReady.containsValue(false);
    }

    void reloaded(String director, Instant at) {
        reloaded.put(director, at);
    }

    /** This director's deploy ended ({@code ok} after its verify); true when every director's did. */
    boolean finished(String director, boolean ok) throws InterruptedException {
        if (arrivedDone.putIfAbsent(director, ok) == null) {
            done.countDown();
        }
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !arrivedDone.containsValue(false);
    }

    /** A director that stops before a meeting point counts as failed there, so the others do not wait for it. */
    void leave(String director) {
        if (arrivedReady.putIfAbsent(director, false) == null) {
            ready.countDown();
        }
        if (arrivedDone.putIfAbsent(director, false) == null) {
            done.countDown();
        }
    }

    /** The first director of the pair that is not ready or failed, other than {@code self}. */
    Optional<String> failedPartner(String self) {
        return directors.stream().filter(d -> !d.equals(self))
                .filter(d -> Boolean.FALSE.equals(arrivedReady.get(d)) || Boolean.FALSE.equals(arrivedDone.get(d))).findFirst();
    }

    /** Time between the first and the last reload of the pair: how long the two may have disagreed. */
    public Optional<Duration> reloadSpread() {
        if (reloaded.size() < 2) {
            return Optional.empty();
        }
        Instant first = reloaded.values().stream().min(Instant::compareTo).orElseThrow();
        Instant last = reloaded.values().stream().max(Instant::compareTo).orElseThrow();
        return Optional.of(Duration.between(first, last));
    }
}

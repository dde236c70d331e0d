package org.vrrpstudio.vrrp.engine;

import java.time.Duration;

/**
 * Runs engine timers. The host must run every task on the thread that calls into the engine
 * (the engine is single-threaded and has no threads of its own).
 */
@FunctionalInterface
public interface Scheduler {
    Cancellable schedule(Duration delay, Runnable task);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}

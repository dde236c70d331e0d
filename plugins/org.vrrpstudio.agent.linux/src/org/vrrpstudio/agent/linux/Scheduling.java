package org.vrrpstudio.agent.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scheduling class of the agent's threads (issue 18: under SCHED_FIFO on request, so that busy normal processes
 * cannot delay an advert).
 */
public final class Scheduling {

    private Scheduling() {
    }

    /**
     * Puts the calling thread (only it: Linux schedules threads) under SCHED_FIFO at {@code priority} (1..99).
     *
     * @return empty when done, else why not in words (EPERM: no CAP_SYS_NICE and an RLIMIT_RTPRIO below the priority,
     *         or a systemd unit with RestrictRealtime=yes)
     */
    public static Optional<String> fifo(int priority) {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("SCHED_FIFO priority must be 1..99: " + priority);
        }
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            errno = LibC.schedSetscheduler(arena, LibC.SCHED_FIFO, priority);
        }
        if (errno == 0) {
            return Optional.empty();
        }
        String text = LibC.strerror(errno) + " (errno " + errno + ")";
        if (errno == LibC.EPERM) {
            text += ": needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least " + priority
                    + "; under the vrrpstudio-agent unit its RestrictRealtime=yes forbids it";
        }
        return Optional.of(text);
    }

    /** What {@link #fifoEveryThread} did: how many threads it put under SCHED_FIFO, and why one was refused. */
    public record Everyone(int threads, Optional<String> refused) {
    }

    /**
     * Puts every thread of this process under SCHED_FIFO at {@code priority}: not only the engine's, but the threads
     * it waits on, the packet receivers and the JVM's own (a safepoint stops the engine thread until the VM thread
     * and the collector, normal threads until now, get a core beside the busy processes). Threads started later
     * inherit the class of the thread that starts them.
     */
    public static Everyone fifoEveryThread(int priority) throws IOException {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("SCHED_FIFO priority must be 1..99: " + priority);
        }
        List<Integer> tids;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tids = tasks.map(task -> Integer.parseInt(task.getFileName().toString())).toList();
        }
        int set = 0;
        Optional<String> refused = Optional.empty();
        try (Arena arena = Arena.ofConfined()) {
            for (int tid : tids) {
                int errno = LibC.schedSetscheduler(arena, tid, LibC.SCHED_FIFO, priority);
                if (errno == 0) {
                    set++;
                } else if (errno != LibC.ESRCH && refused.isEmpty()) { // ESRCH: the thread has ended meanwhile
                    refused = Optional.of(LibC.strerror(errno) + " (errno " + errno + ") for thread " + tid);
                }
            }
        }
        return new Everyone(set, refused);
    }
}

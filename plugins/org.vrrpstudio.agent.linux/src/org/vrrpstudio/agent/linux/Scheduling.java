package org.vrrpstudio.agent.linux;

import java.lang.foreign.Arena;
import java.util.Optional;

/** The scheduling class of the calling thread (issue 18: the agent's engine thread under SCHED_FIFO, on request). */
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
}

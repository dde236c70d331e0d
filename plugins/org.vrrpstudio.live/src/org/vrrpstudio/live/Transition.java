package org.vrrpstudio.live;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change seen on a director, with the director's own timestamp.
 *
 * @param reason   why, as the daemon says it (may be empty)
 * @param priority the effective priority at the change, or -1 when the daemon did not say
 */
public record Transition(Instant time, String director, String instance, String from, String to, String reason,
        int priority) {

    public Transition {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(director, "director");
        Objects.requireNonNull(instance, "instance");
        from = from == null ? "" : from;
        Objects.requireNonNull(to, "to");
        reason = reason == null ? "" : reason;
    }

    public Transition withDirector(String name) {
        return new Transition(time, name, instance, from, to, reason, priority);
    }

    /** "2026-12-04T19:02:19Z director1 VI_1 MASTER -> FAULT (link eth0 down)" */
    @Override
    public String toString() {
        return time + " " + director + " " + instance + " " + (from.isEmpty() ? "?" : from) + " -> " + to
                + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}

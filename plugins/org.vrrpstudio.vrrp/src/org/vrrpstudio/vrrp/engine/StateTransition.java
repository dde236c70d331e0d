package org.vrrpstudio.vrrp.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change of one instance.
 *
 * @param priority the effective priority at the time of the change
 * @param detail free text, e.g. which interface or which group member caused it
 */
public record StateTransition(Instant time, String node, String instance, VrrpState from, VrrpState to,
        TransitionReason reason, String detail, int priority) {
    public StateTransition {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}

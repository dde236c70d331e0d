package org.vrrpstudio.vrrp.packet;

import java.util.Objects;

/** A typed refusal of a received packet: the reason (counted) and a human-readable detail. */
public record Rejection(RejectReason reason, String detail) {
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}

package org.vrrpstudio.live;

/** What a finding is about; {@link #id()} is the stable name scripts and monitoring rely on. */
public enum FindingKind {
    /** MASTER on more than one director. */
    SPLIT_BRAIN,
    /** No reachable director is MASTER. */
    NO_MASTER,
    /** A VIP on a director that is not MASTER, or missing on the MASTER. */
    VIP_MISPLACED,
    /** MASTER elsewhere than the model intends (a failover is in effect). */
    NOT_INTENDED,
    /** Effective priority below the configured one (a track lowered it). */
    PRIORITY_LOWERED,
    /** Authentication errors counted since the last refresh (the directors disagree on auth_pass?). */
    AUTH_ERRORS,
    /** The file on the director is not what the model exports. */
    DRIFT,
    /** The director's state cannot be read. */
    UNREACHABLE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.vrrpstudio.vrrp.engine;

/** Why an instance changed state; {@link #text()} is what timelines and logs show. */
public enum TransitionReason {
    STARTUP("startup"),
    ADDRESS_OWNER("address owner"),
    MASTER_DOWN_TIMER("master down timer"),
    /** A priority-0 advert from the current master, taken over without Skew_Time (two-director pair). */
    MASTER_RELEASED("master released"),
    /** A priority-0 advert from the director that is MASTER of every member of the sync group. */
    GROUP_RELEASED("sync group released by its master"),
    PREEMPT("preempting lower priority master"),
    HIGHER_PRIORITY_ADVERT("higher priority advert"),
    INTERFACE_DOWN("interface down"),
    INTERFACE_UP("interface up"),
    TRACK_FAILED("track failed"),
    TRACK_RECOVERED("track recovered"),
    SYNC_GROUP("sync group"),
    SHUTDOWN("shutdown");

    private final String text;

    TransitionReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}

package org.vrrpstudio.vrrp.engine;

/** Why an instance changed state; {@link #text()} is what timelines and logs show. */
public enum TransitionReason {
    STARTUP("startup"),
    ADDRESS_OWNER("address owner"),
    MASTER_DOWN_TIMER("master down timer"),
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

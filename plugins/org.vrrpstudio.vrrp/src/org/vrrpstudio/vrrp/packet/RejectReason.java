package org.vrrpstudio.vrrp.packet;

/** Why a received packet was not accepted. Each reason is counted (see {@link RejectCounters}). */
public enum RejectReason {
    TRUNCATED("truncated packet"),
    MALFORMED("malformed packet"),
    NOT_VRRP("not a VRRP packet"),
    BAD_IP_CHECKSUM("bad IP header checksum"),
    WRONG_TTL("IP TTL/hop limit is not 255"),
    WRONG_VERSION("unsupported or unexpected VRRP version"),
    WRONG_TYPE("VRRP type is not ADVERTISEMENT"),
    BAD_CHECKSUM("bad VRRP checksum"),
    AUTH_TYPE_MISMATCH("authentication type mismatch"),
    AUTH_PASS_MISMATCH("wrong auth_pass"),
    BAD_ICV("AH integrity check failed"),
    REPLAYED("AH sequence number replayed"),
    UNKNOWN_VRID("no instance for this VRID on this interface"),
    INTERVAL_MISMATCH("advert interval differs from the configured one"),
    OWN_PACKET("our own advert looped back"),
    TTL_OUT_OF_RANGE("a unicast peer's advert arrived with a TTL/hop limit outside its min_ttl..max_ttl"),
    NOT_A_PEER("sender is not one of the instance's unicast_peer addresses"),
    /** Counted by the host, not the engine: a packet dropped before decoding because the engine had a backlog (a flood). */
    ENGINE_BUSY("dropped unread: the engine thread had a backlog of received packets");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

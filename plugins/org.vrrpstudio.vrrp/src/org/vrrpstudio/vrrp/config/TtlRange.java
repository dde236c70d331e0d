package org.vrrpstudio.vrrp.config;

/**
 * keepalived's per-peer {@code min_ttl}/{@code max_ttl} of a {@code unicast_peer} line: an advert from that peer whose
 * IP TTL (IPv6 hop limit) is outside {@code min..max} is dropped.
 */
public record TtlRange(int min, int max) {

    public static final TtlRange ANY = new TtlRange(0, 255);

    public TtlRange {
        if (min < 0 || min > 255 || max < 0 || max > 255) {
            throw new IllegalArgumentException("min_ttl/max_ttl must be 0..255, not " + min + ".." + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("min_ttl " + min + " is above max_ttl " + max);
        }
    }

    public boolean contains(int ttl) {
        return ttl >= min && ttl <= max;
    }
}

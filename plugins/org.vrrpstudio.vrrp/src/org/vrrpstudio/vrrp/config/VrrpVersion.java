package org.vrrpstudio.vrrp.config;

/** VRRP protocol version: 2 (RFC 3768) or 3 (RFC 5798). */
public enum VrrpVersion {
    V2(2), V3(3);

    private final int number;

    VrrpVersion(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}

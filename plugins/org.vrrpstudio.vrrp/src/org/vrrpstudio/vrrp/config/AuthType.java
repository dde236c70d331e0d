package org.vrrpstudio.vrrp.config;

/** The {@code auth_type} of a VRRPv2 instance. VRRPv3 instances always use {@link #NONE}. */
public enum AuthType {
    NONE,
    /** Simple text password carried in clear in the advert (no protection at all). */
    PASS,
    /** IPsec Authentication Header (IP protocol 51) with HMAC-MD5-96, as keepalived implements it. */
    AH
}

package org.vrrpstudio.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Wire constants of VRRP (RFC 3768, RFC 5798). */
public final class VrrpWire {
    public static final int IP_PROTOCOL = 112;
    public static final int REQUIRED_TTL = 255;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int HEADER_LENGTH = 8;
    public static final int V2_AUTH_DATA_LENGTH = 8;
    /** keepalived sends IP TOS "precedence internet control" on adverts. */
    public static final int IP_TOS = 0xc0;

    /** VRRPv2 header auth type codes. */
    public static final int AUTH_TYPE_NONE = 0;
    public static final int AUTH_TYPE_SIMPLE_PASSWORD = 1;
    /**
     * The VRRPv2 auth type field inside an AH-protected advert. RFC 2338 defined 2 as "IP Authentication
     * Header"; keepalived keeps sending 2 in the VRRP header when {@code auth_type AH} is used, with zero
     * auth data (the protection is the AH ICV, not these bytes). To be confirmed against keepalived on the wire.
     */
    public static final int AUTH_TYPE_IN_AH_PACKET = 2;

    public static final Inet4Address IPV4_GROUP = ipv4(224, 0, 0, 18);
    public static final Inet6Address IPV6_GROUP = ipv6Group();

    private VrrpWire() {
    }

    private static Inet4Address ipv4(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Inet6Address ipv6Group() {
        byte[] ff02_12 = new byte[16];
        ff02_12[0] = (byte) 0xff;
        ff02_12[1] = 0x02;
        ff02_12[15] = 0x12;
        try {
            return (Inet6Address) InetAddress.getByAddress(ff02_12);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

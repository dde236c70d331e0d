package org.vrrpstudio.agent;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which VRID (and address family) an incoming packet is about, read without decoding or authenticating it, so it can
 * be handed to the engine node that owns that VRID (which then judges it). Plain VRRP: protocol 112, the VRID is the
 * second byte after the IP header; AH (IPv4 only): protocol 51, the VRRP message follows the AH header
 * ((payload length + 2) × 4 bytes). IPv6 packets come with the fixed 40-byte header the receiver rebuilt. keepalived
 * lets an IPv4 and an IPv6 instance share a VRID on one interface, so the family is part of the key.
 */
final class PacketRouting {

    private static final int PROTOCOL_VRRP = 112;
    private static final int PROTOCOL_AH = 51;
    private static final int IPV6_HEADER = 40;

    private PacketRouting() {
    }

    /** The VRID of a whole IP packet (IPv4, or IPv6 with its header), empty for one too short or of another protocol. */
    static OptionalInt vrid(byte[] ipPacket) {
        if (ipPacket.length < 20) {
            return OptionalInt.empty();
        }
        int offset;
        if (isIpv6(ipPacket)) {
            if (ipPacket.length < IPV6_HEADER || (ipPacket[6] & 0xff) != PROTOCOL_VRRP) {
                return OptionalInt.empty();
            }
            offset = IPV6_HEADER;
        } else if ((ipPacket[0] >> 4 & 0xf) == 4) {
            offset = (ipPacket[0] & 0xf) * 4;
            int protocol = ipPacket[9] & 0xff;
            if (protocol == PROTOCOL_AH) {
                if (ipPacket.length < offset + 2 || (ipPacket[offset] & 0xff) != PROTOCOL_VRRP) {
                    return OptionalInt.empty();
                }
                offset += ((ipPacket[offset + 1] & 0xff) + 2) * 4;
            } else if (protocol != PROTOCOL_VRRP) {
                return OptionalInt.empty();
            }
        } else {
            return OptionalInt.empty();
        }
        return ipPacket.length > offset + 1 ? OptionalInt.of(ipPacket[offset + 1] & 0xff) : OptionalInt.empty();
    }

    static boolean isIpv6(byte[] ipPacket) {
        return ipPacket.length > 0 && (ipPacket[0] >> 4 & 0xf) == 6;
    }

    /** The routing key of a whole IP packet: interface, VRID and family. */
    static Optional<String> key(String interfaceName, byte[] ipPacket) {
        OptionalInt vrid = vrid(ipPacket);
        return vrid.isPresent() ? Optional.of(key(interfaceName, vrid.getAsInt(), isIpv6(ipPacket))) : Optional.empty();
    }

    static String key(String interfaceName, int vrid, boolean ipv6) {
        return interfaceName + '/' + vrid + (ipv6 ? "/6" : "/4");
    }
}

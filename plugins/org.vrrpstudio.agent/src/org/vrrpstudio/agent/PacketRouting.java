package org.vrrpstudio.agent;

import java.util.OptionalInt;

/**
 * Which VRID an incoming IPv4 packet is about, read without decoding or authenticating it, so it can be handed to
 * the engine node that owns that VRID (which then judges it). Plain VRRP: protocol 112, the VRID is the second
 * byte after the IP header; AH: protocol 51, the VRRP message follows the AH header ((payload length + 2) × 4 bytes).
 */
final class PacketRouting {

    private static final int PROTOCOL_VRRP = 112;
    private static final int PROTOCOL_AH = 51;

    private PacketRouting() {
    }

    static OptionalInt vrid(byte[] ipv4Packet) {
        if (ipv4Packet.length < 20 || (ipv4Packet[0] >> 4 & 0xf) != 4) {
            return OptionalInt.empty();
        }
        int offset = (ipv4Packet[0] & 0xf) * 4;
        int protocol = ipv4Packet[9] & 0xff;
        if (protocol == PROTOCOL_AH) {
            if (ipv4Packet.length < offset + 2 || (ipv4Packet[offset] & 0xff) != PROTOCOL_VRRP) {
                return OptionalInt.empty();
            }
            offset += ((ipv4Packet[offset + 1] & 0xff) + 2) * 4;
        } else if (protocol != PROTOCOL_VRRP) {
            return OptionalInt.empty();
        }
        return ipv4Packet.length > offset + 1 ? OptionalInt.of(ipv4Packet[offset + 1] & 0xff) : OptionalInt.empty();
    }

    static String key(String interfaceName, int vrid) {
        return interfaceName + '/' + vrid;
    }
}

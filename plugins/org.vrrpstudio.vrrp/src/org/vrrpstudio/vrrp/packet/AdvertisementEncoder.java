package org.vrrpstudio.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.AuthType;
import org.vrrpstudio.vrrp.config.VrrpVersion;

/**
 * Builds VRRP adverts: the bare VRRP message (for sockets that add the IP header) and complete IPv4
 * packets for {@code IP_HDRINCL} sockets, including the IPsec AH variant. Stateless; the caller owns
 * the AH sequence number and the IP identification.
 */
public final class AdvertisementEncoder {
    private static final int IPV4_HEADER_LENGTH = 20;
    private static final int IPV6_HEADER_LENGTH = 40;

    private AdvertisementEncoder() {
    }

    /** The VRRP message alone, checksum filled in. {@code source}/{@code destination} feed the v3 pseudo-header. */
    public static byte[] vrrpMessage(Advertisement ad, AuthConfig auth, InetAddress source, InetAddress destination) {
        if (ad.version() == VrrpVersion.V2) {
            return v2Message(ad, auth);
        }
        if (auth.type() != AuthType.NONE) {
            throw new IllegalArgumentException("VRRPv3 has no authentication");
        }
        return v3Message(ad, source, destination);
    }

    /**
     * A complete IPv4 packet (header checksum filled in). With AH authentication the IP protocol is 51 and
     * the AH header with its ICV sits between IP header and VRRP message.
     *
     * @param ahSequence the AH sequence number to send (ignored without AH)
     * @param ipId the IP identification; with AH it is covered by the ICV, so it must be the final value
     */
    public static byte[] ipv4Packet(Advertisement ad, AuthConfig auth, Inet4Address source, Inet4Address destination,
            long ahSequence, int ipId) {
        return ipv4Packet(ad, auth, source, destination, ahSequence, ipId, VrrpWire.REQUIRED_TTL);
    }

    /** The same with another IP TTL: keepalived's {@code unicast_ttl} for adverts to a unicast peer. */
    public static byte[] ipv4Packet(Advertisement ad, AuthConfig auth, Inet4Address source, Inet4Address destination,
            long ahSequence, int ipId, int ttl) {
        for (InetAddress a : ad.addresses()) {
            if (!(a instanceof Inet4Address)) {
                throw new IllegalArgumentException("IPv4 advert with IPv6 address " + a.getHostAddress());
            }
        }
        byte[] vrrp = vrrpMessage(ad, auth, source, destination);
        boolean ah = auth.type() == AuthType.AH;
        int ahLength = ah ? IpsecAh.HEADER_LENGTH : 0;
        int total = IPV4_HEADER_LENGTH + ahLength + vrrp.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) 0x45).put((byte) VrrpWire.IP_TOS).putShort((short) total).putShort((short) ipId)
                .putShort((short) 0).put((byte) ttl)
                .put((byte) (ah ? IpsecAh.IP_PROTOCOL : VrrpWire.IP_PROTOCOL)).putShort((short) 0)
                .put(source.getAddress()).put(destination.getAddress());
        if (ah) {
            b.put((byte) VrrpWire.IP_PROTOCOL).put((byte) IpsecAh.PAYLOAD_LENGTH_FIELD).putShort((short) 0)
                    .put(source.getAddress()) // SPI: keepalived uses the sender's address
                    .putInt((int) ahSequence).put(new byte[IpsecAh.ICV_LENGTH]);
        }
        b.put(vrrp);
        byte[] packet = b.array();
        if (ah) {
            byte[] icv = IpsecAh.icv(auth.key(), IpsecAh.zeroMutableFields(packet, total, IPV4_HEADER_LENGTH));
            System.arraycopy(icv, 0, packet, IPV4_HEADER_LENGTH + IpsecAh.ICV_OFFSET, IpsecAh.ICV_LENGTH);
        }
        int checksum = Checksums.internet(packet, 0, IPV4_HEADER_LENGTH);
        packet[10] = (byte) (checksum >>> 8);
        packet[11] = (byte) checksum;
        return packet;
    }

    /** A complete IPv6 packet carrying a VRRPv3 advert (for the simulator and captures; Linux raw IPv6 sockets add the header). */
    public static byte[] ipv6Packet(Advertisement ad, Inet6Address source, Inet6Address destination) {
        if (ad.version() != VrrpVersion.V3) {
            throw new IllegalArgumentException("IPv6 requires VRRPv3");
        }
        byte[] vrrp = v3Message(ad, source, destination);
        ByteBuffer b = ByteBuffer.allocate(IPV6_HEADER_LENGTH + vrrp.length);
        b.putInt(0x6000_0000 | (VrrpWire.IP_TOS << 20)).putShort((short) vrrp.length).put((byte) VrrpWire.IP_PROTOCOL)
                .put((byte) VrrpWire.REQUIRED_TTL).put(source.getAddress()).put(destination.getAddress()).put(vrrp);
        return b.array();
    }

    private static byte[] v2Message(Advertisement ad, AuthConfig auth) {
        int length = VrrpWire.HEADER_LENGTH + 4 * ad.addresses().size() + VrrpWire.V2_AUTH_DATA_LENGTH;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) 0x21).put((byte) ad.vrid()).put((byte) ad.priority()).put((byte) ad.addresses().size())
                .put((byte) v2AuthTypeField(auth.type())).put((byte) (ad.advertIntervalCentis() / 100)).putShort((short) 0);
        for (InetAddress a : ad.addresses()) {
            if (!(a instanceof Inet4Address)) {
                throw new IllegalArgumentException("VRRPv2 carries IPv4 addresses only: " + a.getHostAddress());
            }
            b.put(a.getAddress());
        }
        b.put(auth.type() == AuthType.PASS ? auth.key() : new byte[VrrpWire.V2_AUTH_DATA_LENGTH]);
        byte[] message = b.array();
        putChecksum(message, Checksums.internet(message, 0, length));
        return message;
    }

    static int v2AuthTypeField(AuthType type) {
        return switch (type) {
            case NONE -> VrrpWire.AUTH_TYPE_NONE;
            case PASS -> VrrpWire.AUTH_TYPE_SIMPLE_PASSWORD;
            case AH -> VrrpWire.AUTH_TYPE_IN_AH_PACKET;
        };
    }

    private static byte[] v3Message(Advertisement ad, InetAddress source, InetAddress destination) {
        int addressLength = source.getAddress().length;
        int length = VrrpWire.HEADER_LENGTH + addressLength * ad.addresses().size();
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) 0x31).put((byte) ad.vrid()).put((byte) ad.priority()).put((byte) ad.addresses().size())
                .putShort((short) (ad.advertIntervalCentis() & 0x0fff)).putShort((short) 0);
        for (InetAddress a : ad.addresses()) {
            if (a.getAddress().length != addressLength) {
                throw new IllegalArgumentException("address family of " + a.getHostAddress() + " differs from the source's");
            }
            b.put(a.getAddress());
        }
        byte[] message = b.array();
        putChecksum(message, v3Checksum(message, 0, length, source, destination));
        return message;
    }

    /** VRRPv3 checksum: the message plus the IPv4 or IPv6 pseudo-header (RFC 5798 §5.2.8). */
    static int v3Checksum(byte[] data, int offset, int length, InetAddress source, InetAddress destination) {
        byte[] src = source.getAddress();
        byte[] dst = destination.getAddress();
        long sum = Checksums.sum(src, 0, src.length, 0);
        sum = Checksums.sum(dst, 0, dst.length, sum);
        sum += VrrpWire.IP_PROTOCOL + length; // same word sum for the IPv4 and the IPv6 pseudo-header
        return Checksums.finish(Checksums.sum(data, offset, length, sum));
    }

    private static void putChecksum(byte[] message, int checksum) {
        message[6] = (byte) (checksum >>> 8);
        message[7] = (byte) checksum;
    }
}

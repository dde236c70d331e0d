package org.vrrpstudio.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vrrpstudio.vrrp.config.VrrpVersion;

/**
 * Decodes received adverts. Never throws on bad input: every problem becomes a {@link DecodeResult.Rejected}
 * with a reason and a detail.
 */
public final class AdvertisementDecoder {
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;

    private AdvertisementDecoder() {
    }

    /** Decodes a whole IP packet (IPv4 as a raw socket delivers it, or IPv6 with its fixed header). */
    public static DecodeResult decodeIpPacket(byte[] packet) {
        if (packet == null || packet.length < 1) {
            return DecodeResult.reject(RejectReason.TRUNCATED, "empty packet");
        }
        int ipVersion = (packet[0] & 0xff) >>> 4;
        return switch (ipVersion) {
            case 4 -> decodeIpv4(packet);
            case 6 -> decodeIpv6(packet);
            default -> DecodeResult.reject(RejectReason.MALFORMED, "IP version " + ipVersion);
        };
    }

    /**
     * Decodes a bare VRRP message whose IP header was consumed by the socket (IPv6 raw sockets): the caller
     * passes the addresses and hop limit it got from the socket's ancillary data.
     */
    public static DecodeResult decodeVrrpMessage(InetAddress source, InetAddress destination, int hopLimit,
            byte[] message) {
        return decodeVrrp(message, 0, message.length, source, destination, hopLimit, Optional.empty());
    }

    private static DecodeResult decodeIpv4(byte[] p) {
        if (p.length < IPV4_MIN_HEADER) {
            return DecodeResult.reject(RejectReason.TRUNCATED, p.length + " bytes, shorter than an IPv4 header");
        }
        int headerLength = (p[0] & 0x0f) * 4;
        int totalLength = u16(p, 2);
        if (headerLength < IPV4_MIN_HEADER) {
            return DecodeResult.reject(RejectReason.MALFORMED, "IPv4 header length " + headerLength);
        }
        if (totalLength > p.length) {
            return DecodeResult.reject(RejectReason.TRUNCATED, "IPv4 total length " + totalLength + " > " + p.length + " bytes received");
        }
        if (totalLength < headerLength) {
            return DecodeResult.reject(RejectReason.MALFORMED, "IPv4 total length " + totalLength + " < header length " + headerLength);
        }
        if (Checksums.internet(p, 0, headerLength) != 0) {
            return DecodeResult.reject(RejectReason.BAD_IP_CHECKSUM, "IPv4 header checksum 0x" + Integer.toHexString(u16(p, 10)));
        }
        if ((u16(p, 6) & 0x3fff) != 0) {
            return DecodeResult.reject(RejectReason.MALFORMED, "fragmented IPv4 packet");
        }
        InetAddress source = address(p, 12, 4);
        InetAddress destination = address(p, 16, 4);
        int ttl = p[8] & 0xff;
        int protocol = p[9] & 0xff;
        if (protocol != VrrpWire.IP_PROTOCOL && protocol != IpsecAh.IP_PROTOCOL) {
            return DecodeResult.reject(RejectReason.NOT_VRRP, "IP protocol " + protocol);
        }
        if (protocol == VrrpWire.IP_PROTOCOL) {
            return decodeVrrp(p, headerLength, totalLength - headerLength, source, destination, ttl, Optional.empty());
        }
        int ahStart = headerLength;
        if (totalLength - ahStart < IpsecAh.HEADER_LENGTH) {
            return DecodeResult.reject(RejectReason.TRUNCATED, "AH header cut short");
        }
        int nextHeader = p[ahStart] & 0xff;
        int payloadLengthField = p[ahStart + 1] & 0xff;
        if (nextHeader != VrrpWire.IP_PROTOCOL) {
            return DecodeResult.reject(RejectReason.NOT_VRRP, "AH next header " + nextHeader);
        }
        if (payloadLengthField != IpsecAh.PAYLOAD_LENGTH_FIELD) {
            return DecodeResult.reject(RejectReason.MALFORMED, "AH payload length " + payloadLengthField + ", expected "
                    + IpsecAh.PAYLOAD_LENGTH_FIELD + " (HMAC-MD5-96)");
        }
        long spi = u32(p, ahStart + 4);
        long sequence = u32(p, ahStart + 8);
        byte[] icv = Arrays.copyOfRange(p, ahStart + IpsecAh.ICV_OFFSET, ahStart + IpsecAh.ICV_OFFSET + IpsecAh.ICV_LENGTH);
        AhFields ah = new AhFields(spi, sequence, icv, IpsecAh.zeroMutableFields(p, totalLength, headerLength));
        int vrrpStart = ahStart + IpsecAh.HEADER_LENGTH;
        return decodeVrrp(p, vrrpStart, totalLength - vrrpStart, source, destination, ttl, Optional.of(ah));
    }

    private static DecodeResult decodeIpv6(byte[] p) {
        if (p.length < IPV6_HEADER) {
            return DecodeResult.reject(RejectReason.TRUNCATED, p.length + " bytes, shorter than an IPv6 header");
        }
        int payloadLength = u16(p, 4);
        int nextHeader = p[6] & 0xff;
        int hopLimit = p[7] & 0xff;
        if (IPV6_HEADER + payloadLength > p.length) {
            return DecodeResult.reject(RejectReason.TRUNCATED, "IPv6 payload length " + payloadLength + " exceeds packet");
        }
        if (nextHeader != VrrpWire.IP_PROTOCOL) {
            return DecodeResult.reject(RejectReason.NOT_VRRP, "IPv6 next header " + nextHeader);
        }
        InetAddress source = address(p, 8, 16);
        InetAddress destination = address(p, 24, 16);
        return decodeVrrp(p, IPV6_HEADER, payloadLength, source, destination, hopLimit, Optional.empty());
    }

    private static DecodeResult decodeVrrp(byte[] p, int start, int length, InetAddress source, InetAddress destination,
            int ttl, Optional<AhFields> ah) {
        if (length < VrrpWire.HEADER_LENGTH) {
            return DecodeResult.reject(RejectReason.TRUNCATED, "VRRP message of " + length + " bytes");
        }
        int versionNumber = (p[start] & 0xff) >>> 4;
        int type = p[start] & 0x0f;
        boolean ipv6 = source instanceof Inet6Address;
        VrrpVersion version;
        if (versionNumber == 2 && !ipv6) {
            version = VrrpVersion.V2;
        } else if (versionNumber == 3) {
            version = VrrpVersion.V3;
        } else {
            return DecodeResult.reject(RejectReason.WRONG_VERSION, "VRRP version " + versionNumber + (ipv6 ? " over IPv6" : ""));
        }
        if (type != VrrpWire.TYPE_ADVERTISEMENT) {
            return DecodeResult.reject(RejectReason.WRONG_TYPE, "VRRP type " + type);
        }
        int vrid = p[start + 1] & 0xff;
        int priority = p[start + 2] & 0xff;
        int count = p[start + 3] & 0xff;
        int addressLength = ipv6 ? 16 : 4;
        int expected = VrrpWire.HEADER_LENGTH + count * addressLength
                + (version == VrrpVersion.V2 ? VrrpWire.V2_AUTH_DATA_LENGTH : 0);
        if (length < expected) {
            return DecodeResult.reject(RejectReason.TRUNCATED, "VRRP message of " + length + " bytes, " + count
                    + " addresses need " + expected);
        }
        if (length > expected) {
            return DecodeResult.reject(RejectReason.MALFORMED, "VRRP message of " + length + " bytes, " + count
                    + " addresses need exactly " + expected);
        }
        if (vrid == 0) {
            return DecodeResult.reject(RejectReason.MALFORMED, "VRID 0");
        }
        int checksumResult = version == VrrpVersion.V2
                ? Checksums.internet(p, start, length)
                : AdvertisementEncoder.v3Checksum(p, start, length, source, destination);
        if (checksumResult != 0) {
            return DecodeResult.reject(RejectReason.BAD_CHECKSUM, "VRRP checksum 0x" + Integer.toHexString(u16(p, start + 6))
                    + " from " + source.getHostAddress() + " VRID " + vrid);
        }
        int intervalCentis;
        int authType;
        byte[] authData;
        if (version == VrrpVersion.V2) {
            authType = p[start + 4] & 0xff;
            intervalCentis = (p[start + 5] & 0xff) * 100;
            int authStart = start + expected - VrrpWire.V2_AUTH_DATA_LENGTH;
            authData = Arrays.copyOfRange(p, authStart, authStart + VrrpWire.V2_AUTH_DATA_LENGTH);
        } else {
            if (ah.isPresent()) {
                return DecodeResult.reject(RejectReason.AUTH_TYPE_MISMATCH, "VRRPv3 inside IPsec AH");
            }
            if ((p[start + 4] & 0xf0) != 0) {
                return DecodeResult.reject(RejectReason.MALFORMED, "VRRPv3 reserved bits set");
            }
            authType = 0;
            intervalCentis = u16(p, start + 4) & 0x0fff;
            authData = new byte[0];
        }
        if (intervalCentis == 0) {
            return DecodeResult.reject(RejectReason.MALFORMED, "advert interval 0 from " + source.getHostAddress());
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(address(p, start + VrrpWire.HEADER_LENGTH + i * addressLength, addressLength));
        }
        Advertisement advert = new Advertisement(version, vrid, priority, intervalCentis, addresses);
        return new DecodeResult.Decoded(new ReceivedAdvert(source, destination, ttl, advert, authType, authData, ah));
    }

    private static int u16(byte[] p, int at) {
        return ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
    }

    private static long u32(byte[] p, int at) {
        return ((long) u16(p, at) << 16) | u16(p, at + 2);
    }

    private static InetAddress address(byte[] p, int at, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(p, at, at + length));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always a valid address", e);
        }
    }

    static boolean isIpv4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}

package org.vrrpstudio.vrrp.packet;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * IPsec Authentication Header (RFC 4302) as keepalived uses it for VRRPv2: a 24-byte header
 * (payload length 4) with a 12-byte HMAC-MD5-96 ICV (RFC 2104, RFC 2403).
 */
public final class IpsecAh {
    public static final int IP_PROTOCOL = 51;
    public static final int HEADER_LENGTH = 24;
    /** The AH "payload length" field: header length in 32-bit words minus 2. */
    public static final int PAYLOAD_LENGTH_FIELD = HEADER_LENGTH / 4 - 2;
    public static final int ICV_LENGTH = 12;
    public static final int ICV_OFFSET = 12;

    private IpsecAh() {
    }

    /** HMAC-MD5 truncated to 96 bits over {@code authenticatedBytes}. */
    public static byte[] icv(byte[] key, byte[] authenticatedBytes) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return Arrays.copyOf(mac.doFinal(authenticatedBytes), ICV_LENGTH);
        } catch (GeneralSecurityException e) {
            // every Java SE runtime must provide HmacMD5
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    /** 224.0.0.0/4, from the destination address's first byte. */
    private static boolean isMulticast(byte firstByte) {
        return (firstByte & 0xf0) == 0xe0;
    }

    public static boolean verify(byte[] key, AhFields ah) {
        return MessageDigest.isEqual(icv(key, ah.authenticatedBytes()), ah.icv());
    }

    /**
     * A copy of an IPv4 packet with the fields an ICV does not cover zeroed: TOS, flags/fragment offset,
     * header checksum and the ICV itself. The TTL depends on the destination, as keepalived 2.2.7 does it (found
     * by checking its captured adverts, see AdvertisementCodecTest): an advert to the multicast group covers the TTL
     * (unlike RFC 4302 §3.3.3.1.1.1; VRRP requires 255 anyway), a unicast advert to a {@code unicast_peer} does not.
     */
    static byte[] zeroMutableFields(byte[] packet, int packetLength, int ipHeaderLength) {
        byte[] copy = Arrays.copyOf(packet, packetLength);
        copy[1] = 0;
        copy[6] = 0;
        copy[7] = 0;
        if (!isMulticast(copy[16])) {
            copy[8] = 0;
        }
        copy[10] = 0;
        copy[11] = 0;
        Arrays.fill(copy, ipHeaderLength + ICV_OFFSET, ipHeaderLength + ICV_OFFSET + ICV_LENGTH, (byte) 0);
        return copy;
    }
}

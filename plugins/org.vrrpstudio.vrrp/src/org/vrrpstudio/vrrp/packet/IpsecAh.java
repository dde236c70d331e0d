package org.vrrpstudio.vrrp.packet;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /** At most this many keys keep their prepared HMAC state (a director has one per AH instance). */
    private static final int PREPARED_KEYS = 256;
    private static final Map<Key, Prepared> PREPARED = new ConcurrentHashMap<>();

    /**
     * HMAC-MD5 truncated to 96 bits over {@code authenticatedBytes} (RFC 2104). The key's inner and outer pad blocks
     * are hashed once per key and kept: a packet then costs the MD5 of its own bytes and of the inner hash only. The
     * agent runs interpreted (no JIT), where javax.crypto.Mac with its per-call provider look-up and key set-up cost
     * ~9 times as much (measured 187 µs against 21 µs per advert) and was most of the agent's idle CPU (issue 18).
     */
    public static byte[] icv(byte[] key, byte[] authenticatedBytes) {
        Prepared prepared = PREPARED.get(new Key(key));
        if (prepared == null) {
            if (PREPARED.size() >= PREPARED_KEYS) {
                PREPARED.clear();
            }
            prepared = Prepared.of(key);
            PREPARED.put(new Key(key.clone()), prepared);
        }
        return prepared.icv(authenticatedBytes);
    }

    /** A key compared by content (a byte[] is not). */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** MD5 states after the inner (ipad) and outer (opad) key blocks; never updated, only cloned (so thread-safe). */
    private record Prepared(MessageDigest inner, MessageDigest outer) {
        private static final int BLOCK = 64;

        static Prepared of(byte[] key) {
            byte[] k = key.length > BLOCK ? md5().digest(key) : key;
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            MessageDigest inner = md5();
            inner.update(ipad);
            MessageDigest outer = md5();
            outer.update(opad);
            return new Prepared(inner, outer);
        }

        byte[] icv(byte[] data) {
            MessageDigest in = copy(inner);
            in.update(data);
            MessageDigest out = copy(outer);
            out.update(in.digest());
            return Arrays.copyOf(out.digest(), ICV_LENGTH);
        }

        private static MessageDigest copy(MessageDigest prototype) {
            try {
                return (MessageDigest) prototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("MD5 digest not cloneable", e); // the JDK's is
            }
        }

        private static MessageDigest md5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                // every Java SE runtime must provide MD5
                throw new IllegalStateException("MD5 unavailable", e);
            }
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

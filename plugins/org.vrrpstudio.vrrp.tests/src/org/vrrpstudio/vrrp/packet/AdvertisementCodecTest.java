package org.vrrpstudio.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;
import static org.vrrpstudio.vrrp.packet.Addresses.v6;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;

class AdvertisementCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Advertisement VI_1 = new Advertisement(VrrpVersion.V2, 51, 150, 100,
            List.of(v4("192.168.200.10"), v4("192.168.200.11")));

    @Test
    void v2MessageMatchesHandAssembledBytes() {
        byte[] message = AdvertisementEncoder.vrrpMessage(VI_1, AuthConfig.none(), v4("192.168.200.5"), VrrpWire.IPV4_GROUP);
        // 0x21 v2/advert, VRID 0x33, prio 0x96, 2 addrs, auth 0, interval 1 s, checksum 0x3761 (summed by hand)
        assertEquals("2133960200013761" + "c0a8c80a" + "c0a8c80b" + "0000000000000000", HEX.formatHex(message));
    }

    @Test
    void v2PasswordGoesZeroPaddedIntoAuthData() {
        byte[] message = AdvertisementEncoder.vrrpMessage(VI_1, AuthConfig.password("secret"), v4("192.168.200.5"),
                VrrpWire.IPV4_GROUP);
        assertEquals(1, message[4]);
        assertEquals("7365637265740000", HEX.formatHex(message, message.length - 8, message.length));
        assertEquals(0, Checksums.internet(message, 0, message.length));
    }

    @Test
    void passwordLongerThanEightBytesIsTruncatedLikeKeepalived() {
        assertEquals(AuthConfig.password("12345678"), AuthConfig.password("123456789"));
        assertFalse(AuthConfig.password("k@l!ve1").toString().contains("k@l"));
    }

    @Test
    void ipv4PacketRoundTripsWithoutAuthentication() {
        byte[] packet = AdvertisementEncoder.ipv4Packet(VI_1, AuthConfig.none(), v4("192.168.200.5"), VrrpWire.IPV4_GROUP, 0, 7);
        assertEquals("45c0002c00070000ff70", HEX.formatHex(packet, 0, 10));
        assertEquals(0, Checksums.internet(packet, 0, 20));
        ReceivedAdvert received = decoded(packet);
        assertEquals(VI_1, received.advert());
        assertEquals(v4("192.168.200.5"), received.source());
        assertEquals(Optional.empty(), AdvertAuthenticator.check(received, AuthConfig.none()));
    }

    @Test
    void ahPacketHasKeepalivedLayoutAndVerifies() {
        AuthConfig auth = AuthConfig.ah("k@l!ve1");
        byte[] packet = AdvertisementEncoder.ipv4Packet(VI_1, auth, v4("192.168.200.5"), VrrpWire.IPV4_GROUP, 42, 1);
        assertEquals(20 + 24 + 24, packet.length);
        assertEquals(51, packet[9]);
        // AH: next header 112, payload length 4, reserved, SPI = source address, sequence 42
        assertEquals("70040000" + "c0a8c805" + "0000002a", HEX.formatHex(packet, 20, 32));
        assertEquals(VrrpWire.AUTH_TYPE_IN_AH_PACKET, packet[44 + 4]);
        ReceivedAdvert received = decoded(packet);
        assertEquals(42, received.ah().orElseThrow().sequence());
        assertEquals(Optional.empty(), AdvertAuthenticator.check(received, auth));
        assertEquals(RejectReason.BAD_ICV, AdvertAuthenticator.check(received, AuthConfig.ah("other")).orElseThrow().reason());
        assertEquals(RejectReason.AUTH_TYPE_MISMATCH, AdvertAuthenticator.check(received, AuthConfig.none()).orElseThrow().reason());
    }

    @Test
    void ahIcvIgnoresMutableFieldsButCoversTheRest() {
        AuthConfig auth = AuthConfig.ah("k@l!ve1");
        byte[] packet = AdvertisementEncoder.ipv4Packet(VI_1, auth, v4("192.168.200.5"), VrrpWire.IPV4_GROUP, 9, 1);
        byte[] tosChanged = packet.clone();
        tosChanged[1] = 0;
        refreshIpChecksum(tosChanged);
        assertEquals(Optional.empty(), AdvertAuthenticator.check(decoded(tosChanged), auth));

        byte[] idChanged = packet.clone();
        idChanged[5] = 2;
        refreshIpChecksum(idChanged);
        assertEquals(RejectReason.BAD_ICV, AdvertAuthenticator.check(decoded(idChanged), auth).orElseThrow().reason());
    }

    @Test
    void ahIcvEqualsIndependentHmacComputation() throws Exception {
        AuthConfig auth = AuthConfig.ah("k@l!ve1");
        byte[] packet = AdvertisementEncoder.ipv4Packet(VI_1, auth, v4("192.168.200.5"), VrrpWire.IPV4_GROUP, 1, 1);
        byte[] input = packet.clone();
        for (int i : new int[] {1, 6, 7, 10, 11}) { // TOS, flags/fragment, checksum: the TTL is covered (keepalived)
            input[i] = 0;
        }
        java.util.Arrays.fill(input, 32, 44, (byte) 0);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
        mac.init(new javax.crypto.spec.SecretKeySpec("k@l!ve1".getBytes(), "HmacMD5")); // unpadded: HMAC pads keys itself
        byte[] expected = java.util.Arrays.copyOf(mac.doFinal(input), 12);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(packet, 32, 44));
    }

    /**
     * An advert keepalived 2.2.7 sent in our namespace lab (seed mirror, VI_3: vrid 53, priority 150, AH with
     * auth_pass "k@l!ve3", which keepalived reads as "k@l"). Our decoder must accept it with that key, and our
     * encoder must produce the same bytes from the same inputs: that is what interoperating on the wire means.
     */
    private static final String KEEPALIVED_AH_ADVERT = "45c0004400010000ff335204c0a8c806e0000012"
            + "70040000c0a8c80600000001c1e68bb19fc4b89979316c3a" + "213596020201355bc0a8c80cc0a8c80d0000000000000000";

    @Test
    void keepalivedsCapturedAhAdvertVerifiesAndOursIsByteIdentical() {
        byte[] captured = HEX.parseHex(KEEPALIVED_AH_ADVERT);
        ReceivedAdvert received = decoded(captured);
        assertEquals(Optional.empty(), AdvertAuthenticator.check(received, AuthConfig.ah("k@l")));
        assertTrue(AdvertAuthenticator.check(received, AuthConfig.ah("k@l!ve3")).isPresent(), "wrong key rejected");
        Advertisement vi3 = new Advertisement(VrrpVersion.V2, 53, 150, 100, List.of(v4("192.168.200.12"), v4("192.168.200.13")));
        byte[] ours = AdvertisementEncoder.ipv4Packet(vi3, AuthConfig.ah("k@l"), v4("192.168.200.6"), VrrpWire.IPV4_GROUP, 1, 1);
        assertEquals(KEEPALIVED_AH_ADVERT, HEX.formatHex(ours));
    }

    /**
     * A unicast advert keepalived 2.2.7 sent from 10.9.0.1 to its unicast_peer 10.9.0.2 (vrid 77, priority 100,
     * AH with auth_pass "secret"), captured in a namespace pair: here the ICV does not cover the TTL.
     */
    private static final String KEEPALIVED_UNICAST_AH_ADVERT = "45c0004000010000ff33a6b50a0900010a090002"
            + "700400000a090001000000012f6ed03b0b898015a211b543" + "214d640102016e430a0900640000000000000000";

    @Test
    void keepalivedsCapturedUnicastAhAdvertVerifiesAndOursIsByteIdentical() {
        byte[] captured = HEX.parseHex(KEEPALIVED_UNICAST_AH_ADVERT);
        ReceivedAdvert received = decoded(captured);
        assertEquals(Optional.empty(), AdvertAuthenticator.check(received, AuthConfig.ah("secret")));
        Advertisement vx = new Advertisement(VrrpVersion.V2, 77, 100, 100, List.of(v4("10.9.0.100")));
        byte[] ours = AdvertisementEncoder.ipv4Packet(vx, AuthConfig.ah("secret"), v4("10.9.0.1"), v4("10.9.0.2"), 1, 1);
        assertEquals(KEEPALIVED_UNICAST_AH_ADVERT, HEX.formatHex(ours));
        // the multicast rule (TTL 255 covered) gives another ICV: the rule really depends on the destination
        byte[] ttlCovered = IpsecAh.zeroMutableFields(captured, captured.length, 20);
        ttlCovered[8] = (byte) 255;
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(captured, 32, 44),
                IpsecAh.icv("secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII), ttlCovered)));
    }

    @Test
    void passwordMismatchIsRejected() {
        byte[] packet = AdvertisementEncoder.ipv4Packet(VI_1, AuthConfig.password("one"), v4("192.168.200.5"),
                VrrpWire.IPV4_GROUP, 0, 1);
        ReceivedAdvert received = decoded(packet);
        assertEquals(Optional.empty(), AdvertAuthenticator.check(received, AuthConfig.password("one")));
        Rejection rejection = AdvertAuthenticator.check(received, AuthConfig.password("two")).orElseThrow();
        assertEquals(RejectReason.AUTH_PASS_MISMATCH, rejection.reason());
        assertFalse(rejection.detail().contains("one"));
        assertFalse(received.toString().contains("one"));
    }

    @Test
    void v3Ipv4UsesCentisecondsAndPseudoHeaderChecksum() {
        Advertisement ad = new Advertisement(VrrpVersion.V3, 10, 200, 5, List.of(v4("10.0.0.1")));
        byte[] packet = AdvertisementEncoder.ipv4Packet(ad, AuthConfig.none(), v4("10.0.0.2"), VrrpWire.IPV4_GROUP, 0, 1);
        assertEquals("310ac8010005", HEX.formatHex(packet, 20, 26));
        assertEquals(ad, decoded(packet).advert());
        // the same message checked without the pseudo-header must not sum to zero
        assertTrue(Checksums.internet(packet, 20, packet.length - 20) != 0);
    }

    @Test
    void v3Ipv6RoundTrips() {
        Advertisement ad = new Advertisement(VrrpVersion.V3, 7, 100, 100, List.of(v6("fe80::1"), v6("2001:db8::1")));
        byte[] packet = AdvertisementEncoder.ipv6Packet(ad, v6("fe80::2"), VrrpWire.IPV6_GROUP);
        assertEquals(40 + 8 + 32, packet.length);
        assertEquals(ad, decoded(packet).advert());
        byte[] bare = java.util.Arrays.copyOfRange(packet, 40, packet.length);
        DecodeResult viaSocket = AdvertisementDecoder.decodeVrrpMessage(v6("fe80::2"), VrrpWire.IPV6_GROUP, 255, bare);
        assertEquals(ad, assertInstanceOf(DecodeResult.Decoded.class, viaSocket).advert().advert());
    }

    @Test
    void badInputBecomesTypedRejections() {
        byte[] good = AdvertisementEncoder.ipv4Packet(VI_1, AuthConfig.none(), v4("192.168.200.5"), VrrpWire.IPV4_GROUP, 0, 1);
        assertRejected(RejectReason.TRUNCATED, new byte[0]);
        assertRejected(RejectReason.TRUNCATED, java.util.Arrays.copyOf(good, 30));

        byte[] ttl = good.clone();
        ttl[8] = 64;
        refreshIpChecksum(ttl);
        assertEquals(64, decoded(ttl).ttl(), "the TTL is passed on: the instance judges it (multicast or unicast)");

        byte[] checksum = good.clone();
        checksum[27] ^= 1;
        assertRejected(RejectReason.BAD_CHECKSUM, checksum);

        byte[] ipChecksum = good.clone();
        ipChecksum[11] ^= 1;
        assertRejected(RejectReason.BAD_IP_CHECKSUM, ipChecksum);

        byte[] version = good.clone();
        version[20] = 0x41;
        assertRejected(RejectReason.WRONG_VERSION, version);

        byte[] type = good.clone();
        type[20] = 0x22;
        assertRejected(RejectReason.WRONG_TYPE, type);

        byte[] udp = good.clone();
        udp[9] = 17;
        refreshIpChecksum(udp);
        assertRejected(RejectReason.NOT_VRRP, udp);
    }

    private static void assertRejected(RejectReason expected, byte[] packet) {
        DecodeResult result = AdvertisementDecoder.decodeIpPacket(packet);
        assertEquals(expected, assertInstanceOf(DecodeResult.Rejected.class, result).rejection().reason(), result::toString);
    }

    static ReceivedAdvert decoded(byte[] packet) {
        DecodeResult result = AdvertisementDecoder.decodeIpPacket(packet);
        return assertInstanceOf(DecodeResult.Decoded.class, result, result::toString).advert();
    }

    static void refreshIpChecksum(byte[] packet) {
        packet[10] = 0;
        packet[11] = 0;
        int checksum = Checksums.internet(packet, 0, 20);
        packet[10] = (byte) (checksum >>> 8);
        packet[11] = (byte) checksum;
    }
}

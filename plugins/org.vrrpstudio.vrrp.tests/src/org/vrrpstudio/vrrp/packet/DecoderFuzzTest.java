package org.vrrpstudio.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;
import static org.vrrpstudio.vrrp.packet.Addresses.v6;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;

/**
 * Property: whatever bytes arrive, the decoder and the authenticator return a decode or a typed rejection,
 * never an exception. Seeded, so a failure is reproducible.
 */
class DecoderFuzzTest {
    private static final long SEED = 0x5eed_0f_7277L;
    private static final AuthConfig AH = AuthConfig.ah("k@l!ve1");

    @Test
    void mutatedValidPacketsAndRandomBytesNeverThrow() {
        Random random = new Random(SEED);
        List<byte[]> seeds = validPackets(random);
        Set<RejectReason> seen = EnumSet.noneOf(RejectReason.class);
        int decoded = 0;
        int iterations = 60_000;
        for (int i = 0; i < iterations; i++) {
            byte[] input = i % 10 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            DecodeResult result = AdvertisementDecoder.decodeIpPacket(input);
            switch (result) {
                case DecodeResult.Rejected r -> seen.add(r.rejection().reason());
                case DecodeResult.Decoded d -> {
                    decoded++;
                    for (AuthConfig auth : List.of(AuthConfig.none(), AuthConfig.password("x"), AH)) {
                        AdvertAuthenticator.check(d.advert(), auth).ifPresent(r -> seen.add(r.reason()));
                    }
                }
            }
        }
        assertTrue(decoded > 1000, "mutations should leave many packets decodable: " + decoded);
        assertTrue(seen.containsAll(EnumSet.of(RejectReason.TRUNCATED, RejectReason.MALFORMED, RejectReason.BAD_CHECKSUM,
                RejectReason.BAD_IP_CHECKSUM, RejectReason.WRONG_VERSION, RejectReason.BAD_ICV)), seen::toString);
    }

    @Test
    void unmutatedSeedsDecodeAndAuthenticate() {
        for (byte[] packet : validPackets(new Random(SEED))) {
            DecodeResult result = AdvertisementDecoder.decodeIpPacket(packet);
            assertTrue(result instanceof DecodeResult.Decoded, result::toString);
        }
        byte[] ah = AdvertisementEncoder.ipv4Packet(advert(VrrpVersion.V2, 1), AH, v4("10.1.1.1"), VrrpWire.IPV4_GROUP, 1, 1);
        DecodeResult.Decoded d = (DecodeResult.Decoded) AdvertisementDecoder.decodeIpPacket(ah);
        assertEquals(java.util.Optional.empty(), AdvertAuthenticator.check(d.advert(), AH));
    }

    private static List<byte[]> validPackets(Random random) {
        List<byte[]> packets = new ArrayList<>();
        for (int count = 0; count <= 3; count++) {
            packets.add(AdvertisementEncoder.ipv4Packet(advert(VrrpVersion.V2, count), AuthConfig.none(), v4("10.1.1.1"), VrrpWire.IPV4_GROUP, 0, 9));
            packets.add(AdvertisementEncoder.ipv4Packet(advert(VrrpVersion.V2, count), AuthConfig.password("pw"), v4("10.1.1.1"), VrrpWire.IPV4_GROUP, 0, 9));
            packets.add(AdvertisementEncoder.ipv4Packet(advert(VrrpVersion.V2, count), AH, v4("10.1.1.1"), VrrpWire.IPV4_GROUP, random.nextInt() & 0xffffffffL, 9));
            packets.add(AdvertisementEncoder.ipv4Packet(advert(VrrpVersion.V3, count), AuthConfig.none(), v4("10.1.1.1"), VrrpWire.IPV4_GROUP, 0, 9));
            List<java.net.InetAddress> v6s = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                v6s.add(v6("2001:db8::" + (i + 1)));
            }
            packets.add(AdvertisementEncoder.ipv6Packet(new Advertisement(VrrpVersion.V3, 9, 100, 100, v6s), v6("fe80::1"), VrrpWire.IPV6_GROUP));
        }
        return packets;
    }

    private static Advertisement advert(VrrpVersion version, int addresses) {
        List<java.net.InetAddress> list = new ArrayList<>();
        for (int i = 0; i < addresses; i++) {
            list.add(v4("192.168.0." + (i + 1)));
        }
        return new Advertisement(version, 42, 100, 100, list);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] packet = original.clone();
        switch (random.nextInt(6)) {
            case 0 -> packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8)); // bit flip
            case 1 -> packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);       // byte set
            case 2 -> packet = java.util.Arrays.copyOf(packet, random.nextInt(packet.length));   // truncate
            case 3 -> packet = java.util.Arrays.copyOf(packet, packet.length + 1 + random.nextInt(40)); // extend
            case 4 -> { // a header field to an extreme value, IP checksum fixed so deeper code is reached
                int at = random.nextInt(Math.min(packet.length, 48));
                packet[at] = (byte) (random.nextBoolean() ? 0 : 0xff);
                if (packet[0] == 0x45) {
                    AdvertisementCodecTest.refreshIpChecksum(packet);
                }
            }
            default -> { // several random bytes, IP checksum fixed
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
                }
                if ((packet[0] & 0xf0) == 0x40 && packet.length >= 20) {
                    AdvertisementCodecTest.refreshIpChecksum(packet);
                }
            }
        }
        return packet;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(120)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
        }
        return bytes;
    }
}

package org.vrrpstudio.vrrp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;
import static org.vrrpstudio.vrrp.packet.Addresses.v6;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;
import org.vrrpstudio.vrrp.packet.RejectReason;
import org.vrrpstudio.vrrp.packet.VrrpWire;
import org.vrrpstudio.vrrp.sim.VirtualClock;

/**
 * The TTL (hop limit) rule: a multicast instance accepts only adverts that were not routed (255, RFC 3768/5798 §7.1);
 * a unicast instance, which may span routed subnets, accepts its peer's adverts with any TTL, as keepalived does (its
 * IPv6 unicast adverts leave with the default hop limit).
 */
class TtlCheckTest {

    private static final PacketSender DISCARD = (iface, packet) -> { };

    private static VrrpNode backup(InstanceConfig.Builder instance, InterfaceConfig iface, VirtualClock clock) {
        VrrpNode node = new VrrpNode(new NodeConfig("local", List.of(iface), List.of(instance.priority(100).build()), List.of()),
                new EngineIo(clock, clock, DISCARD, AddressActions.NONE));
        node.start();
        return node;
    }

    private static byte[] withTtl(byte[] ipv4Packet, int ttl) {
        byte[] copy = ipv4Packet.clone();
        copy[8] = (byte) ttl;
        copy[10] = 0;
        copy[11] = 0;
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (copy[i] & 0xff) << 8 | copy[i + 1] & 0xff;
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = ~((sum & 0xffff) + (sum >>> 16)) & 0xffff;
        copy[10] = (byte) (sum >>> 8);
        copy[11] = (byte) sum;
        return copy;
    }

    @Test
    void multicastInstanceRefusesARoutedAdvertAndStaysBackupUntilItsTimerRuns() {
        VirtualClock clock = new VirtualClock();
        VrrpNode node = backup(InstanceConfig.builder("VI", "eth0", 51).virtualAddress(v4("192.168.200.10")),
                new InterfaceConfig("eth0", v4("192.168.200.5")), clock);
        Advertisement higher = new Advertisement(VrrpVersion.V2, 51, 150, 100, List.of(InetAddress.ofLiteral("192.168.200.10")));
        byte[] advert = AdvertisementEncoder.ipv4Packet(higher, AuthConfig.none(), v4("192.168.200.6"), VrrpWire.IPV4_GROUP, 0, 1);

        node.onPacket("eth0", withTtl(advert, 64));
        assertEquals(1, node.rejectCounters().get(RejectReason.WRONG_TTL));
        node.onPacket("eth0", advert);
        assertEquals(1, node.rejectCounters().total(), "the same advert with TTL 255 is accepted");
    }

    @Test
    void unicastInstanceAcceptsItsPeersAdvertWithAnyHopLimit() {
        VirtualClock clock = new VirtualClock();
        VrrpNode node = backup(InstanceConfig.builder("V6", "eth0", 71).version(VrrpVersion.V3)
                .virtualAddress(v6("2001:db8:200::71")).sourceAddress(v6("2001:db8:200::5")).unicastPeer(v6("2001:db8:200::6")),
                new InterfaceConfig("eth0", v4("192.168.200.5"), Optional.of(v6("fe80::5"))), clock);
        Advertisement higher = new Advertisement(VrrpVersion.V3, 71, 150, 100, List.of(v6("2001:db8:200::71")));
        byte[] message = AdvertisementEncoder.ipv6Packet(higher, v6("2001:db8:200::6"), v6("2001:db8:200::5"));
        message = java.util.Arrays.copyOfRange(message, 40, message.length);

        for (int i = 0; i < 10; i++) { // keepalived's IPv6 unicast: hop limit 64, once a second
            clock.runUntil(clock.now().plus(Duration.ofSeconds(1)));
            node.onVrrpMessage("eth0", v6("2001:db8:200::6"), v6("2001:db8:200::5"), 64, message);
        }
        assertEquals(0, node.rejectCounters().total(), node.rejectCounters().toString());
        assertEquals(Optional.of(VrrpState.BACKUP), node.state("V6"), "the peer's priority 150 holds it in BACKUP");

        byte[] stranger = AdvertisementEncoder.ipv6Packet(higher, v6("2001:db8:200::7"), v6("2001:db8:200::5"));
        node.onVrrpMessage("eth0", v6("2001:db8:200::7"), v6("2001:db8:200::5"), 255,
                java.util.Arrays.copyOfRange(stranger, 40, stranger.length));
        assertEquals(1, node.rejectCounters().get(RejectReason.NOT_A_PEER), "the peer list still guards it");
    }

    @Test
    void aPeersMinAndMaxTtlDropItsAdvertsOutsideTheRange() {
        VirtualClock clock = new VirtualClock();
        VrrpNode node = backup(InstanceConfig.builder("VU", "eth0", 61).virtualAddress(v4("192.168.200.61"))
                .sourceAddress(v4("192.168.200.5")).unicastPeer(v4("192.168.200.6"))
                .peerTtl(v4("192.168.200.6"), new org.vrrpstudio.vrrp.config.TtlRange(250, 255)),
                new InterfaceConfig("eth0", v4("192.168.200.5")), clock);
        Advertisement higher = new Advertisement(VrrpVersion.V2, 61, 150, 100, List.of(v4("192.168.200.61")));
        byte[] advert = AdvertisementEncoder.ipv4Packet(higher, AuthConfig.none(), v4("192.168.200.6"), v4("192.168.200.5"), 0, 1);

        node.onPacket("eth0", withTtl(advert, 64));
        assertEquals(1, node.rejectCounters().get(RejectReason.TTL_OUT_OF_RANGE), node.rejectCounters().toString());
        node.onPacket("eth0", withTtl(advert, 252));
        assertEquals(1, node.rejectCounters().total(), "a TTL inside min_ttl..max_ttl is accepted");
    }

    @Test
    void unicastTtlIsTheTtlOfAdvertsSentToThePeers() {
        VirtualClock clock = new VirtualClock();
        List<byte[]> sent = new java.util.ArrayList<>();
        VrrpNode node = new VrrpNode(new NodeConfig("local", List.of(new InterfaceConfig("eth0", v4("192.168.200.5"))),
                List.of(InstanceConfig.builder("VU", "eth0", 61).virtualAddress(v4("192.168.200.61")).priority(150)
                        .startState(org.vrrpstudio.vrrp.config.StartState.MASTER).sourceAddress(v4("192.168.200.5"))
                        .unicastPeer(v4("192.168.200.6")).unicastTtl(64).build()), List.of()),
                new EngineIo(clock, clock, (iface, packet) -> sent.add(packet.clone()), AddressActions.NONE));
        node.start();
        clock.runUntil(clock.now().plus(Duration.ofSeconds(5)));
        assertEquals(false, sent.isEmpty(), "the master advertises");
        for (byte[] packet : sent) {
            assertEquals(64, packet[8] & 0xff);
        }
    }
}

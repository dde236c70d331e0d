package org.vrrpstudio.vrrp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.StartState;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;
import org.vrrpstudio.vrrp.packet.RejectReason;

/** keepalived's unicast mode (unicast_src_ip, unicast_peer) on the simulated LAN. */
class UnicastTest {

    /** A one-instance director at {@code address} on segment "lan", unicast to {@code peers}. */
    private static NodeConfig node(String name, String address, int priority, UnaryOperator<InstanceConfig.Builder> tweak,
            String... peers) {
        InstanceConfig.Builder builder = InstanceConfig.builder("VI", "eth0", 7).virtualAddress(v4("10.0.0.100"))
                .priority(priority).startState(priority > 100 ? StartState.MASTER : StartState.BACKUP);
        for (String peer : peers) {
            builder.unicastPeer(v4(peer));
        }
        return new NodeConfig(name, List.of(new InterfaceConfig("eth0", v4(address))), List.of(tweak.apply(builder).build()),
                List.of());
    }

    /** Every transmission on the LAN: destination and IP protocol, TTL, recorded by the delivery policy. */
    private static List<byte[]> record(SimulatedCluster cluster) {
        List<byte[]> seen = new ArrayList<>();
        cluster.network().setDeliveryPolicy(t -> {
            seen.add(t.packet());
            return List.of(SeedCluster.PACKET_DELAY);
        });
        return seen;
    }

    private static InetAddress destination(byte[] packet) throws Exception {
        return InetAddress.getByAddress(Arrays.copyOfRange(packet, 16, 20));
    }

    private static InetAddress source(byte[] packet) throws Exception {
        return InetAddress.getByAddress(Arrays.copyOfRange(packet, 12, 16));
    }

    @Test
    void twoUnicastDirectorsElectAndFailOverWithoutAnyMulticast() throws Exception {
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        cluster.addDirector(node("a", "10.0.0.1", 150, UnaryOperator.identity(), "10.0.0.2"), Map.of("eth0", "lan"));
        cluster.addDirector(node("b", "10.0.0.2", 100, UnaryOperator.identity(), "10.0.0.1"), Map.of("eth0", "lan"));
        List<byte[]> seen = record(cluster);
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        assertEquals("MASTER distribution: a (VI); b (none)", cluster.distribution());
        assertTrue(seen.size() >= 5, "a advertised: " + seen.size());
        for (byte[] packet : seen) {
            assertEquals(v4("10.0.0.1"), source(packet));
            assertEquals(v4("10.0.0.2"), destination(packet), "unicast to the peer, never 224.0.0.18");
            assertEquals(255, packet[8] & 0xff, "TTL");
            assertEquals(112, packet[9] & 0xff, "protocol");
        }
        assertEquals(0, cluster.node("b").rejectCounters().total(), cluster.node("b").rejectCounters().toString());

        Instant pulled = cluster.clock().now();
        cluster.setLinkUp("a", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(20));
        assertEquals("MASTER distribution: a (none); b (VI)", cluster.distribution());
        StateTransition bMaster = cluster.timeline().since(pulled).stream()
                .filter(t -> t.node().equals("b") && t.to() == VrrpState.MASTER).findFirst().orElseThrow();
        assertEquals(TransitionReason.MASTER_DOWN_TIMER, bMaster.reason());
        double after = Duration.between(pulled, bMaster.time()).toNanos() / 1e9;
        // Master_Down_Interval at priority 100: 3 + 156/256 s after a's last advert (at most 1 s before the pull)
        assertTrue(after > 2.6 && after < 3.62, () -> "b took over " + after + " s after the pull");
        assertTrue(seen.stream().anyMatch(p -> {
            try {
                return source(p).equals(v4("10.0.0.2")) && destination(p).equals(v4("10.0.0.1"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }), "b, now master, advertises to a by unicast");

        cluster.setLinkUp("a", "eth0", true);
        cluster.runUntil(Duration.ofSeconds(30));
        assertEquals("MASTER distribution: a (VI); b (none)", cluster.distribution(), "a preempts again");
    }

    @Test
    void unicastSourceAddressIsUsedAndAhWorksPerPeer() throws Exception {
        // a sends from a secondary address 10.0.0.11; b lists that one as its peer. Three directors: a advertises
        // to both others, one AH sequence number per packet
        UnaryOperator<InstanceConfig.Builder> ah = b -> b.auth(AuthConfig.ah("secret"));
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        cluster.addDirector(node("a", "10.0.0.1", 150, b -> ah.apply(b).sourceAddress(v4("10.0.0.11")), "10.0.0.2", "10.0.0.3"),
                Map.of("eth0", "lan"));
        cluster.addDirector(node("b", "10.0.0.2", 100, ah, "10.0.0.11", "10.0.0.3"), Map.of("eth0", "lan"));
        cluster.addDirector(node("c", "10.0.0.3", 90, ah, "10.0.0.11", "10.0.0.2"), Map.of("eth0", "lan"));
        List<byte[]> seen = record(cluster);
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        assertEquals("MASTER distribution: a (VI); b (none); c (none)", cluster.distribution());
        Set<InetAddress> destinations = new HashSet<>();
        for (byte[] packet : seen) {
            assertEquals(v4("10.0.0.11"), source(packet));
            assertEquals(51, packet[9] & 0xff, "AH");
            assertEquals(255, packet[8] & 0xff, "TTL");
            destinations.add(destination(packet));
        }
        assertEquals(Set.of(v4("10.0.0.2"), v4("10.0.0.3")), destinations);
        assertEquals(0, cluster.node("b").rejectCounters().total(), cluster.node("b").rejectCounters().toString());
        assertEquals(0, cluster.node("c").rejectCounters().total(), cluster.node("c").rejectCounters().toString());

        cluster.crash("a");
        cluster.runUntil(Duration.ofSeconds(20));
        // a's engine object keeps its last state after a crash; what counts is b and c electing among themselves
        assertEquals(VrrpState.MASTER, cluster.node("b").state("VI").orElseThrow());
        assertEquals(VrrpState.BACKUP, cluster.node("c").state("VI").orElseThrow());
        assertEquals(0, cluster.node("c").rejectCounters().total(), cluster.node("c").rejectCounters().toString());
    }

    @Test
    void advertFromAnAddressThatIsNotAPeerIsRejectedAndCounted() {
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        cluster.addDirector(node("a", "10.0.0.1", 150, UnaryOperator.identity(), "10.0.0.2"), Map.of("eth0", "lan"));
        cluster.addDirector(node("b", "10.0.0.2", 100, UnaryOperator.identity(), "10.0.0.1"), Map.of("eth0", "lan"));
        // c (not listed by a) claims the VRID with a higher priority, unicast to a
        cluster.addDirector(node("c", "10.0.0.3", 200, UnaryOperator.identity(), "10.0.0.1"), Map.of("eth0", "lan"));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        long rejected = cluster.node("a").rejectCounters().get(RejectReason.NOT_A_PEER);
        assertTrue(rejected >= 5, "c's adverts counted as NOT_A_PEER on a: " + rejected);
        assertEquals(VrrpState.MASTER, cluster.node("a").state("VI").orElseThrow(), "c's priority 200 did not move a");
        assertEquals(VrrpState.BACKUP, cluster.node("b").state("VI").orElseThrow());
        assertEquals(0, cluster.node("b").rejectCounters().total(), "nothing addressed to a reached b");
        assertFalse(cluster.timeline().transitions().stream()
                .anyMatch(t -> t.node().equals("a") && t.from() == VrrpState.MASTER), cluster.timeline().format());
    }

    @Test
    void aMulticastDirectorHearsNothingFromAUnicastPair() {
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        cluster.addDirector(node("a", "10.0.0.1", 150, UnaryOperator.identity(), "10.0.0.2"), Map.of("eth0", "lan"));
        cluster.addDirector(node("b", "10.0.0.2", 100, UnaryOperator.identity(), "10.0.0.1"), Map.of("eth0", "lan"));
        cluster.addDirector(node("m", "10.0.0.9", 50, UnaryOperator.identity()), Map.of("eth0", "lan"));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        // m never hears a's adverts, so it is master of its own view (the split brain a half-unicast setup gives)
        assertEquals(VrrpState.MASTER, cluster.node("m").state("VI").orElseThrow());
        assertEquals(VrrpState.MASTER, cluster.node("a").state("VI").orElseThrow());
        // m's multicast adverts do reach a, from an address a does not list
        assertTrue(cluster.node("a").rejectCounters().get(RejectReason.NOT_A_PEER) > 0);
    }

    @Test
    void configRefusesASourceListedAsItsOwnPeerAndMixedFamilies() {
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> InstanceConfig.builder("VI", "eth0", 7).virtualAddress(v4("10.0.0.100")).sourceAddress(v4("10.0.0.1"))
                        .unicastPeer(v4("10.0.0.1")).build());
        assertTrue(self.getMessage().contains("source address 10.0.0.1"), self.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InstanceConfig.builder("VI", "eth0", 7).virtualAddress(v4("10.0.0.100"))
                        .unicastPeer(org.vrrpstudio.vrrp.packet.Addresses.v6("fe80::1")).build());
        assertThrows(IllegalArgumentException.class,
                () -> InstanceConfig.builder("VI", "eth0", 7).virtualAddress(v4("10.0.0.100"))
                        .unicastPeer(v4("10.0.0.2")).unicastPeer(v4("10.0.0.2")).build());
        InstanceConfig ok = InstanceConfig.builder("VI", "eth0", 7).virtualAddress(v4("10.0.0.100")).unicastPeer(v4("10.0.0.2")).build();
        assertTrue(ok.isUnicast());
        assertEquals(ok, ok.toBuilder().build(), "toBuilder keeps the peers");
    }
}

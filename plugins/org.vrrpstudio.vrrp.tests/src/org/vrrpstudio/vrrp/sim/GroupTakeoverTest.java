package org.vrrpstudio.vrrp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.GroupTakeover;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;
import org.vrrpstudio.vrrp.packet.RejectReason;

/**
 * Issue 18: group-aware takeover on the seed cluster. A priority-0 advert from the director that is MASTER of
 * every member of a sync group releases the whole group at once (pair) or after Skew_Time (ordered), while a
 * timeout still needs every member. Every scenario also checks the safety property: two directors are never
 * MASTER of one instance at the same time for longer than the round trip it takes the RFC election to settle it,
 * except where the directors cannot hear each other at all (then it is the same split brain as keepalived's).
 */
class GroupTakeoverTest {
    private static final Instant CUT = Instant.EPOCH.plusMillis(9420);
    private static final Duration SKEW_100 = Duration.ofNanos(609_375_000L);
    private static final Duration MDI_150 = Duration.ofNanos(3_414_062_500L);
    private static final String INITIAL = "MASTER distribution: d1 (VI_1, VI_2); d2 (VI_3, VI_4)";
    private static final String ALL_ON_D2 = "MASTER distribution: d1 (none); d2 (VI_1, VI_2, VI_3, VI_4)";
    /** Longest acceptable double mastership where the directors hear each other: a master answers at once. */
    private static final Duration ONE_ROUND_TRIP = SeedCluster.PACKET_DELAY.multipliedBy(2);

    // ---- the failover the issue is about

    @Test
    void eth0DownOnD1MovesTheWholeGroupOnePacketDelayAfterTheCutInAPair() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        cluster.setLinkUp("d1", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(20));
        List<String> d2 = lines(cluster, "d2");
        assertEquals(List.of("t=9.421 d2 VI_2 BACKUP->MASTER (sync group released by its master)",
                "t=9.421 d2 VI_1 BACKUP->MASTER (sync group)"), d2);
        StateTransition first = cluster.timeline().since(CUT).stream().filter(t -> t.node().equals("d2")).findFirst().orElseThrow();
        assertEquals(CUT.plus(SeedCluster.PACKET_DELAY), first.time());
        assertEquals(TransitionReason.GROUP_RELEASED, first.reason());
        assertEquals(ALL_ON_D2, cluster.distribution());
        assertTrue(cluster.addresses("d2").held("eth0").containsAll(List.of(v4("192.168.200.10"), v4("192.168.200.11"))));
        assertNoDoubleMastershipLongerThan(cluster, Duration.ZERO);
    }

    @Test
    void orderedModeKeepsSkewTimeButNoLongerWaitsForTheOtherMembersTimer() {
        SimulatedCluster cluster = converged(GroupTakeover.ORDERED);
        cluster.setLinkUp("d1", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(20));
        StateTransition first = cluster.timeline().since(CUT).stream().filter(t -> t.node().equals("d2")).findFirst().orElseThrow();
        // both members released: each after its own Skew_Time (both priority 100), not VI_1's 3.6 s timeout
        assertEquals(CUT.plus(SeedCluster.PACKET_DELAY).plus(SKEW_100), first.time());
        assertEquals(ALL_ON_D2, cluster.distribution());
        assertNoDoubleMastershipLongerThan(cluster, Duration.ZERO);
    }

    @Test
    void classicModeStillWaitsForEveryMembersTimeout() {
        SimulatedCluster cluster = converged(GroupTakeover.OFF);
        cluster.setLinkUp("d1", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(20));
        assertEquals(List.of("t=13.024 d2 VI_1 BACKUP->MASTER (master down timer)", "t=13.024 d2 VI_2 BACKUP->MASTER (sync group)"),
                lines(cluster, "d2"));
    }

    @Test
    void cleanStopHandsEverythingOverOnePacketDelayLaterInAPair() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        cluster.stop("d1");
        cluster.runUntil(Duration.ofSeconds(20));
        List<StateTransition> d2Masters = cluster.timeline().since(CUT).stream()
                .filter(t -> t.node().equals("d2") && t.to() == VrrpState.MASTER).toList();
        assertEquals(2, d2Masters.size());
        d2Masters.forEach(t -> assertEquals(CUT.plus(SeedCluster.PACKET_DELAY), t.time(), cluster.timeline().format(t)));
        assertEquals(ALL_ON_D2, cluster.distribution());
    }

    @Test
    void anUngroupedInstanceInAPairTakesOverWithoutSkew() {
        UnaryOperator<NodeConfig> ungroup = n -> new NodeConfig(n.name(), n.interfaces(), n.instances(), List.of(), n.groupTakeover());
        SimulatedCluster cluster = seed(GroupTakeover.PAIR, ungroup, UnaryOperator.identity());
        cluster.startAll();
        cluster.clock().runUntil(CUT);
        assertEquals(INITIAL, cluster.distribution());
        cluster.stop("d1");
        cluster.runUntil(Duration.ofSeconds(20));
        List<StateTransition> d2Masters = cluster.timeline().since(CUT).stream()
                .filter(t -> t.node().equals("d2") && t.to() == VrrpState.MASTER).toList();
        assertEquals(2, d2Masters.size());
        d2Masters.forEach(t -> assertEquals(TransitionReason.MASTER_RELEASED, t.reason()));
        d2Masters.forEach(t -> assertEquals(CUT.plus(SeedCluster.PACKET_DELAY), t.time()));
    }

    @Test
    void recoveryAfterEth0ReturnsIsMasterDownIntervalOfTheReturningDirector() {
        for (GroupTakeover mode : GroupTakeover.values()) {
            SimulatedCluster cluster = converged(mode);
            cluster.setLinkUp("d1", "eth0", false);
            cluster.runUntil(Duration.ofSeconds(20));
            Instant heal = cluster.clock().now();
            cluster.setLinkUp("d1", "eth0", true);
            cluster.runUntil(Duration.ofSeconds(30));
            StateTransition back = cluster.timeline().since(heal).stream()
                    .filter(t -> t.node().equals("d1") && t.to() == VrrpState.MASTER).findFirst().orElseThrow();
            // keepalived: 3.42 s in the lab; we used to need up to one advert interval more
            assertEquals(heal.plus(MDI_150), back.time(), mode.name());
            assertEquals(INITIAL, cluster.distribution(), mode.name());
            assertNoDoubleMastershipLongerThan(cluster, ONE_ROUND_TRIP);
        }
    }

    // ---- every fault scenario of FailureScenariosTest, in pair mode: same outcome, no longer split brain

    @Test
    void crashIsStillDetectedByTheTimerOnly() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        cluster.crash("d1");
        cluster.runUntil(Duration.ofSeconds(20));
        assertEquals(List.of("t=13.024 d2 VI_1 BACKUP->MASTER (master down timer)", "t=13.024 d2 VI_2 BACKUP->MASTER (sync group)"),
                lines(cluster, "d2"));
    }

    @Test
    void lostAdvertsBehaveAsInClassicMode() {
        SimulatedCluster twoLost = converged(GroupTakeover.PAIR);
        dropFromD1(twoLost, "lan200", "lan100", CUT, CUT.plusSeconds(2));
        twoLost.runUntil(Duration.ofSeconds(20));
        assertEquals(List.of(), twoLost.timeline().since(CUT));

        SimulatedCluster threeLost = converged(GroupTakeover.PAIR);
        dropFromD1(threeLost, "lan200", "lan100", CUT, CUT.plusSeconds(3));
        threeLost.runUntil(Duration.ofSeconds(20));
        assertEquals(INITIAL, threeLost.distribution());
        assertNoDoubleMastershipLongerThan(threeLost, ONE_ROUND_TRIP);
    }

    @Test
    void oneSegmentCutMovesNothing() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        cluster.network().setSegmentUp("lan200", false);
        cluster.runUntil(Duration.ofSeconds(20));
        assertEquals(List.of(), cluster.timeline().since(CUT));
        assertEquals(INITIAL, cluster.distribution());
    }

    @Test
    void interDirectorLinkCutSplitsAsInClassicModeAndHeals() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        cluster.network().setSegmentUp("lan200", false);
        cluster.network().setSegmentUp("lan100", false);
        cluster.runUntil(Duration.ofSeconds(20));
        // nobody can tell a dead peer from a cut link: the timers decide, exactly as keepalived (and OFF) do
        assertEquals("MASTER distribution: d1 (VI_1, VI_2, VI_3, VI_4); d2 (VI_1, VI_2, VI_3, VI_4)", cluster.distribution());
        List<StateTransition> split = cluster.timeline().since(CUT);
        assertTrue(split.stream().noneMatch(t -> t.reason() == TransitionReason.GROUP_RELEASED
                || t.reason() == TransitionReason.MASTER_RELEASED), split::toString);
        cluster.network().setSegmentUp("lan200", true);
        cluster.network().setSegmentUp("lan100", true);
        cluster.runUntil(Duration.ofSeconds(22));
        assertEquals(INITIAL, cluster.distribution());
    }

    @Test
    void mismatchedKeysAreRefusedAndNeverReleaseAGroup() {
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        Map<String, String> segments = Map.of("eth0", "lan200", "eth1", "lan100");
        cluster.addDirector(SeedCluster.director("d1", "5", true, UnaryOperator.identity()).withGroupTakeover(GroupTakeover.PAIR), segments);
        cluster.addDirector(SeedCluster.director("d2", "6", false, b -> b.auth(AuthConfig.ah("typo")))
                .withGroupTakeover(GroupTakeover.PAIR), segments);
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        cluster.stop("d1");
        cluster.runUntil(Duration.ofSeconds(12));
        assertTrue(cluster.node("d2").rejectCounters().get(RejectReason.BAD_ICV) > 0);
        assertTrue(cluster.timeline().transitions().stream().noneMatch(t -> t.reason() == TransitionReason.GROUP_RELEASED));
    }

    @Test
    void vrrpV3ShortIntervalsStillFailOverByTimerAndReleaseAtOnceOnStop() {
        SimulatedCluster cluster = seed(GroupTakeover.PAIR, UnaryOperator.identity(),
                b -> b.version(VrrpVersion.V3).auth(AuthConfig.none()).advertInterval(Duration.ofMillis(50)));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(1));
        assertEquals(INITIAL, cluster.distribution());
        Instant cut = cluster.clock().now();
        cluster.setLinkUp("d1", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(2));
        StateTransition takeover = cluster.timeline().since(cut).stream()
                .filter(t -> t.node().equals("d2") && t.to() == VrrpState.MASTER).findFirst().orElseThrow();
        assertEquals(cut.plus(SeedCluster.PACKET_DELAY), takeover.time());
        assertEquals(ALL_ON_D2, cluster.distribution());
    }

    @Test
    void peerRestartWithAhSequenceStartingOverConvergesInBothModes() {
        for (boolean cleanStop : new boolean[] {true, false}) {
            Map<GroupTakeover, Duration> longest = new HashMap<>();
            for (GroupTakeover mode : List.of(GroupTakeover.OFF, GroupTakeover.PAIR)) {
                SimulatedCluster cluster = converged(mode);
                if (cleanStop) {
                    cluster.stop("d1");
                } else {
                    cluster.crash("d1");
                }
                cluster.clock().runUntil(CUT.plusMillis(80));
                cluster.restart("d1"); // its AH sequence numbers start again at 1
                cluster.runUntil(Duration.ofSeconds(30));
                assertEquals(INITIAL, cluster.distribution(), mode + ", clean stop " + cleanStop);
                // d1 starts counting at 1 again but continues above the numbers it hears from d2 (as keepalived
                // does); should d2 still drop some as replays, that lasts only until nothing from d1 was accepted for
                // one Master_Down_Interval (AntiReplayWindow): the double mastership is bounded by it either way
                longest.put(mode, assertNoDoubleMastershipLongerThan(cluster, Duration.ofNanos(3_609_375_000L)));
            }
            // how long within that bound depends on where d2's advert phase falls (the next exchange after the
            // limit), not on the mode: classic and pair both stay below one Master_Down_Interval
            assertEquals(2, longest.size());
        }
    }

    // ---- forged, replayed and misplaced priority-0 adverts

    @Test
    void replayedPriorityZeroIsRefusedByAhAndMovesNothing() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        List<byte[]> captured = new ArrayList<>();
        // an attacker on lan100 records d1's VI_2 adverts for a while
        cluster.network().setDeliveryPolicy(t -> {
            if (t.from().node().equals("d1") && t.segment().equals("lan100") && t.packet()[9] == 51) {
                captured.add(t.packet());
            }
            return List.of(SeedCluster.PACKET_DELAY);
        });
        cluster.runUntil(Duration.ofSeconds(12));
        assertTrue(!captured.isEmpty());
        // replay the last one with priority 0 would need a new ICV; replaying it as is must be refused as old
        byte[] old = captured.getFirst();
        cluster.node("d2").onPacket("eth1", old);
        // forge a priority-0 advert from d1's address with a fresh sequence number but without the key
        Advertisement release = new Advertisement(VrrpVersion.V2, 52, 0, 100, List.of(v4("192.168.100.10")));
        byte[] forged = AdvertisementEncoder.ipv4Packet(release, AuthConfig.ah("guess"), (Inet4Address) v4("192.168.100.5"),
                (Inet4Address) v4("224.0.0.18"), 1_000_000, 4242);
        cluster.node("d2").onPacket("eth1", forged);
        cluster.runUntil(Duration.ofSeconds(20));
        assertEquals(1, cluster.node("d2").rejectCounters().get(RejectReason.REPLAYED));
        assertEquals(1, cluster.node("d2").rejectCounters().get(RejectReason.BAD_ICV));
        assertEquals(List.of(), cluster.timeline().since(CUT));
        assertEquals(INITIAL, cluster.distribution());
    }

    @Test
    void withPasswordAuthASpoofedPriorityZeroMovesTheGroupUntilTheRealMasterAnswers() {
        // the documented risk of PASS (and of no authentication): anyone on the LAN can send a release
        SimulatedCluster cluster = seed(GroupTakeover.PAIR, UnaryOperator.identity(), b -> b.auth(AuthConfig.password("secret")));
        cluster.startAll();
        cluster.clock().runUntil(CUT);
        assertEquals(INITIAL, cluster.distribution());
        Advertisement release = new Advertisement(VrrpVersion.V2, 52, 0, 100, List.of(v4("192.168.100.10")));
        byte[] spoofed = AdvertisementEncoder.ipv4Packet(release, AuthConfig.password("secret"), (Inet4Address) v4("192.168.100.5"),
                (Inet4Address) v4("224.0.0.18"), 0, 4242);
        cluster.node("d2").onPacket("eth1", spoofed);
        cluster.runUntil(Duration.ofSeconds(20));
        List<String> d2 = lines(cluster, "d2");
        assertEquals("t=9.420 d2 VI_2 BACKUP->MASTER (sync group released by its master)", d2.getFirst());
        // d1, still MASTER, answers d2's lower-priority adverts at once, and d2 backs off: one round trip
        assertEquals(INITIAL, cluster.distribution());
        assertNoDoubleMastershipLongerThan(cluster, ONE_ROUND_TRIP);
    }

    @Test
    void priorityZeroFromADirectorThatIsNotTheMasterOfTheGroupIsOnlyAnOrdinaryRelease() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        // a third box with the right key (fresh sequence) sends priority 0 for VI_2: it is not VI_2's master
        Advertisement release = new Advertisement(VrrpVersion.V2, 52, 0, 100, List.of(v4("192.168.100.10")));
        byte[] stranger = AdvertisementEncoder.ipv4Packet(release, AuthConfig.ah("k@l!ve2"), (Inet4Address) v4("192.168.100.7"),
                (Inet4Address) v4("224.0.0.18"), 1, 4242);
        cluster.node("d2").onPacket("eth1", stranger);
        cluster.runUntil(Duration.ofSeconds(20));
        // VI_2 waited Skew_Time and was then held by its group, since VI_1 still follows d1; d1's next advert
        // made VI_2 follow d1 again. Nothing moved.
        assertEquals(List.of(), cluster.timeline().since(CUT));
        assertEquals(INITIAL, cluster.distribution());
    }

    @Test
    void priorityZeroWhileAnotherMemberIsInFaultReleasesNothing() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        cluster.setLinkUp("d2", "eth0", false); // d2's VI_1 (and VI_3) in FAULT
        cluster.runUntil(Duration.ofSeconds(11));
        Instant stop = cluster.clock().now();
        cluster.stop("d1");
        cluster.runUntil(Duration.ofSeconds(20));
        // d2 cannot serve VI_1, so its group must not go MASTER: nobody holds VG1 (as with keepalived)
        assertTrue(cluster.timeline().since(stop).stream().noneMatch(t -> t.node().equals("d2") && t.to() == VrrpState.MASTER
                && (t.instance().equals("VI_1") || t.instance().equals("VI_2"))), () -> lines(cluster, "d2").toString());
    }

    @Test
    void oneWayLossFromD1OnOneSegmentStillMovesTheGroupOnTheReleaseThatArrives() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        // d1's adverts on lan200 (VI_1) stop reaching d2; d2's still reach d1
        dropFromD1(cluster, "lan200", "none", CUT, CUT.plusSeconds(60));
        cluster.runUntil(Duration.ofSeconds(15));
        // VI_1 on d2 timed out and wants MASTER, but VI_2 follows d1: held, no move (classic "and")
        assertEquals(INITIAL, cluster.distribution());
        Instant stop = cluster.clock().now();
        cluster.stop("d1"); // its priority 0 for VI_1 is lost, the one for VI_2 arrives
        cluster.runUntil(Duration.ofSeconds(20));
        StateTransition takeover = cluster.timeline().since(stop).stream()
                .filter(t -> t.node().equals("d2") && t.to() == VrrpState.MASTER).findFirst().orElseThrow();
        assertEquals(stop.plus(SeedCluster.PACKET_DELAY), takeover.time());
        assertEquals(ALL_ON_D2, cluster.distribution());
    }

    @Test
    void oneWayLossTowardsD1LeavesVg1AloneAndTheReleaseStillWorks() {
        SimulatedCluster cluster = converged(GroupTakeover.PAIR);
        cluster.network().setDeliveryPolicy(t -> t.from().node().equals("d2") ? List.of() : List.of(SeedCluster.PACKET_DELAY));
        cluster.runUntil(Duration.ofSeconds(20));
        // d1 no longer hears VG2's master and takes VG2 by its timers: the one-way split keepalived has too
        // (no priority 0 is involved); VG1, whose master d1 is heard by d2, does not move
        assertTrue(cluster.timeline().since(CUT).stream().noneMatch(t -> t.instance().equals("VI_1") || t.instance().equals("VI_2")));
        Instant cut = cluster.clock().now();
        cluster.setLinkUp("d1", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(25));
        StateTransition takeover = cluster.timeline().since(cut).stream()
                .filter(t -> t.node().equals("d2") && t.to() == VrrpState.MASTER).findFirst().orElseThrow();
        assertEquals(cut.plus(SeedCluster.PACKET_DELAY), takeover.time());
        assertEquals(VrrpState.MASTER, cluster.node("d2").state("VI_1").orElseThrow());
        assertEquals(VrrpState.MASTER, cluster.node("d2").state("VI_2").orElseThrow());
    }

    @Test
    void aThirdDirectorHeardOnAMemberTurnsThePairRuleIntoTheOrderedOne() {
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        Map<String, String> segments = Map.of("eth0", "lan200", "eth1", "lan100");
        cluster.addDirector(SeedCluster.director("d1", "5", true, UnaryOperator.identity()), segments);
        cluster.addDirector(SeedCluster.director("d2", "6", false, UnaryOperator.identity()).withGroupTakeover(GroupTakeover.PAIR), segments);
        // d3: a backup of VG1 with priority 120, but MASTER of its own VI_3/VI_4 pair at 200 so d2 hears it
        cluster.addDirector(SeedCluster.director("d3", "7", false, b -> b.priority(b.build().name().startsWith("VI_1")
                || b.build().name().startsWith("VI_2") ? 120 : 200)), segments);
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(8));
        Instant stop = cluster.clock().now();
        // make d2 hear two foreign sources on VI_2 for a moment: d3 briefly answers as a master would
        Advertisement d3Advert = new Advertisement(VrrpVersion.V2, 52, 120, 100, List.of(v4("192.168.100.10")));
        cluster.node("d2").onPacket("eth1", AdvertisementEncoder.ipv4Packet(d3Advert, AuthConfig.ah("k@l!ve2"),
                (Inet4Address) v4("192.168.100.7"), (Inet4Address) v4("224.0.0.18"), 1, 4242));
        cluster.runUntil(Duration.ofMillis(8500));
        cluster.stop("d1");
        cluster.runUntil(Duration.ofSeconds(15));
        // d3 (priority 120, the shorter skew) wins VG1; d2 hears it before its own skew ends and stays BACKUP
        assertTrue(cluster.timeline().since(stop).stream().noneMatch(t -> t.node().equals("d2")
                && t.to() == VrrpState.MASTER && t.instance().equals("VI_1")), cluster.timeline().format());
        assertEquals(VrrpState.MASTER, cluster.node("d3").state("VI_1").orElseThrow());
    }

    // ---- helpers

    private static SimulatedCluster converged(GroupTakeover mode) {
        SimulatedCluster cluster = seed(mode, UnaryOperator.identity(), UnaryOperator.identity());
        cluster.startAll();
        cluster.clock().runUntil(CUT);
        assertEquals(INITIAL, cluster.distribution());
        return cluster;
    }

    /** The seed with both directors in {@code mode}. */
    private static SimulatedCluster seed(GroupTakeover mode, UnaryOperator<NodeConfig> nodeTweak,
            UnaryOperator<InstanceConfig.Builder> tweak) {
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        Map<String, String> segments = Map.of("eth0", "lan200", "eth1", "lan100");
        cluster.addDirector(nodeTweak.apply(SeedCluster.director("d1", "5", true, tweak).withGroupTakeover(mode)), segments);
        cluster.addDirector(nodeTweak.apply(SeedCluster.director("d2", "6", false, tweak).withGroupTakeover(mode)), segments);
        return cluster;
    }

    private static List<String> lines(SimulatedCluster cluster, String node) {
        return cluster.timeline().since(CUT).stream().filter(t -> t.node().equals(node)).map(cluster.timeline()::format).toList();
    }

    private static void dropFromD1(SimulatedCluster cluster, String segmentA, String segmentB, Instant from, Instant until) {
        cluster.network().setDeliveryPolicy(t -> t.from().node().equals("d1") && (t.segment().equals(segmentA) || t.segment().equals(segmentB))
                && !t.sentAt().isBefore(from) && t.sentAt().isBefore(until) ? List.of() : List.of(SeedCluster.PACKET_DELAY));
    }

    /** Walks the whole timeline: the longest time two directors were MASTER of one instance together. */
    private static Duration assertNoDoubleMastershipLongerThan(SimulatedCluster cluster, Duration limit) {
        Map<String, Map<String, VrrpState>> states = new HashMap<>();
        Map<String, Instant> doubleSince = new HashMap<>();
        Duration longest = Duration.ZERO;
        String where = "";
        for (StateTransition t : cluster.timeline().transitions()) {
            Map<String, VrrpState> byNode = states.computeIfAbsent(t.instance(), k -> new HashMap<>());
            byNode.put(t.node(), t.to());
            long masters = byNode.values().stream().filter(s -> s == VrrpState.MASTER).count();
            if (masters > 1) {
                doubleSince.putIfAbsent(t.instance(), t.time());
            } else if (doubleSince.containsKey(t.instance())) {
                Duration d = Duration.between(doubleSince.remove(t.instance()), t.time());
                if (d.compareTo(longest) > 0) {
                    longest = d;
                    where = t.instance() + " until " + cluster.timeline().format(t);
                }
            }
        }
        assertTrue(doubleSince.isEmpty(), () -> "still two masters of " + doubleSince.keySet() + "\n" + cluster.timeline().format());
        Duration found = longest;
        String at = where;
        assertTrue(found.compareTo(limit) <= 0, () -> "two masters for " + found.toMillis() + " ms (" + at + ")\n" + cluster.timeline().format());
        return found;
    }
}

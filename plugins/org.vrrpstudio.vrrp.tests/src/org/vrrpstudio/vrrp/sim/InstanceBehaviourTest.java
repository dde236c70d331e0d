package org.vrrpstudio.vrrp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.StartState;
import org.vrrpstudio.vrrp.config.TrackConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;
import org.vrrpstudio.vrrp.packet.RejectReason;

/** Single-instance behaviour on a two-director LAN: preemption, owner, tie-break, tracking, intervals. */
class InstanceBehaviourTest {
    /** Two directors a (10.0.0.1) and b (10.0.0.2), one instance VI each, both on segment "lan". */
    private static SimulatedCluster pair(UnaryOperator<InstanceConfig.Builder> a, UnaryOperator<InstanceConfig.Builder> b) {
        SimulatedCluster cluster = new SimulatedCluster(Duration.ofMillis(1));
        cluster.addDirector(node("a", "10.0.0.1", a), Map.of("eth0", "lan"));
        cluster.addDirector(node("b", "10.0.0.2", b), Map.of("eth0", "lan"));
        return cluster;
    }

    private static NodeConfig node(String name, String address, UnaryOperator<InstanceConfig.Builder> tweak) {
        InstanceConfig.Builder builder = InstanceConfig.builder("VI", "eth0", 7).virtualAddress(v4("10.0.0.100"));
        return new NodeConfig(name, List.of(new InterfaceConfig("eth0", v4(address))), List.of(tweak.apply(builder).build()), List.of());
    }

    private static String masters(SimulatedCluster cluster) {
        return cluster.distribution();
    }

    @Test
    void higherPriorityPreemptsALowerMasterThatStartedFirst() {
        SimulatedCluster cluster = pair(b -> b.priority(200), b -> b.priority(100));
        cluster.node("b").start();
        cluster.runUntil(Duration.ofSeconds(5));
        cluster.node("a").start();
        cluster.runUntil(Duration.ofSeconds(15));
        assertEquals("MASTER distribution: a (VI); b (none)", masters(cluster));
        StateTransition aMaster = cluster.timeline().transitions().stream()
                .filter(t -> t.node().equals("a") && t.to() == VrrpState.MASTER).findFirst().orElseThrow();
        assertEquals(TransitionReason.PREEMPT, aMaster.reason());
    }

    @Test
    void nopreemptLeavesTheLowerMasterInPlace() {
        SimulatedCluster cluster = pair(b -> b.priority(200).preempt(false), b -> b.priority(100));
        cluster.node("b").start();
        cluster.runUntil(Duration.ofSeconds(5));
        cluster.node("a").start();
        cluster.runUntil(Duration.ofSeconds(30));
        assertEquals("MASTER distribution: a (none); b (VI)", masters(cluster));
    }

    @Test
    void preemptDelayPostponesTheTakeover() {
        Duration delay = Duration.ofSeconds(10);
        SimulatedCluster cluster = pair(b -> b.priority(128).preemptDelay(delay), b -> b.priority(100));
        cluster.node("b").start();
        cluster.runUntil(Duration.ofSeconds(5));
        cluster.node("a").start();
        cluster.runUntil(Duration.ofSeconds(40));
        StateTransition aMaster = cluster.timeline().transitions().stream()
                .filter(t -> t.node().equals("a") && t.to() == VrrpState.MASTER).findFirst().orElseThrow();
        // first lower-priority advert heard at ~5.6 s, then 3.5 s (priority 128) + 10 s
        double at = cluster.timeline().secondsOf(aMaster);
        assertTrue(at > 5 + 3.5 + 10 && at < 5 + 1 + 3.5 + 10 + 0.01, () -> "took over at " + at);
    }

    @Test
    void addressOwnerWithStateMasterTakesOverImmediately() {
        SimulatedCluster cluster = pair(b -> b.priority(255).startState(StartState.MASTER), b -> b.priority(100));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        StateTransition first = cluster.timeline().transitions().getFirst();
        assertEquals("t=0.000 a VI INITIALIZE->MASTER (address owner)", cluster.timeline().format(first));
        assertEquals("MASTER distribution: a (VI); b (none)", masters(cluster));
    }

    @Test
    void stateMasterBelow255StillWaitsForTheMasterDownTimer() {
        SimulatedCluster cluster = pair(b -> b.priority(150).startState(StartState.MASTER), b -> b.priority(100));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        StateTransition aMaster = cluster.timeline().transitions().stream().filter(t -> t.to() == VrrpState.MASTER)
                .findFirst().orElseThrow();
        assertEquals(Instant.EPOCH.plusNanos(3_414_062_500L), aMaster.time());
    }

    @Test
    void equalPrioritiesAreBrokenByTheHigherPrimaryAddress() {
        SimulatedCluster cluster = pair(UnaryOperator.identity(), UnaryOperator.identity());
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        assertEquals("MASTER distribution: a (none); b (VI)", masters(cluster));
    }

    @Test
    void weightedTrackInterfaceLowersPriorityInsteadOfFault() {
        SimulatedCluster cluster = pair(b -> b.priority(150).track(new TrackConfig.Interface("eth9", -60, false)),
                b -> b.priority(100));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        assertEquals("MASTER distribution: a (VI); b (none)", masters(cluster));
        cluster.node("a").onLinkChange("eth9", false); // 150 − 60 = 90 < 100
        cluster.runUntil(Duration.ofSeconds(20));
        assertEquals("MASTER distribution: a (none); b (VI)", masters(cluster));
        assertEquals(90, cluster.node("a").status().getFirst().effectivePriority());
        cluster.node("a").onLinkChange("eth9", true);
        cluster.runUntil(Duration.ofSeconds(30));
        assertEquals("MASTER distribution: a (VI); b (none)", masters(cluster));
    }

    @Test
    void unweightedTrackScriptFailureMeansFaultAndPriorityZeroHandover() {
        SimulatedCluster cluster = pair(b -> b.priority(150).track(new TrackConfig.Script("chk_lvs", 0, false)),
                b -> b.priority(100));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        cluster.node("a").onScriptResult("chk_lvs", false);
        cluster.runUntil(Duration.ofSeconds(11));
        List<String> lines = cluster.timeline().since(Instant.EPOCH.plusSeconds(10)).stream()
                .map(cluster.timeline()::format).toList();
        // a resigns with priority 0: b takes over after one packet delay + skew (156/256 s)
        assertEquals(List.of("t=10.000 a VI MASTER->FAULT (track failed)", "t=10.610 b VI BACKUP->MASTER (master down timer)"), lines);
        assertEquals("track_script chk_lvs failed", cluster.node("a").status().getFirst().faultCause().orElseThrow());
    }

    @Test
    void positiveScriptWeightAndTrackFileValueAdjustPriority() {
        SimulatedCluster cluster = pair(b -> b.priority(100).track(new TrackConfig.Script("chk", 20, false))
                .track(new TrackConfig.File("prio", 5, false)), UnaryOperator.identity());
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(1));
        assertEquals(120, cluster.node("a").status().getFirst().effectivePriority(), "script OK adds its weight");
        cluster.node("a").onFileValue("prio", -4);
        assertEquals(100, cluster.node("a").status().getFirst().effectivePriority(), "file value × weight is added");
        cluster.node("a").onFileValue("prio", 100);
        assertEquals(254, cluster.node("a").status().getFirst().effectivePriority(), "clamped to 254");
        cluster.node("a").onFileValue("prio", -60); // −300 < −253
        assertEquals(VrrpState.FAULT, cluster.node("a").state("VI").orElseThrow());
    }

    @Test
    void vrrpV3BackupLearnsTheMastersAdvertInterval() {
        SimulatedCluster cluster = pair(b -> b.version(VrrpVersion.V3).priority(200).advertInterval(Duration.ofMillis(50)),
                b -> b.version(VrrpVersion.V3).priority(100).advertInterval(Duration.ofSeconds(1)));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(5));
        Instant crash = cluster.clock().now();
        cluster.crash("a");
        cluster.runUntil(Duration.ofSeconds(10));
        StateTransition bMaster = cluster.timeline().since(crash).getFirst();
        // 3 × 0.05 + 156 × 0.05 / 256 s after a's last advert, not 3.6 s as b's own 1 s interval would give
        assertTrue(Duration.between(crash, bMaster.time()).compareTo(Duration.ofNanos(180_468_750L)) <= 0,
                () -> cluster.timeline().format(bMaster));
    }

    @Test
    void v2AdvertIntervalMismatchIsRejected() {
        SimulatedCluster cluster = pair(b -> b.advertInterval(Duration.ofSeconds(2)), UnaryOperator.identity());
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        assertTrue(cluster.node("b").rejectCounters().get(RejectReason.INTERVAL_MISMATCH) > 0);
    }

    @Test
    void advertForAnotherVridIsCountedAsUnknown() {
        SimulatedCluster cluster = new SimulatedCluster(Duration.ofMillis(1));
        cluster.addDirector(node("a", "10.0.0.1", UnaryOperator.identity()), Map.of("eth0", "lan"));
        cluster.addDirector(new NodeConfig("b", List.of(new InterfaceConfig("eth0", v4("10.0.0.2"))),
                List.of(InstanceConfig.builder("OTHER", "eth0", 8).virtualAddress(v4("10.0.0.200")).build()), List.of()), Map.of("eth0", "lan"));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        assertTrue(cluster.node("b").rejectCounters().get(RejectReason.UNKNOWN_VRID) > 0);
        assertEquals("MASTER distribution: a (VI); b (OTHER)", masters(cluster));
    }
}

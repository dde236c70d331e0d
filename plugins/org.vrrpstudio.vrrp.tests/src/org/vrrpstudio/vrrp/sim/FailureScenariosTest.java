package org.vrrpstudio.vrrp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpState;
import org.vrrpstudio.vrrp.packet.RejectReason;

/** The failure modes operators meet, on the seed cluster. */
class FailureScenariosTest {
    private static final Duration MDI_100 = Duration.ofNanos(3_609_375_000L);
    private static final Duration SKEW_100 = Duration.ofNanos(609_375_000L);
    private static final Instant FAULT_TIME = Instant.EPOCH.plusMillis(9420);
    /** Arrival at d2 of d1's last advert before FAULT_TIME (sent at 9.4140625 s). */
    private static final Instant LAST_ARRIVAL = Instant.EPOCH.plusNanos(9_415_062_500L);
    private static final String INITIAL = "MASTER distribution: d1 (VI_1, VI_2); d2 (VI_3, VI_4)";

    @Test
    void crashedDirectorIsReplacedAfterMasterDownInterval() {
        SimulatedCluster cluster = convergedSeed();
        cluster.crash("d1");
        cluster.runUntil(Duration.ofSeconds(20));
        List<StateTransition> after = cluster.timeline().since(FAULT_TIME);
        assertEquals(List.of("t=13.024 d2 VI_1 BACKUP->MASTER (master down timer)", "t=13.024 d2 VI_2 BACKUP->MASTER (sync group)"),
                after.stream().map(cluster.timeline()::format).toList());
        assertEquals(LAST_ARRIVAL.plus(MDI_100), after.getFirst().time());
    }

    @Test
    void cleanStopHandsOverAfterOnePacketDelayPlusSkew() {
        SimulatedCluster cluster = convergedSeed();
        cluster.stop("d1");
        cluster.runUntil(Duration.ofSeconds(20));
        List<StateTransition> d2Masters = cluster.timeline().since(FAULT_TIME).stream()
                .filter(t -> t.node().equals("d2") && t.to() == VrrpState.MASTER).toList();
        assertEquals(2, d2Masters.size());
        Instant expected = FAULT_TIME.plus(SeedCluster.PACKET_DELAY).plus(SKEW_100);
        assertEquals(expected, d2Masters.get(0).time());
        assertEquals(expected, d2Masters.get(1).time());
        assertEquals("MASTER distribution: d1 (none); d2 (VI_1, VI_2, VI_3, VI_4)", cluster.distribution());
    }

    @Test
    void twoLostAdvertsDoNotFailOverButThreeDo() {
        SimulatedCluster twoLost = convergedSeed();
        dropFromD1(twoLost, FAULT_TIME, FAULT_TIME.plusSeconds(2)); // the adverts of 10.414 and 11.414
        twoLost.runUntil(Duration.ofSeconds(20));
        assertEquals(List.of(), twoLost.timeline().since(FAULT_TIME));
        assertEquals(INITIAL, twoLost.distribution());

        SimulatedCluster threeLost = convergedSeed();
        dropFromD1(threeLost, FAULT_TIME, FAULT_TIME.plusSeconds(3)); // ... and 12.414
        threeLost.runUntil(Duration.ofSeconds(20));
        List<String> lines = threeLost.timeline().since(FAULT_TIME).stream()
                .filter(t -> t.instance().equals("VI_1")).map(threeLost.timeline()::format).toList();
        assertEquals(List.of("t=13.024 d2 VI_1 BACKUP->MASTER (master down timer)",
                // d1, still master, answers d2's first lower-priority advert at once (keepalived's default)
                "t=13.026 d2 VI_1 MASTER->BACKUP (higher priority advert)"), lines);
        assertEquals(INITIAL, threeLost.distribution());
    }

    @Test
    void syncGroupsPreventSplitBrainWhenOnlyOneSegmentIsCut() {
        SimulatedCluster cluster = convergedSeed();
        cluster.network().setSegmentUp("lan200", false);
        cluster.runUntil(Duration.ofSeconds(20));
        // VI_1 on d2 and VI_3 on d1 time out, but their group partners still hear a master on lan100
        assertEquals(List.of(), cluster.timeline().since(FAULT_TIME));
        assertEquals(INITIAL, cluster.distribution());
    }

    @Test
    void splitBrainWhenBothSegmentsAreCutAndRecoveryWhenTheyHeal() {
        SimulatedCluster cluster = convergedSeed();
        cluster.network().setSegmentUp("lan200", false);
        cluster.network().setSegmentUp("lan100", false);
        cluster.runUntil(Duration.ofSeconds(20));
        assertEquals("MASTER distribution: d1 (VI_1, VI_2, VI_3, VI_4); d2 (VI_1, VI_2, VI_3, VI_4)", cluster.distribution());

        cluster.network().setSegmentUp("lan200", true);
        cluster.network().setSegmentUp("lan100", true);
        cluster.runUntil(Duration.ofSeconds(22));
        assertEquals(INITIAL, cluster.distribution());
    }

    @Test
    void mismatchedAuthPassIsRejectedAndCountedAndSplitsTheBrain() {
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        Map<String, String> segments = Map.of("eth0", "lan200", "eth1", "lan100");
        cluster.addDirector(SeedCluster.director("d1", "5", true, UnaryOperator.identity()), segments);
        cluster.addDirector(SeedCluster.director("d2", "6", false, b -> b.auth(AuthConfig.ah("typo"))), segments);
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(10));
        assertEquals("MASTER distribution: d1 (VI_1, VI_2, VI_3, VI_4); d2 (VI_1, VI_2, VI_3, VI_4)", cluster.distribution());
        for (String node : List.of("d1", "d2")) {
            long badIcv = cluster.node(node).rejectCounters().get(RejectReason.BAD_ICV);
            assertTrue(badIcv >= 4 * 6, node + " counted " + badIcv);
        }
    }

    @Test
    void passwordAuthenticationMismatchIsCountedToo() {
        SimulatedCluster cluster = new SimulatedCluster(SeedCluster.PACKET_DELAY);
        Map<String, String> segments = Map.of("eth0", "lan200", "eth1", "lan100");
        cluster.addDirector(SeedCluster.director("d1", "5", true, b -> b.auth(AuthConfig.password("right"))), segments);
        cluster.addDirector(SeedCluster.director("d2", "6", false, b -> b.auth(AuthConfig.password("wrong"))), segments);
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(5));
        assertTrue(cluster.node("d2").rejectCounters().get(RejectReason.AUTH_PASS_MISMATCH) > 0);
    }

    @Test
    void vrrpV3WithFiftyMillisecondIntervalsFailsOverInMilliseconds() {
        SimulatedCluster cluster = SeedCluster.create(b -> b.version(VrrpVersion.V3).auth(AuthConfig.none())
                .advertInterval(Duration.ofMillis(50)));
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(1));
        assertEquals(INITIAL, cluster.distribution());
        // 3 × 0.05 + (256 − 150) × 0.05 / 256 s
        assertEquals(Instant.EPOCH.plusNanos(170_703_125L), cluster.timeline().transitions().get(8).time());

        Instant cut = Instant.EPOCH.plusMillis(1000);
        cluster.setLinkUp("d1", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(2));
        StateTransition takeover = cluster.timeline().since(cut).stream()
                .filter(t -> t.node().equals("d2") && t.instance().equals("VI_1")).findFirst().orElseThrow();
        Duration reaction = Duration.between(cut, takeover.time());
        // at most 3 × 0.05 + (256 − 100) × 0.05 / 256 s after the cut
        assertTrue(reaction.compareTo(Duration.ofNanos(180_468_750L)) <= 0 && reaction.compareTo(Duration.ofMillis(120)) > 0,
                reaction::toString);
        assertEquals("MASTER distribution: d1 (none); d2 (VI_1, VI_2, VI_3, VI_4)", cluster.distribution());
    }

    @Test
    void ahPeerRestartWithResetSequenceRecoversWithoutPermanentSplitBrain() {
        SimulatedCluster cluster = convergedSeed();
        cluster.crash("d1");
        cluster.clock().runUntil(FAULT_TIME.plusMillis(80));
        cluster.restart("d1"); // its AH sequence numbers start again at 1
        cluster.runUntil(Duration.ofSeconds(30));
        assertEquals(INITIAL, cluster.distribution());
        assertTrue(cluster.node("d2").rejectCounters().get(RejectReason.REPLAYED) > 0,
                "the restarted peer's first adverts look like replays");
        // d1 comes back as master at 12.914 with sequence 1: d2 drops it as a replay and takes over at 13.024,
        // but d2's silence limit (its Master_Down_Interval) has passed by then, so d1's next advert is accepted
        List<String> d2Lines = cluster.timeline().since(FAULT_TIME).stream().filter(t -> t.node().equals("d2"))
                .map(cluster.timeline()::format).toList();
        assertEquals(List.of("t=13.024 d2 VI_1 BACKUP->MASTER (master down timer)",
                "t=13.024 d2 VI_2 BACKUP->MASTER (sync group)",
                "t=13.026 d2 VI_1 MASTER->BACKUP (higher priority advert)",
                "t=13.026 d2 VI_2 MASTER->BACKUP (sync group)"), d2Lines);
    }

    private static SimulatedCluster convergedSeed() {
        SimulatedCluster cluster = SeedCluster.create();
        cluster.startAll();
        cluster.clock().runUntil(FAULT_TIME);
        assertEquals(INITIAL, cluster.distribution());
        return cluster;
    }

    private static void dropFromD1(SimulatedCluster cluster, Instant from, Instant until) {
        cluster.network().setDeliveryPolicy(t -> t.from().node().equals("d1") && !t.sentAt().isBefore(from)
                && t.sentAt().isBefore(until) ? List.of() : List.of(SeedCluster.PACKET_DELAY));
    }
}

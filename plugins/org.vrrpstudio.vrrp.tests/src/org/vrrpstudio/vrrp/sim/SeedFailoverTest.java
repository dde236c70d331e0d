package org.vrrpstudio.vrrp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;

/** The keepalived case study, end to end on the simulated network: convergence, eth0 failure, recovery. */
class SeedFailoverTest {
    /** Master_Down_Interval for priority 100 at 1 s: 3 + 156/256 s. */
    private static final Duration MDI_100 = Duration.ofNanos(3_609_375_000L);
    /** ... and for priority 150: 3 + 106/256 s. */
    private static final Duration MDI_150 = Duration.ofNanos(3_414_062_500L);

    @Test
    void convergesToTheDesignedDistributionAfterMasterDownIntervalOfPriority150() {
        SimulatedCluster cluster = SeedCluster.create();
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(8));
        assertEquals("MASTER distribution: d1 (VI_1, VI_2); d2 (VI_3, VI_4)", cluster.distribution());
        List<String> masters = cluster.timeline().transitions().stream().filter(t -> t.to() == VrrpState.MASTER)
                .map(t -> cluster.timeline().format(t)).toList();
        assertEquals(List.of(
                "t=3.414 d1 VI_2 BACKUP->MASTER (master down timer)",
                "t=3.414 d1 VI_1 BACKUP->MASTER (sync group)",
                "t=3.414 d2 VI_4 BACKUP->MASTER (master down timer)",
                "t=3.414 d2 VI_3 BACKUP->MASTER (sync group)"), masters);
        assertEquals(Instant.EPOCH.plus(MDI_150), cluster.timeline().transitions().get(8).time());
        assertTrue(cluster.addresses("d1").holds(v4("192.168.200.10")));
        assertTrue(cluster.addresses("d1").holds(v4("192.168.100.10")));
        assertFalse(cluster.addresses("d1").holds(v4("192.168.200.12")));
        assertTrue(cluster.addresses("d2").holds(v4("192.168.200.13")));
        cluster.nodes().forEach(n -> assertEquals(0, n.rejectCounters().total(), n.rejectCounters()::toString));
    }

    @Test
    void eth0FailureOnD1MovesBothSyncGroupsToD2AndBack() {
        SimulatedCluster cluster = SeedCluster.create();
        cluster.startAll();
        // d1's VI_1 adverts leave at 3.414 + k s and arrive 1 ms later; cut eth0 just after the one of 9.414
        Instant lastAdvertArrival = Instant.EPOCH.plus(MDI_150).plusSeconds(6).plus(SeedCluster.PACKET_DELAY);
        Instant cut = Instant.EPOCH.plusMillis(9420);
        cluster.clock().runUntil(cut);
        cluster.setLinkUp("d1", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(20));

        Timeline timeline = cluster.timeline();
        List<StateTransition> failover = timeline.since(cut);
        assertEquals(List.of(
                "t=9.420 d1 VI_1 MASTER->FAULT (interface down)",
                "t=9.420 d1 VI_2 MASTER->BACKUP (sync group)",
                "t=9.420 d1 VI_3 BACKUP->FAULT (interface down)",
                "t=13.024 d2 VI_1 BACKUP->MASTER (master down timer)",
                "t=13.024 d2 VI_2 BACKUP->MASTER (sync group)"), failover.stream().map(timeline::format).toList());
        // d2 took VI_1 exactly Master_Down_Interval (priority 100) after the last advert it heard
        assertEquals(lastAdvertArrival.plus(MDI_100), failover.get(3).time());
        assertEquals(failover.get(3).time(), failover.get(4).time());
        assertEquals("MASTER distribution: d1 (none); d2 (VI_1, VI_2, VI_3, VI_4)", cluster.distribution());
        assertTrue(cluster.addresses("d2").held("eth0").containsAll(List.of(v4("192.168.200.10"), v4("192.168.200.11"),
                v4("192.168.200.12"), v4("192.168.200.13"))));
        assertTrue(cluster.addresses("d1").held("eth0").isEmpty());
        assertTrue(cluster.addresses("d1").held("eth1").isEmpty());

        Instant heal = Instant.EPOCH.plusSeconds(20);
        cluster.setLinkUp("d1", "eth0", true);
        cluster.runUntil(Duration.ofSeconds(30));
        List<StateTransition> recovery = timeline.since(heal);
        assertEquals(List.of(
                "t=20.000 d1 VI_1 FAULT->BACKUP (interface up)",
                "t=20.000 d1 VI_3 FAULT->BACKUP (interface up)",
                "t=23.414 d1 VI_1 BACKUP->MASTER (preempting lower priority master)",
                "t=23.414 d1 VI_2 BACKUP->MASTER (sync group)",
                "t=23.415 d2 VI_1 MASTER->BACKUP (higher priority advert)",
                "t=23.415 d2 VI_2 MASTER->BACKUP (sync group)"), recovery.stream().map(timeline::format).toList());
        // d1 preempts Master_Down_Interval (priority 150) after its link came back, as keepalived does: the
        // lower-priority adverts it hears meanwhile leave the timer alone (RFC 3768 §6.4.2); it used to restart
        // the timer at the first of them, one advert interval later in the worst case (issue 18, part 2)
        assertEquals(heal.plus(MDI_150), recovery.get(2).time());
        assertEquals(TransitionReason.PREEMPT, recovery.get(2).reason());
        assertEquals("MASTER distribution: d1 (VI_1, VI_2); d2 (VI_3, VI_4)", cluster.distribution());
        assertFalse(cluster.addresses("d2").holds(v4("192.168.200.10")));
        assertTrue(cluster.addresses("d1").holds(v4("192.168.200.10")));
        cluster.nodes().forEach(n -> assertEquals(0, n.rejectCounters().total(), n.rejectCounters()::toString));
    }

    @Test
    void timelineFormatsOneLinePerTransition() {
        SimulatedCluster cluster = SeedCluster.create();
        cluster.startAll();
        cluster.runUntil(Duration.ofSeconds(5));
        String text = cluster.timeline().format();
        assertEquals(12, text.lines().count());
        assertTrue(text.startsWith("t=0.000 d1 VI_1 INITIALIZE->BACKUP (startup)"), text);
    }
}

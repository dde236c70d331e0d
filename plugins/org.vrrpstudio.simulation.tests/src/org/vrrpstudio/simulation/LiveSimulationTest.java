package org.vrrpstudio.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.deploy.live.ClusterIntent;
import org.vrrpstudio.live.Finding;
import org.vrrpstudio.live.FindingKind;
import org.vrrpstudio.live.LiveMonitor;
import org.vrrpstudio.live.LiveView;
import org.vrrpstudio.live.Transition;
import org.vrrpstudio.model.Cluster;

/** The seed on simulated directors in (a test's) real time, read through the live view like real directors. */
class LiveSimulationTest {

    /** A wall clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-04T19:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static Cluster seed() throws Exception {
        return new ClusterImporter().importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")), "lvs1", "lvs2")
                .cluster().orElseThrow();
    }

    private static List<FindingKind> kinds(LiveView view) {
        return view.findings().stream().map(Finding::kind).toList();
    }

    @Test
    void seedFailsOverToLvs2AndBackThroughTheLiveView() throws Exception {
        Cluster cluster = seed();
        TestClock clock = new TestClock();
        LiveSimulation simulation = LiveSimulation.of(cluster, clock);
        try (LiveMonitor monitor = new LiveMonitor(List.of(simulation.watched("", ClusterIntent.of(cluster))), clock)) {
            clock.advance(Duration.ofSeconds(8));
            LiveMonitor.Refresh steady = monitor.refresh();
            LiveView view = steady.views().get(0);
            assertEquals(List.of(), view.findings());
            assertEquals(2, view.snapshots().get("lvs1").masterCount());
            assertEquals(List.of("192.168.200.10", "192.168.200.11"), view.snapshots().get("lvs1").instances().get("VI_1").vips());
            assertTrue(steady.transitions().stream().anyMatch(t -> t.director().equals("lvs1") && t.instance().equals("VI_1")
                    && t.to().equals("MASTER")), steady.transitions()::toString);

            simulation.setLinkUp("lvs1", "eth0", false);
            clock.advance(Duration.ofSeconds(5));
            LiveMonitor.Refresh failed = monitor.refresh();
            view = failed.views().get(0);
            assertEquals(4, view.snapshots().get("lvs2").masterCount(), "VI_1 and VI_2 moved to lvs2");
            assertEquals(List.of(FindingKind.NOT_INTENDED, FindingKind.NOT_INTENDED), kinds(view));
            Transition fault = failed.transitions().stream().filter(t -> t.director().equals("lvs1") && t.instance().equals("VI_1"))
                    .findFirst().orElseThrow();
            assertEquals("FAULT", fault.to());
            assertEquals(Instant.parse("2026-12-04T19:00:08Z"), fault.time(), "transitions carry the wall time they happened at");

            simulation.setLinkUp("lvs1", "eth0", true);
            clock.advance(Duration.ofSeconds(6));
            assertEquals(List.of(), monitor.refresh().views().get(0).findings(), "back to the intended distribution");

            simulation.crash("lvs2");
            clock.advance(Duration.ofSeconds(5));
            view = monitor.refresh().views().get(0);
            assertEquals(FindingKind.UNREACHABLE, kinds(view).get(0));
            assertTrue(view.findings().get(0).message().contains("simulated"), view.findings().get(0).message());
            assertFalse(view.snapshots().get("lvs2").reachable());
            assertEquals(4, view.snapshots().get("lvs1").masterCount(), "lvs1 took over everything");
        }
    }

    @Test
    void aTrackFileWrittenOnTheSimulationDrainsAndSurvivesARestart() throws Exception {
        Cluster cluster = seed();
        org.vrrpstudio.cluster.Maintenance.enable(cluster);
        TestClock clock = new TestClock();
        LiveSimulation simulation = LiveSimulation.of(cluster, clock);
        try (LiveMonitor monitor = new LiveMonitor(List.of(simulation.watched("", ClusterIntent.of(cluster))), clock)) {
            clock.advance(Duration.ofSeconds(8));
            assertEquals(2, monitor.refresh().views().get(0).snapshots().get("lvs1").masterCount());

            simulation.setFileValue("lvs1", "vrrpstudio_maint_VG1", 1);
            assertEquals(java.util.Map.of("vrrpstudio_maint_VG1", 1L), simulation.fileValues("lvs1"));
            assertEquals(java.util.Optional.of(clock.now), simulation.fileWritten("lvs1", "vrrpstudio_maint_VG1"));
            clock.advance(Duration.ofSeconds(5));
            LiveView drained = monitor.refresh().views().get(0);
            assertEquals(0, drained.snapshots().get("lvs1").masterCount(), "VG1 went to lvs2");
            assertEquals(4, drained.snapshots().get("lvs2").masterCount());
            assertEquals("BACKUP", drained.snapshots().get("lvs1").instances().get("VI_1").state(), "lowered, not FAULT");
            // the live view says so, as a probe reads it on a real director
            assertEquals(java.util.Map.of("VG1", simulation.fileWritten("lvs1", "vrrpstudio_maint_VG1").orElseThrow()),
                    drained.snapshots().get("lvs1").maintenance());
            assertEquals(java.util.Map.of(), drained.snapshots().get("lvs2").maintenance());
            java.time.ZoneId utc = java.time.ZoneOffset.UTC;
            String at = org.vrrpstudio.live.MaintenanceMarks.when(clock.now.minusSeconds(5), drained.time(), utc);
            assertEquals(java.util.Optional.of("drained since " + at),
                    org.vrrpstudio.live.MaintenanceMarks.director(drained.intended(), drained.snapshots().get("lvs1"), drained.time(), utc));
            assertEquals(java.util.Optional.of("given away since " + at), org.vrrpstudio.live.MaintenanceMarks.instance(
                    drained.intended(), drained.snapshots().get("lvs1"), "VI_2", drained.time(), utc));
            assertEquals(java.util.Optional.empty(), org.vrrpstudio.live.MaintenanceMarks.instance(
                    drained.intended(), drained.snapshots().get("lvs1"), "VI_3", drained.time(), utc));

            simulation.restart("lvs1");
            clock.advance(Duration.ofSeconds(8));
            assertEquals(0, monitor.refresh().views().get(0).snapshots().get("lvs1").masterCount(),
                    "the restarted daemon reads the file again: still drained");

            simulation.setFileValue("lvs1", "vrrpstudio_maint_VG1", 0);
            clock.advance(Duration.ofSeconds(5));
            assertEquals(2, monitor.refresh().views().get(0).snapshots().get("lvs1").masterCount(), "undrained: VG1 back");
        }
    }
}

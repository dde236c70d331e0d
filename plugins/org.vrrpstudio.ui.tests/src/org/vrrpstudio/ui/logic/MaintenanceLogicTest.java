package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.deploy.maintenance.MaintenanceRunner;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.simulation.LiveSimulation;
import org.vrrpstudio.simulation.MaintenanceAction;
import org.vrrpstudio.simulation.MaintenancePreflight;
import org.vrrpstudio.ui.logic.maintenance.MaintenanceCheck;
import org.vrrpstudio.ui.logic.maintenance.MaintenanceChoices;
import org.vrrpstudio.ui.logic.maintenance.MaintenanceText;
import org.vrrpstudio.ui.logic.maintenance.SimulatedMaintenanceDirectors;

/**
 * The console's drain and move without SWT: the menu entries, the pre-flight's words, and the runner on the demo's
 * simulated directors (a test clock the runner's pauses move).
 */
class MaintenanceLogicTest {

    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
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

    private static String master(MaintenanceRunner.Directors directors, String instance) {
        List<String> masters = new ArrayList<>();
        for (DirectorSnapshot s : directors.live().values()) {
            if (s.instances().get(instance) != null && s.instances().get(instance).isMaster()) {
                masters.add(s.director());
            }
        }
        return String.join(" and ", masters);
    }

    @Test
    void menusOfferDrainOnADirectorAndTheGroupsMovesOnAnInstance() throws Exception {
        Cluster cluster = TestData.seedCluster();
        assertEquals(List.of("Drain director1", "Undrain director1"),
                MaintenanceChoices.forDirector("director1").stream().map(MaintenanceChoices.Choice::label).toList());
        List<MaintenanceChoices.Choice> group = MaintenanceChoices.forGroup(cluster, "VG1");
        assertEquals(List.of("Move VG1 to director1", "Move VG1 to director2", "Return to intended director"),
                group.stream().map(MaintenanceChoices.Choice::label).toList());
        assertEquals(new MaintenanceAction.Move("VG1", false, "director2"), group.get(1).action());
        assertEquals(group, MaintenanceChoices.forInstance(cluster, "VI_2"), "an instance in a group moves with its group");
        assertEquals(List.of(), MaintenanceChoices.forGroup(cluster, "VI_1"), "an instance is not a group");
        assertEquals(List.of(), MaintenanceChoices.forInstance(cluster, "VI_9"));
    }

    @Test
    void drainOnTheSimulatedDirectorsIsCheckedConfirmedAndUndrained() throws Exception {
        Cluster cluster = TestData.seedCluster();
        Maintenance.enable(cluster);
        TestClock clock = new TestClock();
        LiveSimulation simulation = LiveSimulation.of(cluster, clock);
        clock.now = clock.now.plusSeconds(8);
        SimulatedMaintenanceDirectors directors = new SimulatedMaintenanceDirectors(simulation, cluster);
        assertEquals("director1", master(directors, "VI_1"));
        assertEquals("director2", master(directors, "VI_3"));

        MaintenanceAction drain = new MaintenanceAction.Drain("director1");
        MaintenancePreflight.Plan plan = MaintenanceCheck.check(cluster, drain, directors);
        assertEquals(List.of(), plan.refusals());
        String bound = String.format(Locale.ROOT, "%.2f s", plan.bound().toNanos() / 1e9);
        assertTrue(plan.bound().compareTo(Duration.ofSeconds(3)) >= 0, "2 x advert + 1 s at least: " + bound);
        assertEquals(List.of("VI_1, VI_2 (VG1) move from director1 to director2; expect MASTER within " + bound),
                MaintenanceText.moves(plan));
        String question = MaintenanceText.confirmation(plan, "the simulated directors (demo)");
        assertTrue(question.startsWith("Drain director1 on the simulated directors (demo)?"), question);
        assertTrue(question.contains("Writes 1 to vrrpstudio-maint-VG1 on director1."), question);
        assertTrue(question.contains("Writes 1 to vrrpstudio-maint-VG2 on director1."), question);

        List<String> lines = new ArrayList<>();
        Instant written = clock.now;
        MaintenanceRunner runner = new MaintenanceRunner(d -> clock.now = clock.now.plus(d));
        MaintenanceRunner.Outcome drained = runner.run(cluster, drain, directors, lines::add);
        assertTrue(drained.confirmed(), lines::toString);
        assertTrue(MaintenanceText.verdict(drain, drained).startsWith("Drain director1: confirmed by the live state after "),
                MaintenanceText.verdict(drain, drained));
        for (String instance : List.of("VI_1", "VI_2", "VI_3", "VI_4")) {
            assertEquals("director2", master(directors, instance), instance);
        }
        assertEquals(Map.of("director1", java.util.Set.of("VG1", "VG2"), "director2", java.util.Set.of()),
                directors.files().unitsByDirector());
        assertEquals(written, directors.files().since().get("director1"), "drained since the write");

        // drained already: refused with the pre-flight's reason, nothing written
        MaintenancePreflight.Plan again = MaintenanceCheck.check(cluster, drain, directors);
        assertFalse(again.allowed());
        assertEquals("Refused, nothing was written:\n- nothing to do: director1 is already drained", MaintenanceText.refusal(again));

        MaintenanceAction undrain = new MaintenanceAction.Undrain("director1");
        lines.clear();
        assertTrue(runner.run(cluster, undrain, directors, lines::add).confirmed(), lines::toString);
        assertEquals("director1", master(directors, "VI_1"));
        assertEquals("director2", master(directors, "VI_3"));
    }

    @Test
    void aClusterWithoutMaintenanceTracksIsRefusedWithTheReason() throws Exception {
        Cluster cluster = TestData.seedCluster();
        TestClock clock = new TestClock();
        LiveSimulation simulation = LiveSimulation.of(cluster, clock);
        clock.now = clock.now.plusSeconds(8);
        MaintenancePreflight.Plan plan = MaintenanceCheck.check(cluster, new MaintenanceAction.Move("VG2", false, "director1"),
                new SimulatedMaintenanceDirectors(simulation, cluster));
        assertFalse(plan.allowed());
        assertTrue(plan.refusals().getFirst().contains("has no maintenance track in the model"), plan.refusals()::toString);
    }
    @Test
    void theTracksAreAddedAsOneUndoableCommand() throws Exception {
        ClusterDocument document = TestData.seedDocument();
        Cluster cluster = document.cluster();
        org.vrrpstudio.model.Director director1 = cluster.getDirectors().getFirst();
        String before = document.directorConfig(director1, false);
        assertFalse(Maintenance.units(cluster).stream()
                .anyMatch(u -> Maintenance.enabled(cluster, u)));

        assertTrue(document.execute(new ClusterCommands(document).enableMaintenance()));
        assertTrue(Maintenance.units(cluster).stream()
                .allMatch(u -> Maintenance.enabled(cluster, u) && Maintenance.tracksWeight(u.group())));
        String with = document.directorConfig(director1, false);
        assertTrue(with.contains("track_file vrrpstudio_maint_VG1 {") && with.contains("sync_group_tracking_weight"), with);
        assertEquals(null, new ClusterCommands(document).enableMaintenance(), "nothing left to add");
        // the same model as the command line's maintenance --enable gives
        Cluster viaCli = TestData.seedCluster();
        Maintenance.enable(viaCli);
        assertEquals(new ClusterBundleServices().exportDirector(viaCli, viaCli.getDirectors().getFirst(), false), with);

        assertTrue(document.undo());
        assertEquals(before, document.directorConfig(director1, false), "one undo removes all of it");
    }
}

package org.vrrpstudio.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.InstanceLive;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.TrackFile;

/**
 * The pre-flight of drain and move (issue 14) on the case study (d1 MASTER of VG1 = VI_1 + VI_2 at 150, d2 of VG2 =
 * VI_3 + VI_4 at 150, the other at 100): each refusal and each allowed case, on the model, live snapshots made here
 * and the what-if simulation; no SSH.
 */
class MaintenancePreflightTest {

    private static final Instant NOW = Instant.parse("2026-12-04T21:00:00Z");
    private static final List<String> ALL = List.of("VI_1", "VI_2", "VI_3", "VI_4");

    private static Cluster seed(boolean maintenance) {
        ImportResult result = new ClusterImporter()
                .importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")), "d1", "d2");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        Cluster cluster = result.cluster().orElseThrow();
        if (maintenance) {
            Maintenance.enable(cluster);
        }
        return cluster;
    }

    /** Both directors reachable, every instance MASTER where {@code masters} says, BACKUP elsewhere. */
    private static Map<String, DirectorSnapshot> live(Map<String, List<String>> masters) {
        Map<String, DirectorSnapshot> live = new HashMap<>();
        for (String d : List.of("d1", "d2")) {
            List<InstanceLive> instances = new ArrayList<>();
            for (String i : ALL) {
                boolean master = masters.get(d).contains(i);
                instances.add(new InstanceLive(i, 50 + ALL.indexOf(i) + 1, master ? "MASTER" : "BACKUP", master ? 150 : 100, -1,
                        List.of(), NOW, ""));
            }
            live.put(d, DirectorSnapshot.reachable(d, NOW, instances, 0, null));
        }
        return live;
    }

    private static Map<String, DirectorSnapshot> caseStudy() {
        return live(Map.of("d1", List.of("VI_1", "VI_2"), "d2", List.of("VI_3", "VI_4")));
    }

    private static MaintenancePreflight.State set(String director, String... units) {
        return new MaintenancePreflight.State(Map.of(director, Set.of(units)), Map.of());
    }

    private static void refused(MaintenancePreflight.Plan plan, String expected) {
        assertFalse(plan.allowed(), () -> "allowed: " + plan);
        assertTrue(plan.refusals().stream().anyMatch(r -> r.contains(expected)), () -> "refusals " + plan.refusals());
        assertEquals(Map.of(), plan.writes(), "nothing is written when refused");
    }

    @Test
    void drainMovesWhatTheDirectorHoldsAndWritesItsFilesOnly() {
        MaintenancePreflight.Plan plan = MaintenancePreflight.check(seed(true), new MaintenanceAction.Drain("d1"), caseStudy(),
                MaintenancePreflight.State.none());
        assertTrue(plan.allowed(), plan.refusals()::toString);
        assertEquals(Map.of("d1", Map.of("vrrpstudio-maint-VG1", 1L, "vrrpstudio-maint-VG2", 1L)), plan.writes());
        assertEquals(List.of("VI_1 (VG1): d1 -> d2", "VI_2 (VG1): d1 -> d2"), plan.moves());
        assertEquals("d2", plan.expectedMasters().get("VI_1"));
        assertEquals("d2", plan.expectedMasters().get("VI_3"));
        // the engine takes over when the lower MASTER's advert arrives, or after Master_Down_Interval at worst
        assertTrue(plan.simulated().compareTo(Duration.ZERO) > 0 && plan.simulated().compareTo(Duration.ofSeconds(4)) < 0, plan::toString);
        assertTrue(plan.bound().compareTo(Duration.ofSeconds(3)) >= 0, plan::toString);
        assertTrue(plan.timeline().stream().anyMatch(l -> l.contains("d2 VI_1 BACKUP->MASTER")), plan.timeline()::toString);
        System.out.println("drain d1, simulated takeover " + plan.simulated().toMillis() + " ms, bound " + plan.bound().toMillis()
                + " ms:\n  " + String.join("\n  ", plan.timeline()));
    }

    @Test
    void undrainReturnsToTheIntendedDistribution() {
        Map<String, DirectorSnapshot> drained = live(Map.of("d1", List.of(), "d2", ALL));
        MaintenancePreflight.Plan plan = MaintenancePreflight.check(seed(true), new MaintenanceAction.Undrain("d1"), drained,
                set("d1", "VG1", "VG2"));
        assertTrue(plan.allowed(), plan.refusals()::toString);
        assertEquals(Map.of("d1", Map.of("vrrpstudio-maint-VG1", 0L, "vrrpstudio-maint-VG2", 0L)), plan.writes());
        assertEquals(List.of("VI_1 (VG1): d2 -> d1", "VI_2 (VG1): d2 -> d1"), plan.moves());
    }

    @Test
    void moveAGroupAndBack() {
        Cluster cluster = seed(true);
        MaintenancePreflight.Plan move = MaintenancePreflight.check(cluster, new MaintenanceAction.Move("VG2", false, "d1"), caseStudy(),
                MaintenancePreflight.State.none());
        assertTrue(move.allowed(), move.refusals()::toString);
        assertEquals(Map.of("d2", Map.of("vrrpstudio-maint-VG2", 1L)), move.writes());
        assertEquals(List.of("VI_3 (VG2): d2 -> d1", "VI_4 (VG2): d2 -> d1"), move.moves());

        Map<String, DirectorSnapshot> moved = live(Map.of("d1", ALL, "d2", List.of()));
        MaintenancePreflight.Plan back = MaintenancePreflight.check(cluster, new MaintenanceAction.Back(), moved, set("d2", "VG2"));
        assertTrue(back.allowed(), back.refusals()::toString);
        assertEquals(Map.of("d2", Map.of("vrrpstudio-maint-VG2", 0L)), back.writes());
        assertEquals(List.of("VI_3 (VG2): d1 -> d2", "VI_4 (VG2): d1 -> d2"), back.moves());
    }

    @Test
    void backLeavesADrainedDirectorDrained() {
        MaintenancePreflight.Plan back = MaintenancePreflight.check(seed(true), new MaintenanceAction.Back(),
                live(Map.of("d1", List.of(), "d2", ALL)), set("d1", "VG1", "VG2"));
        refused(back, "nothing is moved");
    }

    @Test
    void anInstanceOfAGroupAloneWouldSplitIt() {
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Move("VI_1", true, "d2"), caseStudy(),
                MaintenancePreflight.State.none()), "VI_1 is in sync group VG1 (VI_1, VI_2): moving it alone would split the group");
    }

    @Test
    void aGroupWithoutTrackingWeightWouldGoToFault() {
        Cluster cluster = seed(true);
        cluster.getSyncGroups().getFirst().getOpaqueStatements().removeIf(o -> o.getKeyword().equals(Maintenance.TRACKING_WEIGHT));
        refused(MaintenancePreflight.check(cluster, new MaintenanceAction.Drain("d1"), caseStudy(), MaintenancePreflight.State.none()),
                "sync group VG1 lacks sync_group_tracking_weight");
    }

    @Test
    void peerWithNopreemptIsRefused() {
        Cluster cluster = seed(true);
        cluster.getInstances().stream().filter(i -> i.getName().equals("VI_3")).forEach(i -> i.setNopreempt(true));
        refused(MaintenancePreflight.check(cluster, new MaintenanceAction.Move("VG2", false, "d1"), caseStudy(),
                MaintenancePreflight.State.none()), "VI_3 has nopreempt");
    }

    @Test
    void weightTooSmallToCrossThePeerIsRefused() {
        Cluster cluster = seed(true);
        cluster.getInstances().forEach(i -> i.getTracks().forEach(t -> {
            if (t instanceof TrackFile f && f.getFileName().startsWith(Maintenance.TRACK_PREFIX)) {
                f.setWeight(-30);
            }
        }));
        refused(MaintenancePreflight.check(cluster, new MaintenanceAction.Drain("d1"), caseStudy(), MaintenancePreflight.State.none()),
                "VI_1: weight -30 is too small: d1 stays MASTER at 120 (peer d2 100)");
        cluster.getInstances().forEach(i -> i.getTracks().forEach(t -> {
            if (t instanceof TrackFile f && f.getFileName().startsWith(Maintenance.TRACK_PREFIX)) {
                f.setWeight(-50);
            }
        }));
        refused(MaintenancePreflight.check(cluster, new MaintenanceAction.Move("VG2", false, "d1"), caseStudy(),
                MaintenancePreflight.State.none()), "two directors would tie at priority 100");
    }

    @Test
    void peerFaultOrUnreachableIsRefused() {
        Map<String, DirectorSnapshot> live = new HashMap<>(caseStudy());
        DirectorSnapshot d2 = live.get("d2");
        Map<String, InstanceLive> instances = new java.util.LinkedHashMap<>(d2.instances());
        instances.put("VI_1", new InstanceLive("VI_1", 51, "FAULT", 100, -1, List.of(), NOW, "track_interface eth0"));
        live.put("d2", DirectorSnapshot.reachable("d2", NOW, List.copyOf(instances.values()), 0, null));
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Drain("d1"), live, MaintenancePreflight.State.none()),
                "VI_1 is FAULT on d2: it cannot take over (track_interface eth0)");

        live.put("d2", DirectorSnapshot.unreachable("d2", NOW, "connection refused"));
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Drain("d1"), live, MaintenancePreflight.State.none()),
                "d2 is unreachable (connection refused)");
    }

    @Test
    void splitBrainNowIsRefused() {
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Drain("d1"),
                live(Map.of("d1", List.of("VI_1", "VI_2"), "d2", ALL)), MaintenancePreflight.State.none()),
                "VI_1 is MASTER on d1 and d2 now (split brain)");
    }

    @Test
    void driftMeansTheTracksMayNotBeDeployed() {
        Map<String, DirectorSnapshot> live = new HashMap<>(caseStudy());
        live.put("d1", live.get("d1").withDrift("sha256 differs"));
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Drain("d1"), live, MaintenancePreflight.State.none()),
                "d1 runs a config that differs from the model (sha256 differs): deploy first");
    }

    @Test
    void addressOwnerAt255IsRefused() {
        Cluster cluster = seed(true);
        for (DirectorInstance s : cluster.getDirectors().get(1).getInstanceSettings()) {
            if (s.getInstance().getName().equals("VI_3")) {
                s.setPriority(255);
            }
        }
        refused(MaintenancePreflight.check(cluster, new MaintenanceAction.Move("VG2", false, "d1"), caseStudy(),
                MaintenancePreflight.State.none()), "a director owns its address (priority 255)");
    }

    @Test
    void withoutTheMechanismInTheModelNothingIsWritten() {
        refused(MaintenancePreflight.check(seed(false), new MaintenanceAction.Drain("d1"), caseStudy(), MaintenancePreflight.State.none()),
                "has no maintenance track in the model");
    }

    @Test
    void drainingBothWouldLeaveNoMasterElsewhere() {
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Drain("d2"), live(Map.of("d1", List.of(), "d2", ALL)),
                set("d1", "VG1", "VG2")), "without a MASTER elsewhere: d1 is drained too");
    }

    @Test
    void moveToADrainedDirectorOrUnknownNamesAreRefused() {
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Move("VG1", false, "d1"), live(Map.of("d1", List.of(), "d2", ALL)),
                set("d1", "VG1", "VG2")), "d1 is drained: undrain it first");
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Drain("d9"), caseStudy(), MaintenancePreflight.State.none()),
                "no director 'd9'");
        refused(MaintenancePreflight.check(seed(true), new MaintenanceAction.Move("VG9", false, "d1"), caseStudy(),
                MaintenancePreflight.State.none()), "no sync group 'VG9'");
    }

    @Test
    void theSimulationSeesTheDrainThroughTheTrackFile() throws Exception {
        Cluster cluster = seed(true);
        SimulationReport report = WhatIfSimulation.of(cluster).add(new ScenarioEvent.FileValue(Duration.ofSeconds(10), "d1",
                "vrrpstudio_maint_VG1", 1)).run(Duration.ofSeconds(20));
        assertEquals(Map.of("d1", List.of(), "d2", ALL), report.mastersByDirector());
        // sync_group_tracking_weight: the weight lowers the priority (BACKUP), it does not force FAULT
        assertTrue(report.transitions().stream().noneMatch(t -> t.to() == org.vrrpstudio.vrrp.engine.VrrpState.FAULT),
                report.timeline()::toString);
    }
}

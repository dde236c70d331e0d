package org.vrrpstudio.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpState;

/** The case study's what-if questions, asked of the imported seed (director 2 derived as the mirror). */
class WhatIfSimulationTest {

    private static final Duration TEN_S = Duration.ofSeconds(10);
    /** Master_Down_Interval of a priority-100 backup with a 1 s advert interval: 3 + (256-100)/256 s. */
    private static final double MASTER_DOWN_100 = 3.609375;

    private static WhatIfSimulation seed() throws Exception {
        ImportResult result = new ClusterImporter()
                .importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")), "lvs1", "lvs2");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        Cluster cluster = result.cluster().orElseThrow();
        return WhatIfSimulation.of(cluster);
    }

    private static StateTransition first(SimulationReport report, String node, String instance, VrrpState to) {
        return report.transitions().stream()
                .filter(t -> t.node().equals(node) && t.instance().equals(instance) && t.to() == to)
                .findFirst().orElseThrow(() -> new AssertionError(node + " " + instance + " never went " + to
                        + "; timeline:\n" + String.join("\n", report.timeline())));
    }

    private static double at(SimulationReport report, StateTransition t) {
        String line = report.timeline().stream().filter(l -> l.contains(t.node() + " " + t.instance() + " " + t.from() + "->" + t.to()))
                .findFirst().orElseThrow();
        return Double.parseDouble(line.substring(2, line.indexOf(' ')));
    }

    @Test
    void convergesToTheCaseStudyDistribution() throws Exception {
        SimulationReport report = seed().run(TEN_S);
        assertEquals(Map.of("lvs1", List.of("VI_1", "VI_2"), "lvs2", List.of("VI_3", "VI_4")), report.mastersByDirector());
        assertEquals(List.of(), report.splitBrain());
    }

    @Test
    void eth0DownOnDirectorOneMovesTheWholeSyncGroupAfterMasterDownInterval() throws Exception {
        SimulationReport report = seed().add(new ScenarioEvent.Link(TEN_S, "lvs1", "eth0", false)).run(Duration.ofSeconds(20));
        assertEquals(Map.of("lvs1", List.of(), "lvs2", List.of("VI_1", "VI_2", "VI_3", "VI_4")), report.mastersByDirector());
        double vi1 = at(report, first(report, "lvs2", "VI_1", VrrpState.MASTER));
        // the last advert lvs2 heard from lvs1 left in (9, 10] s
        assertTrue(vi1 > 9 + MASTER_DOWN_100 && vi1 <= 10 + MASTER_DOWN_100 + 0.01, "VI_1 taken over at " + vi1);
        double vi2 = at(report, first(report, "lvs2", "VI_2", VrrpState.MASTER));
        assertTrue(vi2 >= vi1 - 1e-9 && vi2 < vi1 + 1.1, "VI_2 follows VI_1 through VG1, at " + vi2);
        assertTrue(report.timeline().contains("t=10.000 lvs1 VI_2 MASTER->BACKUP (sync group)"),
                () -> "VI_2 is forced to BACKUP on lvs1 with VI_1's fault:\n" + String.join("\n", report.timeline()));
        assertTrue(report.timeline().contains("t=10.000 lvs1 eth0 down"), report.timeline()::toString);
    }

    @Test
    void eth0BackRestoresTheInitialDistribution() throws Exception {
        SimulationReport report = seed().add(new ScenarioEvent.Link(TEN_S, "lvs1", "eth0", false))
                .add(new ScenarioEvent.Link(Duration.ofSeconds(20), "lvs1", "eth0", true)).run(Duration.ofSeconds(35));
        assertEquals(Map.of("lvs1", List.of("VI_1", "VI_2"), "lvs2", List.of("VI_3", "VI_4")), report.mastersByDirector());
    }

    @Test
    void cleanStopHandsOverWithinSkewTimeNotMasterDownInterval() throws Exception {
        SimulationReport report = seed().add(new ScenarioEvent.Stop(TEN_S, "lvs1")).run(Duration.ofSeconds(15));
        double vi1 = at(report, first(report, "lvs2", "VI_1", VrrpState.MASTER));
        // priority 0 → the backup waits only Skew_Time = (256-100)/256 s, plus the packet delay
        assertTrue(vi1 >= 10.0 && vi1 < 10.0 + 0.61 + 0.01, "taken over at " + vi1);
        assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"), report.mastersByDirector().get("lvs2"));
    }

    @Test
    void crashWithoutPriorityZeroWaitsForTheMasterDownTimer() throws Exception {
        SimulationReport report = seed().add(new ScenarioEvent.Crash(TEN_S, "lvs1")).run(Duration.ofSeconds(20));
        double vi1 = at(report, first(report, "lvs2", "VI_1", VrrpState.MASTER));
        assertTrue(vi1 > 9 + MASTER_DOWN_100 && vi1 <= 10 + MASTER_DOWN_100 + 0.01, "taken over at " + vi1);
    }

    @Test
    void unknownNamesAreClearErrors() throws Exception {
        IllegalArgumentException noDirector = assertThrows(IllegalArgumentException.class,
                () -> seed().add(new ScenarioEvent.Stop(TEN_S, "lvs9")).run(TEN_S));
        assertEquals("no director 'lvs9' in the simulation", noDirector.getMessage());
        IllegalArgumentException noInterface = assertThrows(IllegalArgumentException.class,
                () -> seed().add(new ScenarioEvent.Link(TEN_S, "lvs1", "eth7", false)).run(TEN_S));
        assertEquals("director lvs1 has no interface 'eth7' (it has eth0, eth1)", noInterface.getMessage());
    }

    /** The simulation gives each director's interfaces a link-local address too, so IPv6 instances run in it. */
    @Test
    void ipv6SyncGroupMovesAndComesBackLikeTheIpv4One() throws Exception {
        String director1 = """
                vrrp_sync_group VG6 {
                    group {
                        V6_1
                        V6_2
                    }
                }
                vrrp_instance V6_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 61
                    version 3
                    priority 150
                    virtual_ipaddress {
                        2001:db8:200::10/64
                    }
                }
                vrrp_instance V6_2 {
                    state MASTER
                    interface eth1
                    virtual_router_id 62
                    version 3
                    priority 150
                    virtual_ipaddress {
                        2001:db8:100::10/64
                    }
                }
                """;
        ImportResult result = new ClusterImporter()
                .importWithMirror(new ConfigParser().parse(Path.of("v6.conf"), director1), "lvs1", "lvs2");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        SimulationReport report = WhatIfSimulation.of(result.cluster().orElseThrow())
                .add(new ScenarioEvent.Link(TEN_S, "lvs1", "eth0", false))
                .add(new ScenarioEvent.Link(Duration.ofSeconds(20), "lvs1", "eth0", true)).run(Duration.ofSeconds(35));
        assertEquals(Map.of("lvs1", List.of("V6_1", "V6_2"), "lvs2", List.of()), report.mastersByDirector());
        double v61 = at(report, first(report, "lvs2", "V6_1", VrrpState.MASTER));
        assertTrue(v61 > 9 + MASTER_DOWN_100 && v61 <= 10 + MASTER_DOWN_100 + 0.01, "V6_1 taken over at " + v61);
        first(report, "lvs2", "V6_2", VrrpState.MASTER); // through the sync group
        assertEquals(List.of(), report.splitBrain());
    }
}

package org.vrrpstudio.deploy.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.InstanceLive;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.simulation.MaintenanceAction;
import org.vrrpstudio.simulation.MaintenancePreflight;

/**
 * The runner's steps without SSH: two directors whose daemons obey the maintenance files at once (the live state is
 * computed from the files and the model's priorities), one of which may be unable to take anything over.
 */
class MaintenanceRunnerTest {

    private static final List<String> ALL = List.of("VI_1", "VI_2", "VI_3", "VI_4");

    /** Directors that follow their files; {@code broken} goes FAULT for whatever it should take over. */
    private static final class Obedient implements MaintenanceRunner.Directors {
        final Cluster cluster;
        final Map<String, Set<String>> files = new HashMap<>(Map.of("d1", new HashSet<>(), "d2", new HashSet<>()));
        final List<String> writes = new ArrayList<>();
        String broken;

        Obedient(Cluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public Map<String, DirectorSnapshot> live() {
            Map<String, DirectorSnapshot> live = new LinkedHashMap<>();
            MaintenancePreflight.State state = files();
            for (String d : List.of("d1", "d2")) {
                List<InstanceLive> instances = new ArrayList<>();
                for (String name : ALL) {
                    Maintenance.Unit unit = Maintenance.unitOf(cluster, name).orElseThrow();
                    String master = master(name, unit, state);
                    String s = d.equals(broken) && d.equals(master) ? "FAULT" : d.equals(master) ? "MASTER"
                            : master.equals(broken) ? "MASTER" : "BACKUP";
                    instances.add(new InstanceLive(name, 50, s, 100, -1, List.of(), Instant.EPOCH, ""));
                }
                live.put(d, DirectorSnapshot.reachable(d, Instant.EPOCH, instances, 0, null));
            }
            return live;
        }

        private String master(String instance, Maintenance.Unit unit, MaintenancePreflight.State state) {
            String best = null;
            int top = -1;
            for (var d : cluster.getDirectors()) {
                var i = unit.instances().stream().filter(x -> x.getName().equals(instance)).findFirst().orElseThrow();
                int p = Maintenance.priority(d, i).orElseThrow()
                        + (state.isSet(d.getName(), unit.name()) ? Maintenance.track(i, unit).orElseThrow().getWeight() : 0);
                if (p > top) {
                    top = p;
                    best = d.getName();
                }
            }
            return best;
        }

        @Override
        public MaintenancePreflight.State files() {
            return new MaintenancePreflight.State(Map.copyOf(files), Map.of());
        }

        @Override
        public void write(String director, String fileName, long value) {
            String unit = fileName.substring(Maintenance.FILE_PREFIX.length());
            if (value != 0) {
                files.get(director).add(unit);
            } else {
                files.get(director).remove(unit);
            }
            writes.add(director + " " + fileName + "=" + value);
        }

        @Override
        public void close() {
        }
    }

    private static Cluster seed() {
        Cluster cluster = new ClusterImporter().importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")), "d1", "d2")
                .cluster().orElseThrow();
        Maintenance.enable(cluster);
        return cluster;
    }

    @Test
    void drainIsConfirmedByTheLiveState() throws Exception {
        Obedient directors = new Obedient(seed());
        List<String> lines = new ArrayList<>();
        MaintenanceRunner.Outcome outcome = new MaintenanceRunner(d -> { }).run(directors.cluster, new MaintenanceAction.Drain("d1"),
                directors, lines::add);
        assertTrue(outcome.confirmed(), lines::toString);
        assertEquals(0, outcome.exitCode());
        assertEquals(List.of("d1 vrrpstudio-maint-VG1=1", "d1 vrrpstudio-maint-VG2=1"), directors.writes);
        assertTrue(lines.getLast().startsWith("confirmed by the live read at"), lines::toString);
        assertTrue(lines.getLast().contains("VI_1 MASTER on d2, VI_2 MASTER on d2"), lines::toString);
    }

    @Test
    void aMoveThePeerCannotTakeIsUndone() throws Exception {
        Obedient directors = new Obedient(seed());
        directors.broken = "d1";
        List<String> lines = new ArrayList<>();
        MaintenanceRunner.Outcome outcome = new MaintenanceRunner(d -> Thread.sleep(5)).run(directors.cluster,
                new MaintenanceAction.Move("VG2", false, "d1"), directors, lines::add);
        assertFalse(outcome.confirmed(), lines::toString);
        assertTrue(outcome.undone());
        assertEquals(1, outcome.exitCode());
        assertEquals(List.of("d2 vrrpstudio-maint-VG2=1", "d2 vrrpstudio-maint-VG2=0"), directors.writes);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("not confirmed within") && l.contains("VI_3 is FAULT on d1, MASTER on d2")),
                lines::toString);
        assertTrue(lines.getLast().startsWith("undone: back as before (VI_3 MASTER on d2, VI_4 MASTER on d2)"), lines::toString);
    }

    @Test
    void aRefusalWritesNothing() throws Exception {
        Cluster cluster = seed();
        Maintenance.disable(cluster);
        Obedient directors = new Obedient(cluster);
        List<String> lines = new ArrayList<>();
        MaintenanceRunner.Outcome outcome = new MaintenanceRunner(d -> { }).run(cluster, new MaintenanceAction.Drain("d1"), directors, lines::add);
        assertEquals(1, outcome.exitCode());
        assertEquals(List.of(), directors.writes);
        assertTrue(lines.getFirst().startsWith("refused: sync group VG1 (VI_1, VI_2) has no maintenance track"), lines::toString);
    }

    @Test
    void fileValuesAreReadAsKeepalivedReadsThem() {
        assertEquals(1, SshMaintenanceDirectors.value("1\n"));
        assertEquals(-3, SshMaintenanceDirectors.value(" -3 words"));
        assertEquals(0, SshMaintenanceDirectors.value("on"));
        assertEquals(0, SshMaintenanceDirectors.value(""));
    }
}

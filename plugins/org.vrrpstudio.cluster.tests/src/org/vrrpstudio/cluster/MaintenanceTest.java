package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.testing.KeepalivedCheck;

/** The maintenance mechanism in the model and in the exported files (drain and move, issue 14). */
class MaintenanceTest {

    @TempDir
    Path dir;

    static Cluster seedPair() {
        ImportResult result = new ClusterImporter().importWithMirror(new ConfigParser().parse(SeedMirrorTest.SEED), "d1", "d2");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        return result.cluster().orElseThrow();
    }

    @Test
    void unitsAreTheSyncGroupsThenTheLoneInstances() {
        Cluster cluster = seedPair();
        List<Maintenance.Unit> units = Maintenance.units(cluster);
        assertEquals(List.of("VG1", "VG2"), units.stream().map(Maintenance.Unit::name).toList());
        assertEquals("sync group VG1 (VI_1, VI_2)", units.getFirst().describe());
        assertEquals("VG2", Maintenance.unitOf(cluster, "VI_4").orElseThrow().name());
        Director d1 = cluster.getDirectors().getFirst();
        d1.setRemoteConfigPath("/etc/keepalived/keepalived.conf");
        assertEquals("/etc/keepalived/vrrpstudio-maint-VG1", Maintenance.remoteFile(d1, units.getFirst()));
    }

    @Test
    void enableAddsBlocksTracksAndTrackingWeightOnceAndTheExportShowsThem() {
        Cluster cluster = seedPair();
        Maintenance.Unit vg1 = Maintenance.unit(cluster, "VG1").orElseThrow();
        assertFalse(Maintenance.enabled(cluster, vg1));
        assertEquals(51, Maintenance.requiredWeight(cluster, vg1), "150 - 100 + 1");
        List<String> changes = Maintenance.enable(cluster);
        assertFalse(changes.isEmpty());
        assertTrue(Maintenance.enabled(cluster, vg1));
        assertEquals(List.of(), Maintenance.enable(cluster), "idempotent");

        String d1 = new ClusterExporter().exportText(cluster, "d1");
        assertTrue(d1.contains("track_file vrrpstudio_maint_VG1 {\n    file \"${_PWD}/vrrpstudio-maint-VG1\"\n    init_file 0\n}"), d1);
        assertTrue(d1.contains("vrrpstudio_maint_VG2 weight -51"), d1);
        assertEquals(2, d1.split("sync_group_tracking_weight", -1).length - 1, d1);

        // the export reads back into the same mechanism, and the validator has no error about it
        ImportResult again = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("d1.conf"), d1), "d1");
        assertTrue(again.succeeded(), () -> again.errors().toString());
        Cluster reread = again.cluster().orElseThrow();
        assertTrue(Maintenance.units(reread).stream().allMatch(u -> Maintenance.enabled(reread, u)));
        assertEquals(List.of(), ClusterValidator.validate(reread, again.sources()).stream()
                .filter(d -> d.severity() == Severity.ERROR).toList());

        assertFalse(Maintenance.disable(cluster).isEmpty());
        assertFalse(Maintenance.enabled(cluster, vg1));
        assertFalse(new ClusterExporter().exportText(cluster, "d1").contains("vrrpstudio_maint"));
    }

    @Test
    void weightFollowsPriorityChangesAndOwnersAreSkipped() {
        Cluster cluster = seedPair();
        Maintenance.enable(cluster);
        Director d1 = cluster.getDirectors().getFirst();
        d1.getInstanceSettings().forEach(s -> {
            if (s.getInstance().getName().equals("VI_2")) {
                s.setPriority(200);
            }
        });
        List<String> changes = Maintenance.enable(cluster);
        assertTrue(changes.contains("VI_1: vrrpstudio_maint_VG1 weight now -101"), changes::toString);
        Cluster fresh = seedPair();
        fresh.getDirectors().getFirst().getInstanceSettings().stream().filter(s -> s.getInstance().getName().equals("VI_3"))
                .forEach(s -> s.setPriority(255));
        List<String> owner = Maintenance.enable(fresh);
        assertTrue(owner.stream().anyMatch(l -> l.startsWith("sync group VG2") && l.contains("255")), owner::toString);
        assertFalse(Maintenance.enabled(fresh, Maintenance.unit(fresh, "VG2").orElseThrow()));
    }

    @Test
    void keepalivedAcceptsTheExportWithTheSameVerdictAsWithout() throws Exception {
        Assumptions.assumeTrue(KeepalivedCheck.isAvailable(), "needs root, ip and /usr/sbin/keepalived");
        try (KeepalivedCheck keepalived = KeepalivedCheck.start("eth0", "eth1")) {
            Cluster cluster = seedPair();
            Path plain = dir.resolve("plain.conf");
            Files.writeString(plain, new ClusterExporter().exportText(cluster, "d1"));
            Maintenance.enable(cluster);
            for (String director : List.of("d1", "d2")) {
                Path withMaintenance = dir.resolve(director + ".conf");
                Files.writeString(withMaintenance, new ClusterExporter().exportText(cluster, director));
                KeepalivedCheck.Verdict verdict = keepalived.verdict(withMaintenance, null);
                KeepalivedCheck.Verdict without = keepalived.verdict(plain, null);
                // the seed's only complaint (AH clears state MASTER) stays; nothing about the track files is added
                assertTrue(verdict.messages().stream().noneMatch(m -> m.contains("track") || m.contains("vrrpstudio")
                        || m.contains("weight")), verdict::toString);
                if (director.equals("d1")) {
                    assertEquals(without, verdict);
                } else {
                    assertTrue(verdict.exitCode() == 0 || verdict.exitCode() == 5, verdict::toString);
                }
            }
        }
    }
}

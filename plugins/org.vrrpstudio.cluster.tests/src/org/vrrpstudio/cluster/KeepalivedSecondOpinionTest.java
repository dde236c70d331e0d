package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.testing.KeepalivedCheck;

/**
 * Every file our writer produces here gets the same verdict from keepalived 2.2.7 ({@code keepalived -t})
 * as the file it came from: same exit code, same messages (file names and line numbers aside).
 */
class KeepalivedSecondOpinionTest {

    private static KeepalivedCheck keepalived;

    @TempDir
    Path dir;

    @BeforeAll
    static void namespace() throws Exception {
        Assumptions.assumeTrue(KeepalivedCheck.isAvailable(), "needs root, ip and /usr/sbin/keepalived");
        keepalived = KeepalivedCheck.start("eth0", "eth1");
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (keepalived != null) {
            keepalived.close();
        }
    }

    @Test
    void seedExportedBackHasTheSeedsVerdict() throws Exception {
        Path seed = SeedMirrorTest.SEED;
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(seed), "lvs1");
        Path exported = write("seed-lvs1.conf", new ClusterExporter().exportText(result.cluster().orElseThrow(), "lvs1"));
        assertEquals(keepalived.verdict(seed, null), keepalived.verdict(exported, null));
    }

    @Test
    void mirrorHasTheVerdictOfTheDirector2FileTheSeedDescribes() throws Exception {
        String seed = Files.readString(SeedMirrorTest.SEED);
        String expected = seed;
        for (String instance : List.of("VI_1", "VI_2")) {
            expected = SeedMirrorTest.replaceInInstance(expected, instance, "state MASTER", "state BACKUP");
            expected = SeedMirrorTest.replaceInInstance(expected, instance, "priority 150", "priority 100");
        }
        for (String instance : List.of("VI_3", "VI_4")) {
            expected = SeedMirrorTest.replaceInInstance(expected, instance, "state BACKUP", "state MASTER");
            expected = SeedMirrorTest.replaceInInstance(expected, instance, "priority 100", "priority 150");
        }
        Path handWritten = write("seed-director2-by-hand.conf", expected);
        Path mirrored = write("seed-director2.conf", Mirror.mirror(new ConfigParser().parse(SeedMirrorTest.SEED)));
        KeepalivedCheck.Verdict verdict = keepalived.verdict(mirrored, null);
        assertEquals(keepalived.verdict(handWritten, null), verdict);
        // keepalived 2.2.7 refuses an initial MASTER state with AH: now on VI_3/VI_4
        assertEquals(5, verdict.exitCode());
    }

    @Test
    void pairExportsHaveTheirSourcesVerdicts() throws Exception {
        ImportResult result = new ClusterImporter().importPair(new ConfigParser().parse(ImportExportTest.D1), "lvs1",
                new ConfigParser().parse(ImportExportTest.D2), "lvs2");
        Cluster cluster = result.cluster().orElseThrow();
        Path lvs1 = write("lvs1.conf", new ClusterExporter().exportText(cluster, "lvs1"));
        Path lvs2 = write("lvs2.conf", new ClusterExporter().exportText(cluster, "lvs2"));
        assertEquals(keepalived.verdict(ImportExportTest.D1, null), keepalived.verdict(lvs1, null));
        assertEquals(keepalived.verdict(ImportExportTest.D2, null), keepalived.verdict(lvs2, null));
    }

    @Test
    void clusterSavedAndLoadedWithSecretsExportsTheSameFile() throws Exception {
        ImportResult result = new ClusterImporter().importPair(new ConfigParser().parse(ImportExportTest.D1), "lvs1",
                new ConfigParser().parse(ImportExportTest.D2), "lvs2");
        Path file = dir.resolve("front.vrrpcluster");
        ClusterStore.save(result.cluster().orElseThrow(), file, FileSecretStore.forClusterFile(file));
        Cluster loaded = ClusterStore.load(file, FileSecretStore.forClusterFile(file));
        Path lvs2 = write("lvs2-from-file.conf", new ClusterExporter().exportText(loaded, "lvs2"));
        assertEquals(new ClusterExporter().exportText(result.cluster().get(), "lvs2"), Files.readString(lvs2));
        assertEquals(keepalived.verdict(ImportExportTest.D2, null), keepalived.verdict(lvs2, null));
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}

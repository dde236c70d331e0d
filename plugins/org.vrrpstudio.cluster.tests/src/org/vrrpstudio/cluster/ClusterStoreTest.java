package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.VrrpInstance;

class ClusterStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsTheModelButNotTheSecretInTheClusterFile() throws Exception {
        Cluster cluster = TestClusters.pairWithOneInstance();
        Path file = dir.resolve("site.vrrpcluster");
        FileSecretStore secrets = FileSecretStore.forClusterFile(file);

        ClusterStore.save(cluster, file, secrets);

        String xml = Files.readString(file);
        assertFalse(xml.contains("s3cret"), "secret must not be in the cluster file");
        assertTrue(xml.contains("VI_1"));
        Path secretsFile = dir.resolve("site.secrets");
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(secretsFile));
        assertTrue(Files.readString(secretsFile).contains("s3cret"));

        Cluster withoutSecrets = ClusterStore.load(file);
        assertNull(withoutSecrets.getInstances().getFirst().getAuthentication().getSecret());

        Cluster loaded = ClusterStore.load(file, FileSecretStore.forClusterFile(file));
        assertTrue(EcoreUtil.equals(cluster, loaded), "loaded cluster equals the saved one");
        VrrpInstance instance = loaded.getInstances().getFirst();
        assertSame(instance, loaded.getDirectors().get(1).getInstanceSettings().getFirst().getInstance(),
                "references resolve to the contained instance");
    }

    @Test
    void savingTwiceGivesTheSameBytes() throws Exception {
        Cluster cluster = TestClusters.pairWithOneInstance();
        Path file = dir.resolve("a.vrrpcluster");
        ClusterStore.save(cluster, file, FileSecretStore.forClusterFile(file));
        byte[] first = Files.readAllBytes(file);
        byte[] firstSecrets = Files.readAllBytes(dir.resolve("a.secrets"));
        ClusterStore.save(ClusterStore.load(file, FileSecretStore.forClusterFile(file)), file,
                FileSecretStore.forClusterFile(file));
        assertEquals(new String(first), Files.readString(file));
        assertEquals(new String(firstSecrets), Files.readString(dir.resolve("a.secrets")));
    }

    @Test
    void damagedXmlIsALocatedErrorNotAStackTrace() throws Exception {
        Path file = dir.resolve("broken.vrrpcluster");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <vrrpcluster:Cluster xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:vrrpcluster="http://vrrpstudio.org/cluster/1.0" name="x">
                  <instances name="VI_1" vrid="51"
                </vrrpcluster:Cluster>
                """);
        ClusterFileException e = assertThrows(ClusterFileException.class, () -> ClusterStore.load(file));
        assertEquals(file, e.diagnostic().location().file());
        assertEquals(5, e.diagnostic().location().line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ":5:"), e.getMessage());
        assertTrue(e.getMessage().contains("damaged cluster file: Element type \"instances\" must be followed"),
                e.getMessage());
    }

    @Test
    void unknownAttributeAndBadValueAreReportedWithTheirLine() throws Exception {
        Path file = dir.resolve("odd.vrrpcluster");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <vrrpcluster:Cluster xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:vrrpcluster="http://vrrpstudio.org/cluster/1.0" name="x">
                  <instances name="VI_1" vrid="fifty-one"/>
                </vrrpcluster:Cluster>
                """);
        ClusterFileException e = assertThrows(ClusterFileException.class, () -> ClusterStore.load(file));
        assertEquals(4, e.diagnostic().location().line(), e.getMessage());
        assertTrue(e.getMessage().contains("fifty-one"), e.getMessage());
    }

    @Test
    void missingFileAndForeignRootAreClearErrors() throws Exception {
        ClusterFileException missing = assertThrows(ClusterFileException.class,
                () -> ClusterStore.load(dir.resolve("nope.vrrpcluster")));
        assertTrue(missing.getMessage().contains("does not exist"));

        Path foreign = dir.resolve("foreign.vrrpcluster");
        Files.writeString(foreign, "<?xml version=\"1.0\"?><html/>");
        ClusterFileException e = assertThrows(ClusterFileException.class, () -> ClusterStore.load(foreign));
        assertTrue(e.getMessage().contains(foreign.toString()), e.getMessage());
    }

    @Test
    void documentTypeDeclarationsAreRefused() throws Exception {
        // an external entity would read a file of this host into the model; nested ones expand without end
        Files.writeString(dir.resolve("host.txt"), "a file of this host");
        Path file = dir.resolve("entities.vrrpcluster");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE x [<!ENTITY host SYSTEM "host.txt">]>
                <vrrpcluster:Cluster xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:vrrpcluster="http://vrrpstudio.org/cluster/1.0" name="x">
                  <directors><name>&host;</name></directors>
                </vrrpcluster:Cluster>
                """);
        ClusterFileException e = assertThrows(ClusterFileException.class, () -> ClusterStore.load(file));
        assertTrue(e.getMessage().startsWith(file + ":2:") && e.getMessage().contains("DOCTYPE is disallowed"),
                e.getMessage());
    }

    @Test
    void endlessOrHugeFileIsRefusedWithoutReadingItAll() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "needs /dev/zero");
        ClusterFileException e = assertThrows(ClusterFileException.class, () -> ClusterStore.load(zero));
        assertEquals("/dev/zero:1:1: error: cannot read cluster file: it is larger than 64 MiB (or keeps growing)",
                e.getMessage());
    }

    @Test
    void danglingReferenceIsReported() throws Exception {
        Path file = dir.resolve("dangling.vrrpcluster");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <vrrpcluster:Cluster xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:vrrpcluster="http://vrrpstudio.org/cluster/1.0" name="x">
                  <syncGroups name="VG1" instances="//@instances[name='VI_9']"/>
                </vrrpcluster:Cluster>
                """);
        ClusterFileException e = assertThrows(ClusterFileException.class, () -> ClusterStore.load(file));
        assertTrue(e.getMessage().contains("VI_9"), e.getMessage());
    }

    @Test
    void secretStoreToStringHidesSecrets() throws Exception {
        FileSecretStore store = FileSecretStore.open(dir.resolve("x.secrets"));
        store.put(SecretStore.authPassKey("VI_1"), "topsecret");
        assertFalse(store.toString().contains("topsecret"));
        assertEquals("topsecret", store.get("vrrp_instance/VI_1/auth_pass").orElseThrow());
    }
}

package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.ui.logic.deploy.DeploySession;
import org.vrrpstudio.testing.TestSshd;
import org.vrrpstudio.ui.tests.HarmlessDeploy;

/** The deploy wizard's logic against a real OpenSSH server on 127.0.0.1 (no display needed). */
class DeploySessionTest {

    @TempDir
    Path tmp;
    TestSshd sshd;
    ClusterDocument document;
    Path knownHosts;

    @BeforeEach
    void startSshd() throws Exception {
        document = TestData.seedDocument();
        knownHosts = tmp.resolve("known_hosts");
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        sshd = TestSshd.start(tmp.resolve("sshd"));
        for (Director director : document.cluster().getDirectors()) {
            pointAtTestSshd(director, sshd, tmp.resolve("remote"));
        }
    }

    static void pointAtTestSshd(Director director, TestSshd sshd, Path remoteRoot) throws Exception {
        Path remote = Files.createDirectories(remoteRoot.resolve(director.getName()));
        director.setHost("127.0.0.1");
        director.setSshPort(sshd.port());
        director.setSshUser(sshd.user());
        director.setIdentityFile(sshd.clientKey().toString());
        director.setRemoteConfigPath(remote.resolve("keepalived.conf").toString());
    }

    @AfterEach
    void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private DeploySession session() {
        return new DeploySession(document.cluster(), knownHosts, PassphraseProvider.NONE, HarmlessDeploy.COMMANDS,
                DeployOptions.DEFAULTS);
    }

    private Path remoteFile(String director) {
        return tmp.resolve("remote").resolve(director).resolve("keepalived.conf");
    }

    @Test
    void planHasOnlyTheChosenDirectorsAndNeedsOne() {
        DeploySession session = session();
        assertEquals(List.of("director1", "director2"), session.directorNames());
        assertEquals(List.of("director2"), session.plan(List.of("director2")).items().stream().map(DeployItem::director).toList());
        assertEquals(2, session.plan(List.of("director1", "director2")).items().size());
        assertThrows(IllegalArgumentException.class, () -> session.plan(List.of()));
    }

    @Test
    void missingDeploySettingIsNamedForTheUser() {
        document.cluster().getDirectors().get(1).setHost(null);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DeploySession.of(document.cluster(), knownHosts, PassphraseProvider.NONE).plan(List.of("director2")));
        assertTrue(missing.getMessage().contains("director2") && missing.getMessage().contains("host"), missing.getMessage());
    }

    @Test
    void unknownHostStopsAtTheFingerprintUntilTrustedThenPreviewShowsMaskedDiffAndDeployWritesTheFiles() throws Exception {
        DeploySession session = session();
        List<String> both = List.of("director1", "director2");

        PlanResult first = session.preview(both, DeployProgress.NONE);
        List<DeployResult.UnknownHostKey> unknown = DeploySession.unknownHostKeys(first);
        assertEquals(2, first.results().stream().filter(DeployResult.UnknownHostKey.class::isInstance).count(),
                first.summaryLines()::toString);
        assertEquals(1, unknown.size(), "both directors are behind one test server: one key to accept, asked once");
        assertEquals(sshd.hostKeyFingerprint(), unknown.getFirst().fingerprint());
        assertFalse(Files.exists(knownHosts) && Files.readString(knownHosts).contains(String.valueOf(sshd.port())),
                "nothing is trusted without the user");

        session.trust(unknown.getFirst()); // the user accepted the key shown
        PlanResult preview = session.preview(both, DeployProgress.NONE);
        for (DeployResult result : preview.results()) {
            DeployResult.WouldChange change = assertInstanceOf(DeployResult.WouldChange.class, result, result::summaryLine);
            assertTrue(change.validated(), result::summaryLine);
            String text = DeploySession.previewText(result);
            assertTrue(text.contains("+vrrp_instance VI_1 {"), text);
            assertTrue(text.contains("auth_pass"), text);
            assertFalse(text.contains("k@l"), "secrets are masked in the preview: " + text);
        }
        assertFalse(Files.exists(remoteFile("director1")), "a dry run changes nothing");

        PlanResult deployed = session.deploy(both, DeployProgress.NONE);
        assertTrue(deployed.allSucceeded(), deployed.summaryLines()::toString);
        Cluster cluster = document.cluster();
        for (Director director : cluster.getDirectors()) {
            assertEquals(document.directorConfig(director, false), Files.readString(remoteFile(director.getName())));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(remoteFile(director.getName()))));
        }
        assertTrue(session.preview(both, DeployProgress.NONE).results().stream()
                .allMatch(DeployResult.NoChange.class::isInstance), "deployed: nothing left to change");
    }

    @Test
    void cancelBeforeTheSwapChangesNothing() throws Exception {
        DeploySession session = session();
        session.trust(DeploySession.unknownHostKeys(session.preview(List.of("director1"), DeployProgress.NONE)).getFirst());
        PlanResult cancelled = session.deploy(List.of("director1", "director2"), new DeployProgress() {
            @Override
            public boolean isCancelled() {
                return true;
            }
        });
        assertInstanceOf(DeployResult.Cancelled.class, cancelled.results().getFirst(), cancelled.summaryLines()::toString);
        assertFalse(Files.exists(remoteFile("director1")));
        assertFalse(Files.exists(remoteFile("director2")));
    }
}

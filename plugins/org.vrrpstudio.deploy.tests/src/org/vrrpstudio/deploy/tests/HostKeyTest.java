package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.KnownHostsFile;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.testing.TestSshd;

/** Strict host-key checking against our known_hosts, with a real sshd per test (one test restarts it). */
class HostKeyTest {

    private static final String CONFIG = "vrrp_instance VI_1 {\n    priority 150\n}\n";

    @TempDir
    Path tmp;
    TestSshd sshd;

    @BeforeEach
    void startSshd() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        sshd = TestSshd.start(tmp.resolve("sshd"));
    }

    @AfterEach
    void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static Deployer deployer(boolean acceptNewHostKey) {
        return new Deployer(DeployOptions.DEFAULTS.withAcceptNewHostKey(acceptNewHostKey), PassphraseProvider.NONE);
    }

    @Test
    void unknownHostKeyIsRefusedThenTrustedExplicitly() throws Exception {
        FakeDirector d = FakeDirector.createWithoutConfig(sshd, "first-contact");
        d.writeLiveConfig(FakeDirector.OLD_CONFIG);
        assertTrue(Files.notExists(d.knownHosts()));

        DeployResult first = deployer(false).deploy(d.item(CONFIG), DeployProgress.NONE);

        DeployResult.UnknownHostKey unknown = assertInstanceOf(DeployResult.UnknownHostKey.class, first, first.summaryLine());
        assertEquals(sshd.hostKeyFingerprint(), unknown.fingerprint());
        assertEquals("ssh-ed25519", unknown.keyType());
        assertEquals("127.0.0.1", unknown.host());
        assertEquals(sshd.port(), unknown.port());
        assertTrue(first.summaryLine().contains(unknown.fingerprint()), first.summaryLine());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertTrue(Files.notExists(d.knownHosts()), "nothing is trusted without a decision");

        new KnownHostsFile(d.knownHosts()).trust(unknown);
        assertEquals(sshd.knownHostsLine(), Files.readString(d.knownHosts()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d.knownHosts())));

        DeployResult second = deployer(false).deploy(d.item(CONFIG), DeployProgress.NONE);
        assertInstanceOf(DeployResult.Ok.class, second, second.summaryLine());
        assertEquals(CONFIG, d.liveConfigText());
    }

    @Test
    void acceptNewHostKeyOptionAddsTheKeyOnFirstContact() throws Exception {
        FakeDirector d = FakeDirector.createWithoutConfig(sshd, "tofu");

        DeployResult result = deployer(true).deploy(d.item(CONFIG), DeployProgress.NONE);

        assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertEquals(sshd.knownHostsLine(), Files.readString(d.knownHosts()));
        assertEquals(List.of(Files.readString(sshd.hostKeyPub()).split("\\s+")[0] + " " + Files.readString(sshd.hostKeyPub()).split("\\s+")[1]),
                new KnownHostsFile(d.knownHosts()).keysFor("127.0.0.1", sshd.port()));
    }

    @Test
    void changedHostKeyIsRefusedNamingBothFingerprints() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "reinstalled");
        String oldFingerprint = sshd.hostKeyFingerprint();
        String knownHostsBefore = Files.readString(d.knownHosts());

        sshd.restartWithNewHostKey();
        String newFingerprint = sshd.hostKeyFingerprint();

        for (boolean acceptNew : new boolean[] {false, true}) {
            DeployResult result = deployer(acceptNew).deploy(d.item(CONFIG), DeployProgress.NONE);
            DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result, result.summaryLine());
            assertEquals(DeployStep.CONNECT, failed.step());
            assertTrue(failed.cause().contains("HOST KEY CHANGED"), failed.cause());
            assertTrue(failed.cause().contains("[127.0.0.1]:" + sshd.port()), failed.cause());
            assertTrue(failed.cause().contains(oldFingerprint), failed.cause());
            assertTrue(failed.cause().contains(newFingerprint), failed.cause());
            assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
            assertEquals(knownHostsBefore, Files.readString(d.knownHosts()), "a changed key is never replaced automatically");
        }
    }
}

package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.testing.TestSshd;

/** Connection problems end as one-line FAILED results at CONNECT, never as exceptions. */
class ConnectionErrorsTest extends AgainstOneSshd {

    private static final String CONFIG = "vrrp_instance VI_1 {\n}\n";
    /** These messages are about the key file alone, whatever agent the environment has (AgentAuthenticationTest has the agent). */
    private static final DeployOptions NO_AGENT = DeployOptions.DEFAULTS.withAgentSocket(Optional.empty());


    private static DeployResult.Failed failsAtConnect(DeployItem item, PassphraseProvider passphrases, DeployOptions options) {
        DeployResult result = new Deployer(options, passphrases).deploy(item, DeployProgress.NONE);
        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result, result.summaryLine());
        assertEquals(DeployStep.CONNECT, failed.step());
        assertFalse(failed.cause().contains("\n"), "one line");
        assertFalse(failed.cause().contains("Exception"), failed.cause());
        return failed;
    }

    private static DeployResult.Failed failsAtConnect(DeployItem item) {
        return failsAtConnect(item, PassphraseProvider.NONE, NO_AGENT);
    }

    private static DeployTarget onPort(DeployTarget t, String host, int port) {
        return new DeployTarget(t.director(), host, port, t.user(), t.identityFile(), t.knownHosts(), t.remoteConfigPath(),
                DaemonKind.KEEPALIVED, t.validateCommand(), t.reloadCommand(), t.verifyCommand());
    }

    private static DeployTarget withKey(DeployTarget t, Path key) {
        return new DeployTarget(t.director(), t.host(), t.port(), t.user(), key, t.knownHosts(), t.remoteConfigPath(),
                DaemonKind.KEEPALIVED, t.validateCommand(), t.reloadCommand(), t.verifyCommand());
    }

    @Test
    void connectionRefused() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "refused");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        DeployResult.Failed failed = failsAtConnect(new DeployItem(onPort(d.target(), "127.0.0.1", closedPort), CONFIG));
        assertTrue(failed.cause().contains("connection refused"), failed.cause());
        assertTrue(failed.cause().contains("127.0.0.1:" + closedPort), failed.cause());
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "silent");
        // the kernel completes the TCP handshake into the backlog, but nobody ever speaks SSH
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            DeployOptions quick = NO_AGENT.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5));
            long start = System.nanoTime();
            DeployResult.Failed failed = failsAtConnect(new DeployItem(onPort(d.target(), "127.0.0.1", silent.getLocalPort()), CONFIG),
                    PassphraseProvider.NONE, quick);
            assertTrue(failed.cause().contains("no answer within 1 s"), failed.cause());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        }
    }

    @Test
    void unknownHostName() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "nxdomain");
        DeployResult.Failed failed = failsAtConnect(new DeployItem(onPort(d.target(), "no-such-director.invalid", 22), CONFIG));
        assertTrue(failed.cause().contains("unknown host name 'no-such-director.invalid'"), failed.cause());
    }

    @Test
    void keyNotAuthorizedIsAnAuthenticationFailure() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "not-authorized");
        Path stranger = tmp.resolve("stranger_ed25519");
        TestSshd.keygen(stranger, "");
        DeployResult.Failed failed = failsAtConnect(new DeployItem(withKey(d.target(), stranger), CONFIG));
        assertTrue(failed.cause().startsWith("authentication failed for " + sshd.user() + "@127.0.0.1:" + sshd.port()), failed.cause());
        assertTrue(failed.cause().contains(stranger.toString()), failed.cause());
    }

    @Test
    void missingKeyFile() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "missing-key");
        DeployResult.Failed failed = failsAtConnect(new DeployItem(withKey(d.target(), tmp.resolve("nope")), CONFIG));
        assertTrue(failed.cause().contains("cannot read private key") && failed.cause().contains("no such file"), failed.cause());
    }

    @Test
    void encryptedKeyUsesThePassphraseFromTheCallbackAndWipesIt() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "encrypted-key");
        Path key = tmp.resolve("encrypted_ed25519");
        TestSshd.keygen(key, "correct horse");
        java.nio.file.Files.writeString(tmp.resolve("sshd/authorized_keys"), java.nio.file.Files.readString(Path.of(key + ".pub")),
                java.nio.file.StandardOpenOption.APPEND);
        DeployItem item = new DeployItem(withKey(d.target(), key), CONFIG);

        failsAtConnect(item); // no passphrase at all
        DeployResult.Failed noPassphrase = failsAtConnect(item, PassphraseProvider.NONE, NO_AGENT);
        assertTrue(noPassphrase.cause().contains("is encrypted and no passphrase was given"), noPassphrase.cause());

        DeployResult.Failed wrong = failsAtConnect(item, (director, file) -> Optional.of("wrong".toCharArray()), NO_AGENT);
        assertTrue(wrong.cause().contains("wrong passphrase for private key " + key), wrong.cause());
        assertFalse(wrong.summaryLine().contains("wrong\""));

        char[] handedOut = "correct horse".toCharArray();
        AtomicInteger asked = new AtomicInteger();
        DeployResult ok = new Deployer(NO_AGENT, (director, file) -> {
            asked.incrementAndGet();
            assertEquals("encrypted-key", director);
            assertEquals(key, file);
            return Optional.of(handedOut);
        }).deploy(item, DeployProgress.NONE);
        assertInstanceOf(DeployResult.Ok.class, ok, ok.summaryLine());
        assertEquals(1, asked.get());
        assertEquals(new String(new char[handedOut.length]), new String(handedOut), "passphrase wiped after use");
        assertEquals(CONFIG, d.liveConfigText());
    }
}

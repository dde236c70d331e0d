package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.testing.TestSshAgent;
import org.vrrpstudio.testing.TestSshd;

/**
 * Keys held by a real OpenSSH ssh-agent (started by each test on its own socket, stopped by its PID) against the
 * real sshd, whose only authorized key is {@link TestSshd#clientKey()}.
 */
class AgentAuthenticationTest extends AgainstOneSshd {

    private static final String CONFIG = "# deployed with the agent\nvrrp_instance VI_1 {\n}\n";
    /** Fails the test if a passphrase is asked for: the agent (or an unencrypted key) should make it unnecessary. */
    private static final PassphraseProvider NEVER_ASKED = (director, key) -> {
        throw new AssertionError("a passphrase was asked for " + key);
    };

    private static final AtomicInteger SOCKETS = new AtomicInteger();

    @BeforeAll
    static void needSshAgent() {
        assumeTrue(TestSshAgent.available(), TestSshAgent.unavailableReason());
    }

    private static Deployer deployer(Path agentSocket) {
        return new Deployer(DeployOptions.DEFAULTS.withAgentSocket(Optional.of(agentSocket)), NEVER_ASKED);
    }

    private static FakeDirector director(TestInfo test) throws IOException {
        return FakeDirector.create(sshd, test.getTestMethod().orElseThrow().getName());
    }

    /** A fresh socket path, short enough for a Unix-domain socket. */
    private static Path newSocketPath() {
        return tmp.resolve("agent" + SOCKETS.incrementAndGet() + ".sock");
    }

    private static Path strangerKey(String name) throws Exception {
        Path key = tmp.resolve(name);
        TestSshd.keygen(key, "");
        return key;
    }

    /** Runs with another home folder (the default keys are looked up there), then restores it. */
    private static DeployResult withUserHome(Path home, Supplier<DeployResult> deploy) {
        String previous = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            return deploy.get();
        } finally {
            System.setProperty("user.home", previous);
        }
    }

    private static DeployResult.Failed failedAtConnect(DeployResult result) {
        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result, result.summaryLine());
        assertEquals(DeployStep.CONNECT, failed.step());
        assertFalse(failed.cause().contains("\n"), "one line");
        assertFalse(failed.cause().contains("Exception"), failed.cause());
        return failed;
    }

    @Test
    void directorWithoutKeyFileDeploysThroughTheAgentsKey(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        RecordingProgress progress = new RecordingProgress();
        long agentPid;
        try (TestSshAgent agent = TestSshAgent.start(newSocketPath())) {
            agentPid = agent.pid();
            agent.add(sshd.clientKey());

            DeployResult result = deployer(agent.socket()).deploy(new DeployItem(d.target(null), CONFIG), progress);

            assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
            assertEquals(CONFIG, d.liveConfigText());
            assertEquals(List.of(), progress.warnings());
        }
        assertFalse(ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false), "agent stopped by its PID");
    }

    @Test
    void anEncryptedKeyFileTheAgentHoldsNeedsNoPassphrase(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        Path key = strangerKey("held_by_agent");
        Files.writeString(sshd.dir().resolve("authorized_keys"), Files.readString(Path.of(key + ".pub")), StandardOpenOption.APPEND);
        try (TestSshAgent agent = TestSshAgent.start(newSocketPath())) {
            agent.add(key);
            // only now encrypt the file: ssh-add could not have asked for the passphrase
            Process reencrypt = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-p", "-P", "", "-N", "only the agent knows",
                    "-f", key.toString()).redirectErrorStream(true).start();
            String output = new String(reencrypt.getInputStream().readAllBytes());
            assertEquals(0, reencrypt.waitFor(), output);

            DeployResult result = deployer(agent.socket()).deploy(new DeployItem(d.target(key), CONFIG), new RecordingProgress());

            assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
            assertEquals(CONFIG, d.liveConfigText());
        }
    }

    @Test
    void anAgentKeyTheServerDoesNotAcceptFailsAuthenticationClearly(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        try (TestSshAgent agent = TestSshAgent.start(newSocketPath())) {
            agent.add(strangerKey("stranger_in_agent"));

            DeployResult.Failed failed = failedAtConnect(
                    deployer(agent.socket()).deploy(new DeployItem(d.target(null), CONFIG), new RecordingProgress()));

            assertEquals("authentication failed for " + sshd.user() + "@127.0.0.1:" + sshd.port() + " with 1 key from ssh-agent "
                    + agent.socket() + " (is its public key in the user's authorized_keys?)", failed.cause());
            assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        }
    }

    @Test
    void theKeyFileIsOfferedAfterTheAgentsKeysAndNeverAddedToTheAgent(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        try (TestSshAgent agent = TestSshAgent.start(newSocketPath())) {
            agent.add(strangerKey("refused_agent_key"));
            List<String> agentKeysBefore = agent.keys();
            RecordingProgress progress = new RecordingProgress();

            DeployResult result = deployer(agent.socket()).deploy(d.item(CONFIG), progress);

            assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
            assertEquals(List.of(), progress.warnings());
            assertEquals(1, agentKeysBefore.size(), agentKeysBefore::toString);
            assertEquals(agentKeysBefore, agent.keys(), "the director's key file was not handed to the agent");
        }
    }

    @Test
    void aMissingAgentSocketIsReportedAndTheKeyFileStillDeploys(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        Path gone = newSocketPath();
        RecordingProgress progress = new RecordingProgress();

        DeployResult result = deployer(gone).deploy(d.item(CONFIG), progress);

        assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertEquals(CONFIG, d.liveConfigText());
        assertEquals(List.of(d.name() + ": ssh-agent " + gone + " not used: no such socket"), progress.warnings());
    }

    @Test
    void anAgentSocketNobodyListensOnIsReportedAndTheKeyFileStillDeploys(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        Path stale = newSocketPath();
        // an agent that died without cleaning up leaves its socket file behind
        try (ServerSocketChannel leftOver = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            leftOver.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale));
        RecordingProgress progress = new RecordingProgress();

        DeployResult result = deployer(stale).deploy(d.item(CONFIG), progress);

        assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertEquals(List.of(d.name() + ": ssh-agent " + stale + " not used: connection refused (no agent is listening on it)"),
                progress.warnings());
    }

    @Test
    void anAgentThatNeverAnswersIsGivenUpAfterTheConnectTimeout(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        Path silent = newSocketPath();
        try (ServerSocketChannel neverAnswers = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            neverAnswers.bind(UnixDomainSocketAddress.of(silent)); // connects land in the backlog, nobody reads
            DeployOptions quick = DeployOptions.DEFAULTS.withAgentSocket(Optional.of(silent))
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30));
            RecordingProgress progress = new RecordingProgress();
            long start = System.nanoTime();

            DeployResult result = new Deployer(quick, NEVER_ASKED).deploy(d.item(CONFIG), progress);

            assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
            assertEquals(List.of(d.name() + ": ssh-agent " + silent + " not used: no answer within 1 s"), progress.warnings());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        }
    }

    @Test
    void anUnreadableKeyFileIsReportedWhileTheAgentsKeyGetsIn(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        Path missing = tmp.resolve("no_such_key");
        try (TestSshAgent agent = TestSshAgent.start(newSocketPath())) {
            agent.add(sshd.clientKey());
            RecordingProgress progress = new RecordingProgress();

            DeployResult result = deployer(agent.socket()).deploy(new DeployItem(d.target(missing), CONFIG), progress);

            assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
            assertEquals(List.of(d.name() + ": cannot read private key " + missing + " (no such file)"), progress.warnings());
        }
    }

    @Test
    void withNeitherAnAgentNorAKeyFileTheUsersDefaultKeyIsOffered(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        Deployer noAgent = new Deployer(DeployOptions.DEFAULTS.withAgentSocket(Optional.empty()), NEVER_ASKED);
        DeployItem noKeyFile = new DeployItem(d.target(null), CONFIG);

        DeployResult.Failed nothing = failedAtConnect(withUserHome(home, () -> noAgent.deploy(noKeyFile, new RecordingProgress())));
        assertEquals("no key to offer: director " + d.name() + " has no identity file, none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa"
                + " exists, and no ssh-agent socket is set (SSH_AUTH_SOCK)", nothing.cause());

        Files.copy(sshd.clientKey(), home.resolve(".ssh/id_ecdsa")); // any of the default names will do
        DeployResult result = withUserHome(home, () -> noAgent.deploy(noKeyFile, new RecordingProgress()));
        assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertEquals(CONFIG, d.liveConfigText());
    }

    @Test
    void whenNeitherTheAgentNorTheKeyFileGetsInTheMessageNamesBoth(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        Path gone = newSocketPath();
        Path stranger = strangerKey("stranger_file");

        DeployResult.Failed refused = failedAtConnect(
                deployer(gone).deploy(new DeployItem(d.target(stranger), CONFIG), new RecordingProgress()));
        assertEquals("authentication failed for " + sshd.user() + "@127.0.0.1:" + sshd.port() + " with key " + stranger
                + " (is its public key in the user's authorized_keys?); ssh-agent " + gone + " not used: no such socket",
                refused.cause());

        Path missing = tmp.resolve("missing_key");
        DeployResult.Failed unreadable = failedAtConnect(
                deployer(gone).deploy(new DeployItem(d.target(missing), CONFIG), new RecordingProgress()));
        assertEquals("ssh-agent " + gone + " not used: no such socket; cannot read private key " + missing + " (no such file)",
                unreadable.cause());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
    }
}

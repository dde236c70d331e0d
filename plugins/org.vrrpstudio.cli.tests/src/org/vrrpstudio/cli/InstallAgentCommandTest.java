package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.model.DaemonKind;
import org.vrrpstudio.testing.TestSshd;

/**
 * {@code install-agent} as a user runs it, against a real sshd on loopback whose sessions find a
 * {@code vrrpstudio-agent} first on PATH that reports the package's version: both directors already have it, so
 * the package is not uploaded and no agent runs to restart (the install itself is AgentInstallerTest's and
 * releng/deb-install-test's part).
 */
class InstallAgentCommandTest {

    private static final String VERSION = "0.1.0.202601010000";

    @TempDir
    static Path tmp;
    static LoopbackPair pair;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startSshd() throws Exception {
        pair = LoopbackPair.startOrNull(tmp, Map.of("vrrpstudio-agent",
                "[ \"$1\" = --version ] && echo 'vrrpstudio-agent " + VERSION + "'\n"));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    private int run(String... args) {
        return VrrpStudioCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path agentPackage() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("package"));
        Path repo = Path.of(System.getProperty("vrrpstudio.repo", "../.."));
        Files.copy(repo.resolve("products/org.vrrpstudio.agent.deb/src/install/vrrpstudio-agent-install"),
                dir.resolve("vrrpstudio-agent-install"));
        return Files.writeString(dir.resolve("vrrpstudio-agent_" + VERSION + "_amd64.deb"), "not uploaded");
    }

    @Test
    void directorsWithThePackagesVersionAreLeftAlone() throws Exception {
        assumeTrue(pair != null, TestSshd.unavailableReason());
        Path cluster = pair.clusterFile(DaemonKind.AGENT);

        int exit = run("install-agent", cluster.toString(), "--package", agentPackage().toString(),
                "--known-hosts", pair.knownHosts.toString());

        assertEquals(0, exit, out + "\n" + err);
        assertEquals(List.of("lvs2: already installed " + VERSION, "lvs1: already installed " + VERSION).stream().sorted().toList(),
                out.toString(StandardCharsets.UTF_8).lines().sorted().toList());
        assertEquals(List.of("vrrpstudio-agent --version", "vrrpstudio-agent --version"), pair.calls(),
                "each director was only asked its version (its status: no agent runs)");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("lvs1: connecting to "), err::toString);
    }

    @Test
    void aPackageThatIsNotOneIsAOneLineUsageError() throws Exception {
        Path odd = Files.writeString(tmp.resolve("agent.zip"), "x");

        int exit = run("install-agent", tmp.resolve("none.vrrpcluster").toString(), "--package", odd.toString());

        assertEquals(2, exit);
        assertEquals(List.of("vrrpstudio: " + odd + ": not an agent package (vrrpstudio-agent_VERSION_ARCH.deb)"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}

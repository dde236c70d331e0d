package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.AgentInstaller;
import org.vrrpstudio.deploy.AgentInstaller.AgentPackage;
import org.vrrpstudio.deploy.AgentInstaller.Result;
import org.vrrpstudio.deploy.AgentInstaller.Status;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.testing.TestSshd;

/**
 * install-agent's SSH part against real OpenSSH servers on loopback, with the real install step
 * (products/org.vrrpstudio.agent.deb/src/install/vrrpstudio-agent-install). The director is this machine, so the
 * packages here are ones the install step refuses before it changes anything (another architecture), or one the
 * director already has: a {@code vrrpstudio-agent} on the remote PATH answers {@code --version} as an installed agent
 * would. That the install step really installs, and says "already installed" the second time, is
 * releng/deb-install-test's part (a Debian 12 booted with systemd).
 */
class AgentInstallerTest {

    private static final String VERSION = "0.0.1.202601010000";

    @TempDir
    static Path tmp;
    static TestSshd sshd;
    static TestSshd sshdWithAgent;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb to build a test package");
        sshd = TestSshd.start(tmp.resolve("sshd"));
        Path bin = Files.createDirectories(tmp.resolve("remote-bin"));
        Path agent = bin.resolve("vrrpstudio-agent");
        Files.writeString(agent, "#!/bin/sh\n[ \"$1\" = --version ] && echo 'vrrpstudio-agent " + VERSION + "'\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        sshdWithAgent = TestSshd.start(tmp.resolve("sshd-agent"), bin);
    }

    @AfterAll
    static void stop() throws Exception {
        for (TestSshd s : new TestSshd[] {sshd, sshdWithAgent}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** A package as the build names it, built with dpkg-deb, with the real install step beside it. */
    private static AgentPackage testPackage(String name, String arch) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path root = Files.createDirectories(dir.resolve("root/DEBIAN"));
        Files.writeString(root.resolve("control"), "Package: vrrpstudio-agent\nVersion: " + VERSION + "\nArchitecture: " + arch
                + "\nMaintainer: test <test@localhost>\nDescription: test package\n");
        Path deb = dir.resolve("vrrpstudio-agent_" + VERSION + "_" + arch + ".deb");
        Process p = new ProcessBuilder("dpkg-deb", "-b", "-Zgzip", dir.resolve("root").toString(), deb.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        Path repo = Path.of(System.getProperty("vrrpstudio.repo", "../.."));
        Files.copy(repo.resolve("products/org.vrrpstudio.agent.deb/src/install/vrrpstudio-agent-install"),
                dir.resolve(AgentPackage.INSTALL_STEP));
        return AgentPackage.of(deb);
    }

    private static DeployTarget target(String director, TestSshd server, Path knownHosts) {
        return new DeployTarget(director, "127.0.0.1", server.port(), server.user(), server.clientKey(), knownHosts,
                "/etc/keepalived/keepalived.conf", DaemonKind.AGENT, null, null, null);
    }

    private static Path trusted(TestSshd server, String name) throws IOException {
        Path knownHosts = tmp.resolve(name + "-known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine());
        return knownHosts;
    }

    private static Set<String> installFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vrrpstudio-agent-install.")).collect(Collectors.toSet());
        }
    }

    private static AgentInstaller installer() {
        return new AgentInstaller(DeployOptions.DEFAULTS.withAgentSocket(java.util.Optional.empty()), PassphraseProvider.NONE);
    }

    @Test
    void aRefusalIsTheInstallStepsOneLineAndLeavesNothingBehind() throws Exception {
        AgentPackage arm = testPackage("arm", "arm64");
        assumeTrue("amd64".equals(dpkgArchitecture()), "the refusal names this machine's architecture, amd64 expected");
        Set<String> before = installFolders();
        List<String> progress = new ArrayList<>();
        List<Result> results = installer().install(List.of(target("d1", sshd, trusted(sshd, "d1")),
                target("d2", sshd, trusted(sshd, "d2"))), arm, (d, what) -> progress.add(d + ": " + what));

        assertEquals(Status.REFUSED, results.get(0).status(), results.get(0).line());
        assertEquals("d1: refused wrong architecture: the package is for arm64, this director is amd64", results.get(0).line());
        assertEquals(Status.SKIPPED, results.get(1).status(), "one director at a time: the next is not tried");
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("d1: uploading vrrpstudio-agent_" + VERSION)), progress.toString());
        assertEquals(before, installFolders(), "the temporary folder on the director is removed");
    }

    @Test
    void theSameVersionAlreadyThereIsNotTouched() throws Exception {
        AgentPackage pkg = testPackage("same", "amd64");
        Set<String> before = installFolders();
        List<String> progress = new ArrayList<>();
        List<Result> results = installer().install(List.of(target("d1", sshdWithAgent, trusted(sshdWithAgent, "agent-d1"))), pkg,
                (d, what) -> progress.add(what));

        assertEquals(List.of("d1: already installed " + VERSION), results.stream().map(Result::line).toList());
        assertTrue(progress.stream().noneMatch(l -> l.startsWith("uploading")), "the package is not uploaded: " + progress);
        assertEquals(before, installFolders());
    }

    @Test
    void anUnknownHostKeyStopsBeforeAnything() throws Exception {
        AgentPackage pkg = testPackage("unknown-key", "amd64");
        Path empty = Files.writeString(tmp.resolve("empty-known_hosts"), "");
        List<Result> results = installer().install(List.of(target("d1", sshd, empty), target("d2", sshd, trusted(sshd, "k2"))), pkg,
                (d, what) -> { });

        assertEquals(Status.UNKNOWN_HOST_KEY, results.get(0).status(), results.get(0).line());
        assertEquals(sshd.hostKeyFingerprint(), results.get(0).unknownHostKey().orElseThrow().fingerprint());
        assertEquals(Status.SKIPPED, results.get(1).status());
        assertEquals("", Files.readString(empty), "not trusted without --accept-new-host-key");
    }

    @Test
    void aPackageIsKnownByItsNameAndNeedsItsInstallStep() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("names"));
        Path odd = Files.writeString(dir.resolve("agent.deb"), "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentPackage.of(odd)).getMessage()
                .endsWith("not an agent package (vrrpstudio-agent_VERSION_ARCH.deb)"));
        Path alone = Files.writeString(dir.resolve("vrrpstudio-agent_1.2.3_amd64.deb"), "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentPackage.of(alone)).getMessage()
                .contains("the install step is missing beside the package"));
        Files.writeString(dir.resolve(AgentPackage.INSTALL_STEP), "#!/bin/sh\n");
        assertEquals("1.2.3", AgentPackage.of(alone).version());
    }

    private static String dpkgArchitecture() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dpkg", "--print-architecture").start();
        String arch = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return arch;
    }
}

package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DaemonKind;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.testing.TestSshd;

/**
 * {@code switch-daemon}'s refusals as a user meets them, over a real sshd on loopback (both directors on it): the
 * sessions find a {@code vrrpstudio-agent} first on PATH whose status says VI_1 is MASTER, so the second director is
 * MASTER where the model wants BACKUP: the switch is refused in one line per director and nothing is stopped or
 * started. The switch itself runs in the namespace lab (SwitchDaemonLabTest) and against a simulated pair
 * (deploy's DaemonSwitchTest).
 */
class SwitchDaemonCommandTest {

    @TempDir
    static Path tmp;
    static TestSshd sshd;
    static Path knownHosts;
    static Path calls;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startSshd() throws Exception {
        if (!TestSshd.available()) {
            return;
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        calls = tmp.resolve("calls.log");
        Files.writeString(calls, "");
        Path agent = bin.resolve("vrrpstudio-agent");
        Files.writeString(agent, "#!/bin/sh\necho \"vrrpstudio-agent $*\" >> '" + calls + "'\n"
                + "[ \"$1\" = status ] && echo '{\"instances\":[{\"name\":\"VI_1\",\"state\":\"MASTER\"}]}'\nexit 0\n");
        Path labctl = bin.resolve("labctl");
        Files.writeString(labctl, "#!/bin/sh\necho \"labctl $*\" >> '" + calls + "'\n");
        for (Path p : List.of(agent, labctl)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
        sshd = TestSshd.start(tmp.resolve("sshd"), bin);
        knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine());
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private int run(String... args) {
        return VrrpStudioCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path clusterFile() throws Exception {
        Path conf = tmp.resolve("lvs1.conf");
        Files.writeString(conf, """
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    virtual_ipaddress {
                        192.168.200.10
                    }
                }
                """);
        ImportResult imported = new ClusterImporter().importWithMirror(new ConfigParser().parse(conf), "lvs1", "lvs2");
        assertTrue(imported.succeeded(), imported.errors()::toString);
        Cluster cluster = imported.cluster().orElseThrow();
        for (Director d : cluster.getDirectors()) {
            d.setHost("127.0.0.1");
            d.setSshPort(sshd.port());
            d.setSshUser(sshd.user());
            d.setIdentityFile(sshd.clientKey().toString());
            d.setRemoteConfigPath(tmp.resolve(d.getName() + "-keepalived.conf").toString());
            d.setDaemonKind(DaemonKind.AGENT);
        }
        Path file = tmp.resolve("web.vrrpcluster");
        ClusterStore.save(cluster, file, FileSecretStore.forClusterFile(file));
        return file;
    }

    @Test
    void aPeerNotOnTheIntendedDistributionRefusesAndNothingChanges() throws Exception {
        assumeTrue(sshd != null, TestSshd.unavailableReason());
        Path cluster = clusterFile();
        assertEquals(0, run("director", cluster.toString(), "lvs1", "--start-command", "labctl start {daemon} {file}",
                "--stop-command", "labctl stop {daemon}"), err::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("  start        labctl start {daemon} {file}"), out::toString);
        out.reset();

        int exit = run("switch-daemon", cluster.toString(), "--to", "keepalived", "--director", "lvs1",
                "--known-hosts", knownHosts.toString());

        assertEquals(1, exit, out + "\n" + err);
        assertEquals(List.of("lvs2: refused: not healthy: lvs2: VI_1 MASTER (intended BACKUP)",
                "lvs1: skipped (nothing changed: the switch was refused)"), out.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(List.of("vrrpstudio-agent status --json", "vrrpstudio-agent status --json"), Files.readAllLines(calls),
                "only the live states were read: nothing stopped or started");
        assertEquals(DaemonKind.AGENT, org.vrrpstudio.cluster.ClusterStore.load(cluster, FileSecretStore.forClusterFile(cluster))
                .getDirectors().getFirst().getDaemonKind(), "the model still says agent");
    }

    @Test
    void anUnknownDaemonIsAUsageError() throws Exception {
        int exit = run("switch-daemon", tmp.resolve("none.vrrpcluster").toString(), "--to", "bird");

        assertEquals(2, exit);
        assertEquals(List.of("vrrpstudio: --to must be agent or keepalived, got 'bird'"), err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}

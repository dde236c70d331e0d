package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.model.DaemonKind;
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
    static LoopbackPair pair;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startSshd() throws Exception {
        pair = LoopbackPair.startOrNull(tmp, Map.of(
                "vrrpstudio-agent", "[ \"$1\" = status ] && echo '{\"instances\":[{\"name\":\"VI_1\",\"state\":\"MASTER\"}]}'\nexit 0\n",
                "labctl", ""));
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

    @Test
    void aPeerNotOnTheIntendedDistributionRefusesAndNothingChanges() throws Exception {
        assumeTrue(pair != null, TestSshd.unavailableReason());
        Path cluster = pair.clusterFile(DaemonKind.AGENT);
        assertEquals(0, run("director", cluster.toString(), "lvs1", "--start-command", "labctl start {daemon} {file}",
                "--stop-command", "labctl stop {daemon}"), err::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("  start        labctl start {daemon} {file}"), out::toString);
        out.reset();

        int exit = run("switch-daemon", cluster.toString(), "--to", "keepalived", "--director", "lvs1",
                "--known-hosts", pair.knownHosts.toString());

        assertEquals(1, exit, out + "\n" + err);
        assertEquals(List.of("lvs2: refused: not healthy: lvs2: VI_1 MASTER (intended BACKUP)",
                "lvs1: skipped (nothing changed: the switch was refused)"), out.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(List.of("vrrpstudio-agent status --json", "vrrpstudio-agent status --json"), pair.calls(),
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

package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.internal.ExecResult;
import org.vrrpstudio.deploy.internal.RemoteNames;

/** Targets, items and remote names: defaults, validation, and nothing secret where it must not be. */
class ValuesTest {

    private static final Path KEY = Path.of("/home/op/.ssh/id_ed25519");
    private static final Path KNOWN = Path.of("/home/op/.vrrpstudio/known_hosts");

    @Test
    void targetDefaultsFollowTheDaemonKind() {
        DeployTarget k = DeployTarget.keepalived("lvs1", "10.0.0.1", "root", KEY, KNOWN, "/etc/keepalived/keepalived.conf");
        assertEquals("keepalived -t -f {file}", k.validateCommand());
        assertEquals(22, k.port());
        assertTrue(k.verifies());
        assertTrue(k.verifyCommand().startsWith("sh -c "), k.verifyCommand());
        assertTrue(k.verifyCommand().endsWith(" keepalived-verify '/run/keepalived.pid' '/tmp/keepalived.data' 10 {instances}"),
                "every instance of the new file must report a state in keepalived's data dump");
        assertTrue(k.reportsLiveState());
        DeployTarget agent = new DeployTarget("lvs2", "10.0.0.2", 2222, "ops", KEY, KNOWN, "/etc/vrrpstudio/agent.conf",
                DaemonKind.AGENT, null, null, "");
        assertEquals("vrrpstudio-agent check {file}", agent.validateCommand());
        assertFalse(agent.verifies(), "blank verify command means no verification");
        assertEquals("vrrpstudio-agent status --json", agent.statusCommand());
        assertFalse(agent.withStatusCommand("").reportsLiveState(), "blank status command: the plan's order is kept");
        assertEquals("ops@10.0.0.2:2222", agent.address());
    }

    @Test
    void badTargetsAreRejectedWithTheDirectorAndTheField() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DeployTarget.keepalived("lvs1", "10.0.0.1", "root", KEY, KNOWN, "keepalived.conf"));
        assertEquals("director lvs1: remote config path 'keepalived.conf' must be an absolute file path", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DeployTarget("lvs1", "h", 0, "root", KEY, KNOWN,
                "/etc/k.conf", DaemonKind.KEEPALIVED, null, null, null));
        assertEquals("director lvs1: port 0 is not in 1..65535", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeployTarget.keepalived("lvs1", " ", "root", KEY, KNOWN, "/etc/k.conf"));
        assertEquals("host of director lvs1 is missing", e.getMessage());
    }

    @Test
    void itemToStringHidesTheConfig() {
        DeployItem item = new DeployItem(DeployTarget.keepalived("lvs1", "10.0.0.1", "root", KEY, KNOWN, "/etc/k.conf"),
                "auth_pass topSecret\n");
        assertFalse(item.toString().contains("topSecret"), item.toString());
        assertArrayEqualsUtf8("auth_pass topSecret\n", item.configBytes());
    }

    @Test
    void tempFilesAreHiddenRandomAndBesideTheTarget() {
        Random random = new Random(1);
        String a = RemoteNames.tempFileFor("/etc/keepalived/keepalived.conf", random);
        String b = RemoteNames.tempFileFor("/etc/keepalived/keepalived.conf", random);
        assertTrue(a.matches("/etc/keepalived/\\.keepalived\\.conf\\.vrrpstudio-[0-9a-f]{16}\\.tmp"), a);
        assertFalse(a.equals(b));
    }

    @Test
    void backupNamesAreTimestamped() {
        assertEquals("/etc/keepalived/keepalived.conf.bak-20260304-050607",
                RemoteNames.backupFor("/etc/keepalived/keepalived.conf", Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC));
    }

    @Test
    void backupsAreRecognisedAndOrderedOldestFirst() {
        String config = "/etc/keepalived/keepalived.conf";
        assertTrue(RemoteNames.isBackupOf("keepalived.conf.bak-20260304-050607", config));
        assertTrue(RemoteNames.isBackupOf("keepalived.conf.bak-20260304-050607-12", config));
        assertFalse(RemoteNames.isBackupOf("keepalived.conf.bak-2026", config));
        assertFalse(RemoteNames.isBackupOf("other.conf.bak-20260304-050607", config));
        assertFalse(RemoteNames.isBackupOf("keepalived.conf.bak-20260304-050607.old", config));
        assertFalse(RemoteNames.isBackupOf("keepalived.conf", config));
        List<String> names = new java.util.ArrayList<>(List.of("keepalived.conf.bak-20260304-050607-10",
                "keepalived.conf.bak-20260304-050607-9", "keepalived.conf.bak-20260101-000000", "keepalived.conf.bak-20260304-050607"));
        names.sort(RemoteNames.backupOrder());
        assertEquals(List.of("keepalived.conf.bak-20260101-000000", "keepalived.conf.bak-20260304-050607",
                "keepalived.conf.bak-20260304-050607-9", "keepalived.conf.bak-20260304-050607-10"), names);
    }

    @Test
    void shellQuotingSurvivesARealShell() throws Exception {
        String nasty = "/tmp/it's a \"file\" $(rm -rf x) `y`;\\ z";
        Process sh = new ProcessBuilder("/bin/sh", "-c", "printf %s " + RemoteNames.shellQuote(nasty)).start();
        assertEquals(nasty, new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, sh.waitFor());
        assertEquals("keepalived -t -f '/etc/k.conf'", RemoteNames.command("keepalived -t -f {file}", "/etc/k.conf"));
    }

    @Test
    void commandOutputSummaryIsOneLineWithSecretsMasked() {
        ExecResult r = new ExecResult(1, "", "(Line 7) bad value\n\n   auth_pass hunter2 too long\n");
        assertEquals("(Line 7) bad value | auth_pass ******** too long", r.outputSummary());
        assertEquals("no output", new ExecResult(1, " \n", "").outputSummary());
    }

    private static void assertArrayEqualsUtf8(String expected, byte[] actual) {
        assertEquals(expected, new String(actual, StandardCharsets.UTF_8));
    }
}

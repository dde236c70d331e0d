package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ScriptPaths;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.vrrp.binding.DirectorSetup;
import org.vrrpstudio.vrrp.binding.NotifyFifoScript;
import org.vrrpstudio.vrrp.binding.NotifyScripts;
import org.vrrpstudio.vrrp.config.TrackConfig;

/** keepalived 2.2.7's script rules on a made-up host (users and file modes given here). */
class ScriptPolicyTest {

    /** root:root 0755 folders down to /opt/s, /opt/s/ok.sh 0755, /opt/u owned by uid 1000, /tmp 1777. */
    private static final class FakeHost implements ScriptPolicy.Host {
        final Map<String, ScriptPolicy.Identity> users = new HashMap<>(Map.of("root", new ScriptPolicy.Identity("root", 0, 0),
                "nobody", new ScriptPolicy.Identity("nobody", 65534, 65534)));
        final Map<Path, ScriptPaths.Entry> entries = new HashMap<>(Map.of(
                Path.of("/"), new ScriptPaths.Entry(0, 0, 040755),
                Path.of("/opt"), new ScriptPaths.Entry(0, 0, 040755),
                Path.of("/opt/s"), new ScriptPaths.Entry(0, 0, 040755),
                Path.of("/opt/s/ok.sh"), new ScriptPaths.Entry(0, 0, 0100755),
                Path.of("/opt/u"), new ScriptPaths.Entry(1000, 1000, 040755),
                Path.of("/opt/u/bad.sh"), new ScriptPaths.Entry(0, 0, 0100755),
                Path.of("/tmp"), new ScriptPaths.Entry(0, 0, 041777),
                Path.of("/tmp/t.sh"), new ScriptPaths.Entry(0, 0, 0100755),
                Path.of("/opt/s/g.sh"), new ScriptPaths.Entry(0, 50, 0100775)));

        @Override
        public Optional<ScriptPolicy.Identity> user(String name) {
            return Optional.ofNullable(users.get(name));
        }

        @Override
        public OptionalInt group(String name) {
            return name.equals("nogroup") ? OptionalInt.of(65534) : OptionalInt.empty();
        }

        @Override
        public Optional<ScriptPaths.Entry> entry(Path path) {
            return Optional.ofNullable(entries.get(path));
        }

        @Override
        public int ownUid() {
            return 0;
        }
    }

    private static DirectorSetup setup(String globals) throws Exception {
        String text = "global_defs {\n" + globals + "}\n"
                + "vrrp_script chk_ok {\n script /opt/s/ok.sh\n weight 10\n}\n"
                + "vrrp_script chk_bad {\n script \"/opt/u/bad.sh arg\"\n weight 20\n}\n"
                + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority 100\n"
                + " virtual_ipaddress {\n 10.0.0.1\n }\n track_script {\n chk_ok\n chk_bad\n }\n"
                + " notify_master /opt/u/bad.sh\n notify_backup /opt/s/ok.sh\n}\n";
        return ConfigBinding.read(new ConfigParser().parse(Path.of("t.conf"), text), "local").setup().orElseThrow();
    }

    private static List<String> trackedScripts(DirectorSetup setup) {
        return setup.instances().getFirst().tracks().stream().filter(t -> t instanceof TrackConfig.Script).map(TrackConfig::name).toList();
    }

    @Test
    void enableScriptSecurityRefusesARootScriptAnotherUserCanReplaceAndDropsItsTrack() throws Exception {
        var outcome = ScriptPolicy.apply(setup("script_user root\nenable_script_security\n"), new FakeHost());
        assertEquals(List.of("chk_ok"), trackedScripts(outcome.setup()), "a disabled check neither fails nor adds its weight");
        assertEquals(2, outcome.refused().size(), outcome.refused().toString());
        assertTrue(outcome.refused().getFirst().contains("/opt/u is writable by its owner, uid 1000"), outcome.refused().toString());
        assertEquals(Optional.empty(), outcome.setup().instanceNotify().get("VI_1").master());
        assertEquals(Optional.of("/opt/s/ok.sh"), outcome.setup().instanceNotify().get("VI_1").backup());
        assertEquals(Optional.empty(), outcome.notifyAs(), "root, as the agent is: no setpriv");
    }

    @Test
    void withoutEnableScriptSecurityItRunsWithTheViolationWarned() throws Exception {
        var outcome = ScriptPolicy.apply(setup("script_user root\n"), new FakeHost());
        assertEquals(List.of("chk_ok", "chk_bad"), trackedScripts(outcome.setup()));
        assertEquals(List.of(), outcome.refused());
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.startsWith("SECURITY VIOLATION")), outcome.warnings().toString());
    }

    @Test
    void scriptUserNobodyRunsEverythingAsNobodyWithItsOwnGroup() throws Exception {
        var outcome = ScriptPolicy.apply(setup("script_user nobody\nenable_script_security\n"), new FakeHost());
        assertEquals(List.of(), outcome.refused());
        assertEquals(Optional.of("65534 65534"), outcome.notifyAs());
        assertEquals(List.of(Optional.of("65534 65534"), Optional.of("65534 65534")),
                outcome.setup().checkScripts().stream().map(s -> s.user()).toList());
        assertEquals(List.of(ScriptPolicy.SETPRIV, "--reuid=65534", "--regid=65534", "--init-groups", "--", "/opt/s/ok.sh"),
                ScriptPolicy.command(List.of("/opt/s/ok.sh"), outcome.notifyAs()));
    }

    @Test
    void theKeepalivedScriptUserIsTheDefaultWhenItExists() throws Exception {
        FakeHost host = new FakeHost();
        host.users.put(ScriptPolicy.DEFAULT_USER, new ScriptPolicy.Identity(ScriptPolicy.DEFAULT_USER, 990, 980));
        var outcome = ScriptPolicy.apply(setup("enable_script_security\n"), host);
        assertEquals(List.of(), outcome.refused());
        assertEquals(Optional.of("990 980"), outcome.notifyAs());
    }

    @Test
    void withoutKeepalivedScriptTheDefaultIsRootUnlessEnableScriptSecurityThenNothingRuns() throws Exception {
        var open = ScriptPolicy.apply(setup(""), new FakeHost());
        assertTrue(open.warnings().stream().anyMatch(w -> w.contains("'keepalived_script' does not exist")), open.warnings().toString());
        assertEquals(List.of(), open.refused());
        var secure = ScriptPolicy.apply(setup("enable_script_security\n"), new FakeHost());
        assertEquals(4, secure.refused().size(), secure.refused().toString());
        assertEquals(List.of(), trackedScripts(secure.setup()));
    }

    @Test
    void aMissingScriptUserRemovesTheScripts() throws Exception {
        var outcome = ScriptPolicy.apply(setup("script_user nosuch\n"), new FakeHost());
        assertEquals(4, outcome.refused().size(), outcome.refused().toString());
        assertTrue(outcome.refused().getFirst().contains("script_user nosuch does not exist"), outcome.refused().toString());
    }

    @Test
    void aCheckScriptsUserOfNoWordIsRefusedNotAnError() throws Exception {
        // the config fuzzer's find (issue 20): control characters alone are not blank, yet name nobody
        String text = "global_defs {\n script_user nobody\n}\n"
                + "vrrp_script chk_ok {\n script /opt/s/ok.sh\n user\u001f\u0000\u0000\u0000\n}\n"
                + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority 100\n"
                + " virtual_ipaddress {\n 10.0.0.1\n }\n track_script {\n chk_ok\n }\n}\n";
        DirectorSetup setup = ConfigBinding.read(new ConfigParser().parse(Path.of("t.conf"), text), "local").setup().orElseThrow();
        var outcome = ScriptPolicy.apply(setup, new FakeHost());
        assertEquals(List.of("vrrp_script chk_ok: no user name; not run; the track is ignored, as keepalived disables it"),
                outcome.refused());
        assertEquals(List.of(), trackedScripts(outcome.setup()));
    }

    private static DirectorSetup notifyWithUsers(String globals, String master, String backup) throws Exception {
        String text = "global_defs {\n" + globals + "}\n"
                + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority 100\n"
                + " virtual_ipaddress {\n 10.0.0.1\n }\n notify_master " + master + "\n notify_backup " + backup
                + "\n notify /opt/s/ok.sh\n}\n";
        return ConfigBinding.read(new ConfigParser().parse(Path.of("t.conf"), text), "local").setup().orElseThrow();
    }

    @Test
    void aUserAfterANotifyScriptBeatsScriptUser() throws Exception {
        var outcome = ScriptPolicy.apply(notifyWithUsers("script_user root\nenable_script_security\n",
                "/opt/u/bad.sh nobody", "\"/opt/s/ok.sh arg\" nobody nogroup"), new FakeHost());
        assertEquals(List.of(), outcome.refused(), "/opt/u/bad.sh runs as nobody, not as root: the unsafe folder does not matter");
        NotifyScripts scripts = outcome.setup().instanceNotify().get("VI_1");
        assertEquals(Optional.of("/opt/u/bad.sh"), scripts.master());
        assertEquals(Optional.of("65534 65534"), ScriptPolicy.runAs(scripts, "notify_master", outcome.notifyAs()));
        assertEquals(Optional.of("65534 65534"), ScriptPolicy.runAs(scripts, "notify_backup", outcome.notifyAs()));
        assertEquals(Optional.empty(), ScriptPolicy.runAs(scripts, "notify", outcome.notifyAs()), "script_user root, as the agent is");
    }

    @Test
    void aNotifyScriptsOwnRootUserIsJudgedAsRootAndAMissingOneRemovesIt() throws Exception {
        var outcome = ScriptPolicy.apply(notifyWithUsers("script_user nobody\nenable_script_security\n", "/opt/u/bad.sh root",
                "/opt/s/ok.sh nosuch"), new FakeHost());
        assertEquals(2, outcome.refused().size(), outcome.refused().toString());
        assertTrue(outcome.refused().getFirst().startsWith("notify_master of vrrp_instance VI_1: runs as root and /opt/u is writable"),
                outcome.refused().toString());
        assertEquals("notify_backup of vrrp_instance VI_1: user nosuch does not exist; not run", outcome.refused().get(1));
        NotifyScripts scripts = outcome.setup().instanceNotify().get("VI_1");
        assertEquals(Optional.empty(), scripts.master());
        assertEquals(Optional.empty(), scripts.backup());
        assertEquals(Optional.of("/opt/s/ok.sh"), scripts.generic(), "the script without a user of its own runs as script_user");
        assertEquals(Optional.of("65534 65534"), ScriptPolicy.runAs(scripts, "notify", outcome.notifyAs()));
        var own = ScriptPolicy.apply(notifyWithUsers("enable_script_security\n", "/opt/s/ok.sh root", "/opt/s/ok.sh nobody"),
                new FakeHost());
        assertEquals(List.of("notify of vrrp_instance VI_1: " + "no script_user and user 'keepalived_script' does not exist, so it "
                + "would run as root, which enable_script_security forbids; not run"), own.refused(),
                "only the script without a user of its own has no identity");
        assertEquals(Optional.of("/opt/s/ok.sh"), own.setup().instanceNotify().get("VI_1").master());
        assertEquals(Optional.empty(), ScriptPolicy.runAs(own.setup().instanceNotify().get("VI_1"), "notify_master", own.notifyAs()),
                "root, the agent's own user: no setpriv");
    }

    private static DirectorSetup fifo(String globals) throws Exception {
        String text = "global_defs {\n notify_fifo /run/k.fifo\n" + globals + "}\n"
                + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority 100\n"
                + " virtual_ipaddress {\n 10.0.0.1\n }\n}\n";
        return ConfigBinding.read(new ConfigParser().parse(Path.of("t.conf"), text), "local").setup().orElseThrow();
    }

    @Test
    void theNotifyFifoScriptFollowsTheSameRules() throws Exception {
        var refused = ScriptPolicy.apply(fifo("script_user root\nenable_script_security\nnotify_fifo_script /opt/u/bad.sh\n"), new FakeHost());
        assertEquals(List.of("notify_fifo_script: runs as root and /opt/u is writable by its owner, uid 1000 (enable_script_security); "
                + "not run"), refused.refused());
        assertEquals(Optional.empty(), refused.setup().notifyFifoScript());
        var asDefault = ScriptPolicy.apply(fifo("script_user nobody\nnotify_fifo_script \"/opt/u/bad.sh -v\"\n"), new FakeHost());
        assertEquals(List.of(), asDefault.refused());
        assertEquals(Optional.of(new NotifyFifoScript("/opt/u/bad.sh -v", Optional.of("65534 65534"))),
                asDefault.setup().notifyFifoScript());
        var own = ScriptPolicy.apply(fifo("script_user nobody\nenable_script_security\nnotify_fifo_script /opt/s/ok.sh root\n"),
                new FakeHost());
        assertEquals(Optional.of(new NotifyFifoScript("/opt/s/ok.sh", Optional.of(""))), own.setup().notifyFifoScript(),
                "its own user beats script_user; root is the agent's own user here");
        var missing = ScriptPolicy.apply(fifo("notify_fifo_script /opt/s/ok.sh nosuch\n"), new FakeHost());
        assertEquals(List.of("notify_fifo_script: user nosuch does not exist; not run"), missing.refused());
        var noDefault = ScriptPolicy.apply(fifo("enable_script_security\nnotify_fifo_script /opt/s/ok.sh\n"), new FakeHost());
        assertEquals(1, noDefault.refused().size(), noDefault.refused().toString());
        assertEquals(Optional.empty(), noDefault.setup().notifyFifoScript());
    }

    @Test
    void refusedScriptsAreAGaugeInTheMetrics() {
        String text = PrometheusText.scriptsRefused(2);
        assertTrue(text.contains("# TYPE vrrpstudio_scripts_refused gauge\n"), text);
        assertTrue(text.endsWith("vrrpstudio_scripts_refused 2\n"), text);
    }

    @Test
    void pathRules() {
        FakeHost host = new FakeHost();
        assertEquals(Optional.empty(), ScriptPaths.unsafePart(Path.of("/opt/s/ok.sh"), host::entry));
        assertEquals(Optional.empty(), ScriptPaths.unsafePart(Path.of("/tmp/t.sh"), host::entry), "a sticky folder is safe");
        assertEquals(Optional.of("/opt/s/g.sh is writable by its group, gid 50"), ScriptPaths.unsafePart(Path.of("/opt/s/g.sh"), host::entry));
        assertEquals(Optional.empty(), ScriptPaths.unsafePart(Path.of("/opt/s/missing.sh"), host::entry));
        host.entries.put(Path.of("/opt"), new ScriptPaths.Entry(0, 0, 040777));
        assertEquals(Optional.of("/opt is writable by everyone"), ScriptPaths.unsafePart(Path.of("/opt/s/ok.sh"), host::entry));
    }
}

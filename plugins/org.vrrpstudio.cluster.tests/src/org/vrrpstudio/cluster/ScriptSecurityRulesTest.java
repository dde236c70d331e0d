package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ScriptPaths;
import org.vrrpstudio.config.Severity;

/** The validator's warnings for keepalived's script rules: each with a file that passes and one that does not. */
class ScriptSecurityRulesTest {

    /** /etc/keepalived is root's; /home/op (uid 1000) holds op.sh. */
    private static final Map<Path, ScriptPaths.Entry> FILES = Map.of(
            Path.of("/"), new ScriptPaths.Entry(0, 0, 040755),
            Path.of("/etc"), new ScriptPaths.Entry(0, 0, 040755),
            Path.of("/etc/keepalived"), new ScriptPaths.Entry(0, 0, 040755),
            Path.of("/etc/keepalived/chk.sh"), new ScriptPaths.Entry(0, 0, 0100755),
            Path.of("/home"), new ScriptPaths.Entry(0, 0, 040755),
            Path.of("/home/op"), new ScriptPaths.Entry(1000, 1000, 040755),
            Path.of("/home/op/op.sh"), new ScriptPaths.Entry(0, 0, 0100755));
    private static final ScriptHost DIRECTOR = ScriptHost.of(p -> Optional.ofNullable(FILES.get(p)),
            Set.of("root", "nobody", "keepalived_script")::contains);

    private static List<String> warnings(String globals, String script, ScriptHost host) {
        String text = "global_defs {\n" + globals + "}\n"
                + "vrrp_script chk {\n  script \"" + script + "\"\n}\n"
                + "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  priority 100\n"
                + "  virtual_ipaddress {\n    10.0.0.1\n  }\n  track_script {\n    chk\n  }\n"
                + "  notify_master /etc/keepalived/chk.sh\n}\n";
        ImportResult imported = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("s.conf"), text), "d1");
        List<Diagnostic> found = ClusterValidator.validate(imported.cluster().orElseThrow(), imported.sources(), host);
        return found.stream().filter(d -> d.severity() == Severity.WARNING).map(Diagnostic::format).toList();
    }

    private static List<String> about(List<String> warnings, String words) {
        return warnings.stream().filter(w -> w.contains(words)).toList();
    }

    @Test
    void scriptsRunningAsRootWithoutEnableScriptSecurityAreWarned() {
        List<String> open = warnings("", "/etc/keepalived/chk.sh", ScriptHost.NONE);
        assertEquals(1, about(open, "enable_script_security is not set").size(), open.toString());
        assertTrue(about(open, "enable_script_security is not set").getFirst().startsWith("s.conf:4:3:"), open.toString());
        List<String> asRoot = warnings("script_user root\n", "/etc/keepalived/chk.sh", ScriptHost.NONE);
        assertEquals(1, about(asRoot, "(script_user root)").size(), asRoot.toString());
        assertEquals(List.of(), about(warnings("enable_script_security\n", "/etc/keepalived/chk.sh", ScriptHost.NONE), "run as root"));
        assertEquals(List.of(), about(warnings("script_user nobody\n", "/etc/keepalived/chk.sh", ScriptHost.NONE), "run as root"));
    }

    @Test
    void aRootScriptPathANonRootUserCanChangeIsWarnedWhenTheHostCanTell() {
        List<String> found = warnings("script_user root\nenable_script_security\n", "/home/op/op.sh arg", DIRECTOR);
        assertEquals(List.of("s.conf:6:3: warning: vrrp_script chk: /home/op/op.sh may run as root and /home/op is writable by "
                + "its owner, uid 1000: keepalived refuses to run it (enable_script_security)"), about(found, "/home/op"));
        assertEquals(List.of(), about(warnings("enable_script_security\n", "/home/op/op.sh", DIRECTOR), "/home/op"),
                "no script_user: the director's keepalived_script runs it, not root");
        assertEquals(List.of(), about(warnings("enable_script_security\n", "/etc/keepalived/chk.sh", DIRECTOR), "writable"));
        assertEquals(List.of(), about(warnings("script_user nobody\n", "/home/op/op.sh", DIRECTOR), "writable"),
                "a script run as nobody may live anywhere");
        assertEquals(List.of(), about(warnings("enable_script_security\n", "/home/op/op.sh", ScriptHost.NONE), "writable"),
                "the console cannot tell");
    }

    @Test
    void aScriptUserMissingOnTheHostIsWarned() {
        List<String> found = warnings("script_user haproxy\n", "/etc/keepalived/chk.sh", DIRECTOR);
        assertEquals(List.of("s.conf:2:1: warning: script_user haproxy does not exist on this host: keepalived and the agent "
                + "run no script without a user of its own"), about(found, "does not exist"));
        assertEquals(List.of(), about(warnings("script_user nobody\n", "/etc/keepalived/chk.sh", DIRECTOR), "does not exist"));
        assertEquals(List.of(), about(warnings("script_user haproxy\n", "/etc/keepalived/chk.sh", ScriptHost.NONE), "does not exist"));
    }

    @Test
    void aScriptUserOfNoWordAtAllIsTheDefaultUser() {
        // the config fuzzer's find (issue 20): `user ""` (or control characters alone) is not blank, yet names nobody
        String text = "global_defs {\n  script_user nobody\n}\n"
                + "vrrp_script chk {\n  script /etc/keepalived/chk.sh\n  user \"\"\n}\n"
                + "vrrp_script chk2 {\n  script /etc/keepalived/chk.sh\n  user \u001f\u0000\n}\n"
                + "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  priority 100\n"
                + "  virtual_ipaddress {\n    10.0.0.1\n  }\n  track_script {\n    chk\n    chk2\n  }\n}\n";
        ImportResult imported = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("u.conf"), text), "d1");
        List<String> found = ClusterValidator.validate(imported.cluster().orElseThrow(), imported.sources(), DIRECTOR).stream()
                .map(Diagnostic::format).toList();
        assertEquals(List.of(), about(found, "does not exist"), "judged as script_user nobody, who exists: " + found);
    }

    @Test
    void aNotifyScriptsOwnUserIsJudgedAsThatUser() {
        String text = "global_defs {\n  script_user nobody\n  enable_script_security\n}\n"
                + "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  priority 100\n"
                + "  virtual_ipaddress {\n    10.0.0.1\n  }\n  notify_master /home/op/op.sh root\n"
                + "  notify_backup /home/op/op.sh nobody nogroup\n  notify_fault /etc/keepalived/chk.sh haproxy\n}\n";
        ImportResult imported = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("n.conf"), text), "d1");
        List<String> found = ClusterValidator.validate(imported.cluster().orElseThrow(), imported.sources(), DIRECTOR).stream()
                .filter(d -> d.severity() == Severity.WARNING).map(Diagnostic::format).toList();
        assertEquals(List.of("n.conf:12:3: warning: notify_master of vrrp_instance VI_1: /home/op/op.sh may run as root and /home/op "
                + "is writable by its owner, uid 1000: keepalived refuses to run it (enable_script_security)",
                "n.conf:14:3: warning: notify_fault of vrrp_instance VI_1: user haproxy does not exist on this host; the script "
                        + "would not run"), found);
    }

    @Test
    void theNotifyFifoScriptIsJudgedLikeTheOthers() {
        String text = "global_defs {\n  script_user root\n  enable_script_security\n  notify_fifo /run/k.fifo\n  notify_fifo_script /home/op/op.sh\n"
                + "  vrrp_notify_fifo_script /etc/keepalived/chk.sh haproxy\n}\n";
        ImportResult imported = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("f.conf"), text), "d1");
        List<String> found = ClusterValidator.validate(imported.cluster().orElseThrow(), imported.sources(), DIRECTOR).stream()
                .filter(d -> d.severity() == Severity.WARNING).map(Diagnostic::format).toList();
        assertEquals(List.of("f.conf:5:3: warning: notify_fifo_script: /home/op/op.sh may run as root and /home/op is writable by "
                + "its owner, uid 1000: keepalived refuses to run it (enable_script_security)",
                "f.conf:6:3: warning: vrrp_notify_fifo_script: user haproxy does not exist on this host; the script would not run"),
                about(found, "notify_fifo_script"));
    }

    @Test
    void withoutKeepalivedScriptOnTheHostEnableScriptSecurityRunsNothingWithoutAUser() {
        ScriptHost bare = ScriptHost.of("director1", p -> Optional.ofNullable(FILES.get(p)), p -> Optional.empty(),
                user -> Optional.of(user.equals("root")));
        List<String> found = warnings("enable_script_security\n", "/etc/keepalived/chk.sh", bare);
        assertEquals(List.of("s.conf:5:3: warning: vrrp_script chk: no script_user and user keepalived_script does not exist on "
                + "director1: with enable_script_security keepalived and the agent run no script without a user of its own"),
                about(found, "keepalived_script does not exist"));
        assertEquals(List.of(), about(warnings("enable_script_security\n", "/etc/keepalived/chk.sh", DIRECTOR), "does not exist"));
        assertEquals(List.of(), about(warnings("", "/etc/keepalived/chk.sh", bare), "keepalived_script does not exist on"),
                "without enable_script_security they run as root (warned as such)");
        assertEquals(List.of("s.conf:2:1: warning: script_user ops does not exist on director1: keepalived and the agent run no "
                + "script without a user of its own"), about(warnings("script_user ops\n", "/etc/keepalived/chk.sh", bare), "ops"));
    }

    @Test
    void theLocalHostJudgesRealFiles(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("chk.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.of(dir + " is writable by everyone"), ScriptHost.LOCAL.unsafePart(script.toString()));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Optional<String> owner = ScriptHost.LOCAL.unsafePart(script.toString());
        // under root the temp folder is root's and safe; as another user it is that user's
        assertEquals(ProcessHandle.current().info().user().orElse("").equals("root"), owner.isEmpty(), owner.toString());
        assertEquals(Optional.of(true), ScriptHost.LOCAL.userExists("root"));
        assertEquals(Optional.of(false), ScriptHost.LOCAL.userExists("vs-no-such-user"));
    }
    @Test
    void recordedAnswersJudgeLikeTheDirectorAndWhatWasNotAskedIsUnknown() {
        // what a deploy preview asked: op.sh's path and the users it looked up
        Map<Path, Optional<ScriptPaths.Entry>> asked = new java.util.HashMap<>();
        for (Path p = Path.of("/home/op/op.sh"); p != null; p = p.getParent()) {
            asked.put(p, Optional.ofNullable(FILES.get(p)));
        }
        asked.put(Path.of("/home/op/gone.sh"), Optional.empty()); // asked: not there
        Map<String, Optional<Boolean>> users = new java.util.HashMap<>(Map.of("ops", Optional.of(false), "nobody", Optional.of(true)));
        ScriptHost recorded = ScriptHost.recorded("director2", asked, Map.of(), users);
        users.put("ops", Optional.of(true)); // later changes of the maps do not reach the record
        asked.clear();

        assertEquals("director2", recorded.name());
        assertEquals(DIRECTOR.unsafePart("/home/op/op.sh"), recorded.unsafePart("/home/op/op.sh"));
        assertTrue(recorded.unsafePart("/home/op/op.sh").isPresent());
        assertEquals(Optional.empty(), recorded.unsafePart("/home/op/gone.sh"));
        assertEquals(Optional.empty(), recorded.unsafePart("/etc/keepalived/chk.sh"), "not asked: unknown, no warning");
        assertEquals(Optional.of(false), recorded.userExists("ops"));
        assertEquals(Optional.of(true), recorded.userExists("nobody"));
        assertEquals(Optional.empty(), recorded.userExists("keepalived_script"), "not asked: unknown");
        // the validator's words name the director
        List<String> found = about(warnings("script_user ops\n", "/home/op/op.sh", recorded), "does not exist on director2");
        assertEquals(1, found.size(), found.toString());
    }
}

package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * script_user, keepalived_script and enable_script_security in the namespace lab, our agent against keepalived 2.2.7
 * with the same file: a check script and a notify_master script in a folder that user nobody owns ("bad"), the same
 * pair in a root-only folder ("good"); each script writes {@code id -u} to a file named after itself. Both daemons must
 * leave the same files with the same contents.
 */
class ScriptSecurityLabTest {

    private static SeedLab lab;
    private static Path base;

    @BeforeAll
    static void lab() throws Exception {
        lab = SeedLab.create("ss");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived 2.2.7 is not installed");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(ScriptPolicy.SETPRIV)), "setpriv (util-linux) is not installed");
        Assumptions.assumeTrue(ScriptPolicy.HOST.user("nobody").isPresent(), "no user nobody on this host");
        Assumptions.assumeTrue(ScriptPolicy.HOST.user(ScriptPolicy.DEFAULT_USER).isEmpty(),
                "this host has a keepalived_script user: the root cases would not run as root");
        base = Files.createTempDirectory(Path.of("/tmp"), "vs-scripts-" + ProcessHandle.current().pid() + "-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String folder : new String[] {"bad", "good"}) {
            Path dir = Files.createDirectory(base.resolve(folder));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path script = dir.resolve("run.sh");
            // written aside and renamed: a check killed at stop leaves no half-written file
            String file = base.resolve("out") + "/" + folder + ".$1";
            Files.writeString(script, "#!/bin/sh\nid -u > " + file + ".tmp$$ && mv " + file + ".tmp$$ " + file + "\nexit 0\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String folder : new String[] {"bad", "good"}) { // the notify_fifo_script: copies the FIFO's lines to out/fifo
            Path script = base.resolve(folder).resolve("fifo.sh");
            String file = base.resolve("out") + "/fifo";
            Files.writeString(script, "#!/bin/sh\necho \"start $(id -u) $#\" >> " + file + "\ntrap 'echo TERM >> " + file
                    + "; exit 0' TERM\nwhile read line; do echo \"$line\" >> " + file + "; done < \"$1\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        SeedLab.run("chown", "nobody", base.resolve("bad").toString()); // nobody may replace bad/run.sh
    }

    @AfterAll
    static void close() throws IOException {
        if (lab != null) {
            lab.close();
        }
        if (base != null) {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String config(String globals, String masterUser) {
        return "global_defs {\n" + globals + "}\n"
                + "vrrp_script chk_bad {\n  script \"" + base + "/bad/run.sh check\"\n  interval 1\n}\n"
                + "vrrp_script chk_good {\n  script \"" + base + "/good/run.sh check\"\n  interval 1\n}\n"
                + "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 61\n  priority 150\n"
                + "  advert_int 1\n  virtual_ipaddress {\n    192.168.200.61\n  }\n"
                + "  track_script {\n    chk_bad\n    chk_good\n  }\n"
                + "  notify_master \"" + base + "/bad/run.sh master\"" + masterUser + "\n"
                + "  notify \"" + base + "/good/run.sh\"\n}\n"; // $1 is INSTANCE for the generic script
    }

    /**
     * A notify_fifo with its notify_fifo_script in {@code folder}, run by {@code daemon} until MASTER (the agent is
     * reloaded once); the lines the script wrote: its start ({@code start UID ARGC}), the FIFO's lines, TERM at stop.
     */
    private static java.util.List<String> runFifo(String daemon, String name, String globals, String folder) throws Exception {
        Path out = emptyOut();
        Path fifo = base.resolve(name + ".fifo");
        String text = "global_defs {\n" + globals + "  notify_fifo " + fifo + "\n  notify_fifo_script " + base + "/" + folder
                + "/fifo.sh\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 61\n  priority 150\n"
                + "  advert_int 1\n  virtual_ipaddress {\n    192.168.200.61\n  }\n}\n";
        Path config = lab.write(name + ".conf", text);
        Process process = daemon.equals("agent") ? lab.startAgent(lab.d1, name, config) : lab.startKeepalived(lab.d1, name, config);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(9);
            while (System.nanoTime() < deadline && !SeedLab.vips(lab.d1).contains("192.168.200.61")) {
                Thread.sleep(100);
            }
            Thread.sleep(1500);
            if (daemon.equals("agent")) {
                SeedLab.hangUp(process); // the same script at a reload: kept running, not started again
                Thread.sleep(1500);
                lastStatus = lab.status(name, true).orElse("");
            }
        } finally {
            SeedLab.terminate(process);
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Thread.sleep(500);
        Path lines = out.resolve("fifo");
        return Files.exists(lines) ? Files.readAllLines(lines) : java.util.List.of();
    }

    @Test
    void theNotifyFifoScriptReadsTheFifoAsTheScriptUserAndGetsSigtermAtStop() throws Exception {
        String globals = "  script_user nobody\n  enable_script_security\n";
        String nobody = ScriptPolicy.HOST.user("nobody").orElseThrow().uid() + "";
        java.util.List<String> keepalived = runFifo("keepalived", "k-fifo", globals, "good");
        java.util.List<String> agent = runFifo("agent", "a-fifo", globals, "good");
        for (java.util.List<String> lines : java.util.List.of(keepalived, agent)) {
            assertEquals(java.util.List.of("start " + nobody + " 1"), lines.stream().filter(l -> l.startsWith("start")).toList(),
                    "started once, as nobody, with the FIFO as its argument: " + lines);
            assertTrue(lines.contains("INSTANCE \"VI_1\" MASTER 150"), lines.toString());
            assertEquals("TERM", lines.getLast(), "SIGTERM at stop: " + lines);
        }
        assertTrue(lab.logText("a-fifo").contains("notify_fifo_script " + base + "/good/fifo.sh started"), lab.logText("a-fifo"));
        assertEquals(0, refusedInStatus(), lastStatus);
    }

    @Test
    void aNotifyFifoScriptANonRootUserCanReplaceIsRefusedUnderEnableScriptSecurity() throws Exception {
        String globals = "  script_user root\n  enable_script_security\n";
        java.util.List<String> keepalived = runFifo("keepalived", "k-fifo-bad", globals, "bad");
        java.util.List<String> agent = runFifo("agent", "a-fifo-bad", globals, "bad");
        assertEquals(java.util.List.of(), keepalived, lab.logText("k-fifo-bad"));
        assertEquals(keepalived, agent, lab.logText("a-fifo-bad"));
        assertTrue(lab.logText("a-fifo-bad").contains("script refused: notify_fifo_script: runs as root and " + base
                + "/bad is writable by its owner"), lab.logText("a-fifo-bad"));
        assertEquals(1, refusedInStatus(), lastStatus);
    }

    private static Path emptyOut() throws IOException {
        Path out = base.resolve("out");
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        } else {
            Files.createDirectory(out);
        }
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        return out;
    }

    /** Runs {@code daemon} ("agent" or "keepalived") on d1 for a few seconds; the scripts' files, name → uid. */
    private static Map<String, String> run(String daemon, String name, String globals) throws Exception {
        return run(daemon, name, globals, "");
    }

    /** The same with {@code masterUser} after the notify_master script ({@code " nobody"}). */
    private static Map<String, String> run(String daemon, String name, String globals, String masterUser) throws Exception {
        Path out = emptyOut();
        Path config = lab.write(name + ".conf", config(globals, masterUser));
        Process process = daemon.equals("agent") ? lab.startAgent(lab.d1, name, config) : lab.startKeepalived(lab.d1, name, config);
        try {
            // MASTER after ~3 s (no peer), then the notify script; the checks run every second
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(9);
            while (System.nanoTime() < deadline && !SeedLab.vips(lab.d1).contains("192.168.200.61")) {
                Thread.sleep(100);
            }
            Thread.sleep(2500);
            if (daemon.equals("agent")) {
                SeedLab.hangUp(process); // a reload judges the scripts again (and says so again)
                Thread.sleep(1500);
                lastStatus = lab.status(name, true).orElse("");
            }
        } finally {
            SeedLab.terminate(process);
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Thread.sleep(300); // a check in flight
        return files(out);
    }

    private static String lastStatus = "";

    private static Map<String, String> files(Path out) throws IOException {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().contains(".tmp")).toList()) {
                found.put(f.getFileName().toString(), Files.readString(f).strip());
            }
        }
        return found;
    }

    private static int refusedInStatus() {
        var m = java.util.regex.Pattern.compile("\"scriptsRefused\":\\{\"count\":(\\d+)").matcher(lastStatus);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void aScriptInAFolderAnotherUserCanWriteIsRefusedUnderEnableScriptSecurity() throws Exception {
        String globals = "  script_user root\n  enable_script_security\n";
        Map<String, String> keepalived = run("keepalived", "k-secure", globals);
        Map<String, String> agent = run("agent", "a-secure", globals);
        assertEquals(Map.of("good.check", "0", "good.INSTANCE", "0"), keepalived, lab.logText("k-secure"));
        assertEquals(keepalived, agent, lab.logText("a-secure"));
        assertEquals(2, refusedInStatus(), lastStatus); // chk_bad and notify_master
        assertEquals(2, lab.logText("a-secure").split("script refused: vrrp_script chk_bad", -1).length - 1,
                "said at start and at the reload: " + lab.logText("a-secure"));
        assertTrue(SeedLab.vips(lab.d1).isEmpty());
    }

    @Test
    void withoutEnableScriptSecurityTheSameScriptRunsAsRootWithAWarning() throws Exception {
        String globals = "  script_user root\n";
        Map<String, String> keepalived = run("keepalived", "k-open", globals);
        Map<String, String> agent = run("agent", "a-open", globals);
        assertEquals(Map.of("bad.check", "0", "bad.master", "0", "good.check", "0", "good.INSTANCE", "0"), keepalived,
                lab.logText("k-open"));
        assertEquals(keepalived, agent, lab.logText("a-open"));
        assertEquals(0, refusedInStatus(), lastStatus);
        assertTrue(lab.logText("a-open").contains("SECURITY VIOLATION"), lab.logText("a-open"));
    }

    @Test
    void scriptUserNobodyRunsEveryScriptAsNobody() throws Exception {
        String globals = "  script_user nobody\n  enable_script_security\n";
        String nobody = Integer.toString(ScriptPolicy.HOST.user("nobody").orElseThrow().uid());
        Map<String, String> keepalived = run("keepalived", "k-nobody", globals);
        Map<String, String> agent = run("agent", "a-nobody", globals);
        assertEquals(Map.of("bad.check", nobody, "bad.master", nobody, "good.check", nobody, "good.INSTANCE", nobody),
                keepalived, lab.logText("k-nobody"));
        assertEquals(keepalived, agent, lab.logText("a-nobody"));
    }

    @Test
    void aUserAfterTheNotifyScriptBeatsScriptUserAndMakesItsFolderSafe() throws Exception {
        String globals = "  script_user root\n  enable_script_security\n";
        String nobody = Integer.toString(ScriptPolicy.HOST.user("nobody").orElseThrow().uid());
        Map<String, String> keepalived = run("keepalived", "k-own", globals, " nobody");
        Map<String, String> agent = run("agent", "a-own", globals, " nobody");
        assertEquals(Map.of("bad.master", nobody, "good.check", "0", "good.INSTANCE", "0"), keepalived, lab.logText("k-own"));
        assertEquals(keepalived, agent, lab.logText("a-own"));
        assertEquals(1, refusedInStatus(), lastStatus); // chk_bad only
    }

    @Test
    void withoutKeepalivedScriptUserEnableScriptSecurityRunsNothing() throws Exception {
        String globals = "  enable_script_security\n";
        Map<String, String> keepalived = run("keepalived", "k-nouser", globals);
        Map<String, String> agent = run("agent", "a-nouser", globals);
        assertEquals(Map.of(), keepalived, lab.logText("k-nouser"));
        assertEquals(keepalived, agent, lab.logText("a-nouser"));
        assertEquals(4, refusedInStatus(), lastStatus); // 2 checks, notify_master, notify
    }

    @Test
    void aMissingScriptUserRunsNothing() throws Exception {
        String globals = "  script_user vs-no-such-user\n";
        Map<String, String> keepalived = run("keepalived", "k-missing", globals);
        Map<String, String> agent = run("agent", "a-missing", globals);
        assertEquals(Map.of(), keepalived, lab.logText("k-missing"));
        assertEquals(keepalived, agent, lab.logText("a-missing"));
    }
}

package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package's commands besides the daemon (check, status, --version) on the daemon's class path. */
class DirectorToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DirectorTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkPassesTheSeedFile() {
        assertEquals(0, run("check", "data/seed-director1.conf"), out() + err());
        assertTrue(err().isEmpty(), err());
    }

    @Test
    void checkReportsEachProblemWithItsLocation(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("keepalived.conf");
        Files.writeString(bad, "vrrp_instance X {\n  bogus 1\n  priority 300\n}\n");
        assertEquals(1, run("check", bad.toString()));
        String text = out();
        assertTrue(text.contains(bad + ":2:3: warning: unknown keyword 'bogus'"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith(bad + ":") && l.contains(": error: ")), text);
        assertTrue(text.lines().allMatch(l -> l.startsWith(bad + ":")), "one located line per problem: " + text);
    }

    @Test
    void strictFailsOnWarnings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("k.conf");
        Files.writeString(file, Files.readString(Path.of("data/seed-director1.conf")) + "\nunknown_top_level_keyword 1\n");
        int lenient = run("check", file.toString());
        String warnings = out();
        assertTrue(warnings.contains(": warning: "), warnings);
        assertEquals(0, lenient, warnings);
        assertEquals(1, run("check", "--strict", file.toString()));
    }

    /** On the director, check judges the scripts as the agent would run them: users and paths of this host. */
    @Test
    void checkSaysWhichScriptsTheAgentWouldNotRun(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("k.conf");
        String instance = "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  virtual_ipaddress {\n    10.0.0.1\n  }\n"
                + "  notify_master /bin/true\n}\n";
        Files.writeString(file, "global_defs {\n  script_user vs-no-such-user\n}\n" + instance);
        assertEquals(0, run("check", file.toString()), out());
        assertTrue(out().contains(file + ": warning: script refused: notify_master of vrrp_instance VI_1: script_user "
                + "vs-no-such-user does not exist; not run"), out());
        assertEquals(1, run("check", "--strict", file.toString()));
        out.reset();
        Files.writeString(file, "global_defs {\n  script_user nobody\n  enable_script_security\n}\n" + instance);
        assertEquals(0, run("check", "--strict", file.toString()), out());
        assertTrue(out().isEmpty(), out());
    }

    @Test
    void missingFileAndBadUsageAreOneLine(@TempDir Path dir) {
        assertEquals(2, run("check", dir.resolve("nope.conf").toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("nope.conf: no such file or not readable"), err());
        err.reset();
        assertEquals(2, run("frobnicate"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("vrrpstudio-agent: unknown command 'frobnicate'"), err());
    }

    @Test
    void statusWithoutAgentSaysSoInOneLine(@TempDir Path dir) {
        Path socket = dir.resolve("agent.sock");
        assertEquals(2, run("status", "--socket", socket.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains(socket + ": no agent answers"), err());
    }

    @Test
    void versionIsTheAgentBundleVersion() {
        assertEquals(0, run("--version"));
        String version = out().strip();
        assertTrue(version.matches("vrrpstudio-agent \\d+\\.\\d+\\.\\d+(\\..+)?"), version);
        out.reset();
        assertEquals(0, run("agent", "--version"));
        assertEquals(version, out().strip());
    }

    @Test
    void agentHelpIsTheDaemonsUsage() {
        assertEquals(0, run("agent", "--help"));
        assertTrue(out().startsWith("usage: vrrpstudio-agent agent -f keepalived.conf"), out());
        assertTrue(out().contains("--dry-run"), out());
    }
}

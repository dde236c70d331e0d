package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile files (issue 20) read by the agent: the file reading that {@link Agent#reload()} does on SIGHUP is the
 * one {@link Agent#dryRun()} does ({@code readConfig}), which rejects the file before anything on the host is
 * touched; a reload rejected there keeps the running configuration. Checked without root through the dry run:
 * exit code "config", located one-line errors, no stack trace, bounded time.
 */
class HostileConfigTest {

    @TempDir
    Path dir;

    private Path hostile(String kind) throws IOException {
        Path main = dir.resolve("keepalived.conf");
        switch (kind) {
            case "binary" -> Files.write(main, new byte[] {'g', 'l', 'o', 'b', 0, 1, 2, '\n'});
            case "deep" -> Files.writeString(main, "vrrp_instance A {\n".repeat(100_000));
            case "fan-out" -> {
                for (int i = 0; i < 30; i++) {
                    Files.writeString(dir.resolve("f" + i + ".conf"),
                            "include f" + (i + 1) + ".conf\ninclude f" + (i + 1) + ".conf\n");
                }
                Files.writeString(dir.resolve("f30.conf"), "# leaf\n");
                Files.writeString(main, "include f0.conf\n");
            }
            case "cycle" -> {
                Files.writeString(dir.resolve("other.conf"), "include keepalived.conf\n");
                Files.writeString(main, "include other.conf\n");
            }
            case "seq" -> Files.writeString(main, "~SEQ(i, 1, 100000) ~SEQ(j, 1, 100000) vrrp_instance V${i}_${j} {\n}\n");
            case "long-line" -> Files.writeString(main, "global_defs {\n  router_id " + "r".repeat(2_000_000) + "\n}\n");
            default -> throw new IllegalArgumentException(kind);
        }
        return main;
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "deep", "fan-out", "cycle", "seq", "long-line"})
    void hostileFileIsRejectedWithLocatedErrors(String kind) throws IOException {
        Path file = hostile(kind);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                return new Agent(AgentOptions.parse("-f", file.toString(), "--dry-run"), log).dryRun();
            }
        });
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(Agent.EXIT_CONFIG, exit, log);
        assertTrue(log.contains(dir.toString()) && log.contains(": error: "), log);
        assertFalse(log.contains("Exception") || log.contains("\tat ") || log.contains("Error:"), log);
        assertTrue(log.lines().count() < 20, "a few lines, not thousands: " + log.lines().count());
    }
}

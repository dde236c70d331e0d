package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vrrpstudio.testing.NamespaceLan;

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

    /** The largest files the reader's limits let through, or that stop at a limit only after filling the trees. */
    private Path atTheLimits(String kind) throws IOException {
        Path main = dir.resolve(kind + ".conf");
        StringBuilder text = new StringBuilder();
        switch (kind) {
            // 200,000 lines of 400,000 words, each line an unknown keyword of its own: 200,000 warnings too
            case "lines" -> {
                for (int i = 0; i < 199_990; i++) {
                    text.append('k').append(i).append(" a\n");
                }
            }
            case "words" -> text.append(("a ".repeat(499_000) + "\n").repeat(7)); // 7 MB; the words run out on line 2
            case "wide-lines" -> {
                for (int i = 0; i < 99_990; i++) {
                    text.append('k').append(i).append(" a b c d\n");
                }
            }
            case "expansion" -> text.append("$X=").append("a ".repeat(100_000)).append("\n~SEQ(i, 1, 70) y $X\n");
            case "sequence" -> text.append("~SEQ(i, 1, 100000) ~SEQ(j, 1, 100000) x${i}_${j}\n");
            default -> throw new IllegalArgumentException(kind);
        }
        Files.writeString(main, text);
        return main;
    }

    /**
     * The agent's heap (the shipped vrrpstudio-agent.jvm) holds what the reader's limits let through: a file at the
     * limits is read, or refused with its located error, never an OutOfMemoryError (with 24 MiB each of these ran out
     * of memory: the agent would have died on a SIGHUP). Run as the launcher runs it, in a JVM of its own.
     */
    @ParameterizedTest
    @ValueSource(strings = {"lines", "words", "wide-lines", "expansion", "sequence"})
    void fileAtTheReadersLimitsFitsTheShippedHeap(String kind) throws Exception {
        Optional<List<String>> shipped = SeedLab.shippedJvmOptions();
        assumeTrue(shipped.isPresent() && SeedLab.agentClassPath().isPresent(),
                "needs the shipped vrrpstudio-agent.jvm and the agent's class path");
        Path file = atTheLimits(kind);
        List<String> command = new ArrayList<>(List.of(NamespaceLan.javaBinary()));
        command.addAll(shipped.get());
        command.addAll(List.of("-cp", SeedLab.agentClassPath().get(), AgentMain.class.getName(), "-f",
                file.toString(), "--dry-run"));
        Path out = dir.resolve(kind + ".out");
        Process agent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "dry run of " + kind + " within 60 s");
        String log = Files.readString(out);
        String head = log.lines().limit(5).collect(Collectors.joining("\n"));
        assertFalse(log.contains("OutOfMemoryError") || log.contains("\tat ") || log.contains("Exception"), head);
        switch (kind) {
            case "lines", "wide-lines" -> assertEquals(Agent.EXIT_OK, agent.exitValue(), head);
            default -> {
                assertEquals(Agent.EXIT_CONFIG, agent.exitValue(), head);
                assertTrue(log.contains(file + ":") && log.contains(": error: more than")
                        || log.contains(": error: expansion produces more than"), head);
            }
        }
    }
}

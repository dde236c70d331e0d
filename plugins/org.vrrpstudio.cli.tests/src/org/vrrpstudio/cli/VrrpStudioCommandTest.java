package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class VrrpStudioCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VrrpStudioCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void versionExitsZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("VRRP Studio "));
    }

    @Test
    void unknownSubcommandIsAUsageErrorWithExitTwo() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("frobnicate"), err::toString);
    }

    @Test
    void everySubcommandAnswersHelpWithItsOwnUsage() {
        for (String command : java.util.List.of("check", "fmt", "mirror", "import", "export", "simulate", "deploy", "agent", "status",
                "install-agent", "switch-daemon")) {
            out.reset();
            assertEquals(0, run(command, "--help"), () -> command + ": " + err);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: vrrpstudio " + command), out::toString);
        }
    }
}

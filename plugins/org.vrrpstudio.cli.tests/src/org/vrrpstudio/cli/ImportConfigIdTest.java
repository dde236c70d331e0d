package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} of one file written for two directors with {@code @id} lines. */
class ImportConfigIdTest {

    private static final String BOTH = """
            @lb-a $PRI=150
            @lb-b $PRI=100
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority $PRI
                virtual_ipaddress {
                    192.0.2.10
                }
            }
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        return VrrpStudioCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutAConfigIdTheImportSaysWhichIdsTheFileHasAndHowToReadIt() throws Exception {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), BOTH);
        Path cluster = dir.resolve("pair.vrrpcluster");

        assertEquals(1, run("import", file.toString(), "-o", cluster.toString()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("priority must be a whole number, not '$PRI'"), printed);
        assertTrue(printed.contains("info: the file has lines for config ids lb-a, lb-b (@id lines) and was read without one:"
                + " import it as one director with --config-id lb-a, or both directors from this one file with --config-id lb-a,lb-b"),
                printed);
        assertFalse(Files.exists(cluster));
    }

    @Test
    void twoConfigIdsImportBothDirectorsFromTheOneFile() throws Exception {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), BOTH);
        Path cluster = dir.resolve("pair.vrrpcluster");

        assertEquals(0, run("import", file.toString(), "-o", cluster.toString(), "--config-id", "lb-a,lb-b", "--names", "lb-a,lb-b"),
                () -> out + "\n" + err);
        for (String director : new String[] {"lb-a", "lb-b"}) {
            assertEquals(0, run("export", cluster.toString(), "--director", director), () -> out + "\n" + err);
            String exported = out.toString(StandardCharsets.UTF_8);
            assertTrue(exported.contains("priority " + (director.equals("lb-a") ? "150" : "100")), exported);
        }
    }
}

package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maintenance}, {@code drain} and {@code move} without directors: the model's side and wrong usage. */
class MaintenanceCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = VrrpStudioCommand.run(args, print, print);
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private Path seed() {
        Path cluster = tmp.resolve("seed.vrrpcluster");
        Run r = run("import", Path.of("data", "seed-director1.conf").toAbsolutePath().toString(), "-o", cluster.toString(), "--names", "d1,d2");
        assertEquals(0, r.exit(), r.out());
        return cluster;
    }

    @Test
    void enableSavesTheTracksAndTheExportShowsThem() throws Exception {
        Path cluster = seed();
        assertTrue(run("maintenance", cluster.toString()).out().contains("sync group VG1 (VI_1, VI_2): no maintenance track"));
        Run enable = run("maintenance", cluster.toString(), "--enable");
        assertEquals(0, enable.exit(), enable.out());
        assertTrue(enable.out().contains("VI_3: tracks vrrpstudio_maint_VG2 weight -51"), enable.out());
        assertTrue(run("maintenance", cluster.toString(), "--enable").out().contains("nothing to change"));
        assertTrue(run("maintenance", cluster.toString()).out().contains("sync group VG2 (VI_3, VI_4): maintenance track vrrpstudio_maint_VG2"));
        Path d2 = tmp.resolve("d2.conf");
        assertEquals(0, run("export", cluster.toString(), "--director", "d2", "-o", d2.toString()).exit());
        String text = Files.readString(d2);
        assertTrue(text.contains("file \"${_PWD}/vrrpstudio-maint-VG1\"") && text.contains("sync_group_tracking_weight"), text);
        Run disable = run("maintenance", cluster.toString(), "--disable");
        assertEquals(0, disable.exit(), disable.out());
        assertTrue(run("maintenance", cluster.toString()).out().contains("VG1 (VI_1, VI_2): no maintenance track"));
    }

    @Test
    void wrongUsageExitsTwo() {
        Path cluster = seed();
        assertEquals(2, run("drain", cluster.toString()).exit(), "no --director");
        assertEquals(2, run("move", cluster.toString(), "--group", "VG1").exit(), "no --to");
        assertEquals(2, run("move", cluster.toString(), "--group", "VG1", "--instance", "VI_1", "--to", "d2").exit());
        assertEquals(2, run("move", cluster.toString(), "--back", "--to", "d2").exit());
        assertEquals(2, run("maintenance", cluster.toString(), "--enable", "--disable").exit());
        Run missing = run("drain", tmp.resolve("none.vrrpcluster").toString(), "--director", "d1");
        assertEquals(2, missing.exit(), missing.out());
    }
}

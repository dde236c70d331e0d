package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * Our agent on both directors of the case study, in the namespace lab ({@link SeedLab}): start, link failure and
 * return, SIGHUP reloads (unchanged, changed, invalid), SIGTERM hand-over. VIPs are read with {@code ip addr}.
 */
class AgentLabTest {

    @Test
    void seedScenarioFailoverReloadAndCleanStop() throws Exception {
        try (SeedLab lab = SeedLab.create("a")) {
            String d1Config = SeedLab.seedConfig("AH");
            var d1File = lab.write("d1.conf", d1Config);
            var d2File = lab.write("d2.conf", SeedLab.mirror(d1Config));
            Process agent1 = lab.startAgent(lab.d1, "d1", d1File);
            lab.startAgent(lab.d2, "d2", d2File);
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);

                String status = lab.status("d1", false).orElseThrow();
                assertTrue(status.lines().anyMatch(l -> l.matches("VI_1 +eth0 +51  MASTER +150  192\\.168\\.200\\.10 192\\.168\\.200\\.11")), status);
                String json = lab.status("d1", true).orElseThrow();
                assertFalse(json.contains("k@l"), "no secret in the status");

                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
                lab.awaitVips(Duration.ofSeconds(10), Set.of(), SeedLab.ALL);
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
                lab.awaitVips(Duration.ofSeconds(15), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                Thread.sleep(1500); // let the last adverts of the take-back settle before counting transitions

                // SIGHUP with the same file: nothing moves
                long before1 = lab.transitions("d1");
                long before2 = lab.transitions("d2");
                SeedLab.hangUp(agent1);
                await(Duration.ofSeconds(10), () -> lab.logText("d1").contains("reload: configuration unchanged"), lab, "d1");
                assertStable(lab, Duration.ofSeconds(3));
                assertEquals(before1, lab.transitions("d1"), "no transition on d1 from an unchanged reload");
                assertEquals(before2, lab.transitions("d2"), "no transition on d2 from an unchanged reload");

                // SIGHUP with VI_3 (VG2, the backup side on d1) at a lower priority: only VG2 restarts, nothing moves
                lab.write("d1.conf", d1Config.replaceFirst("priority 100", "priority 90"));
                SeedLab.hangUp(agent1);
                await(Duration.ofSeconds(10), () -> lab.logText("d1").contains("reload: kept VG1; replaced VG2; removed -; added -"), lab, "d1");
                assertStable(lab, Duration.ofSeconds(5));
                assertEquals(before2, lab.transitions("d2"), "d2 saw no change of mastership");
                assertTrue(lab.status("d1", false).orElseThrow().lines().anyMatch(l -> l.matches("VI_3 +eth0 +53  BACKUP +90 .*")),
                        lab.status("d1", false).orElseThrow());

                // SIGHUP with an invalid file: rejected with its location, the running configuration stays
                lab.write("d1.conf", d1Config.replaceFirst("priority 150", "priority 300"));
                SeedLab.hangUp(agent1);
                await(Duration.ofSeconds(10), () -> lab.logText("d1").contains("reload rejected, still running the previous configuration"),
                        lab, "d1");
                assertTrue(lab.logText("d1").contains("d1.conf:"), "the error names the file and line");
                assertStable(lab, Duration.ofSeconds(2));
                assertTrue(agent1.isAlive());

                // SIGTERM: priority 0, d2 takes VI_1/VI_2 at once (its skew time, not Master_Down_Interval)
                SeedLab.terminate(agent1);
                Duration handOver = lab.awaitVips(Duration.ofSeconds(3), Set.of(), SeedLab.ALL);
                System.out.println("SIGTERM hand-over to d2: " + handOver.toMillis() + " ms");
                assertTrue(handOver.toMillis() < 1000, "hand-over took " + handOver.toMillis() + " ms");
                assertTrue(agent1.waitFor(10, TimeUnit.SECONDS), "d1's agent ends");
                assertEquals(0, agent1.exitValue(), lab.logText("d1"));
                assertTrue(lab.logText("d1").contains("stopped: priority 0 sent for MASTER instances, VIPs removed"));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    /**
     * keepalived's track_script on d1's VI_1 (weight 0: a failing check means FAULT): while the check fails, VG1 (VI_1
     * and through the sync group VI_2) is on d2; when it passes again for {@code rise} runs, the distribution goes back.
     */
    @Test
    void failingTrackScriptMovesTheSyncGroupAndBack() throws Exception {
        failingCheckMovesVg1AndBack("t", seed -> seed.replaceFirst("virtual_router_id 51\n",
                "virtual_router_id 51\n    track_script {\n        chk_lb\n    }\n"));
    }

    /** The same check as VG1's own track_script: keepalived tracks it for every member. */
    @Test
    void failingSyncGroupTrackScriptMovesTheSyncGroupAndBack() throws Exception {
        failingCheckMovesVg1AndBack("g", seed -> seed.replaceFirst("vrrp_sync_group VG1 \\{\n",
                "vrrp_sync_group VG1 {\n    track_script {\n        chk_lb\n    }\n"));
    }

    private static void failingCheckMovesVg1AndBack(String labName, UnaryOperator<String> tracking) throws Exception {
        try (SeedLab lab = SeedLab.create(labName)) {
            Path flag = lab.work.resolve("lb-down");
            Path check = lab.write("check-lb.sh", "#!/bin/sh\n[ -e " + flag + " ] && exit 1\nexit 0\n");
            Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwx------"));
            String seed = SeedLab.seedConfig("AH");
            String d1Config = "vrrp_script chk_lb {\n    script \"" + check + "\"\n    interval 1\n    fall 2\n    rise 2\n}\n"
                    + tracking.apply(seed);
            assertTrue(d1Config.contains("chk_lb\n    }"), "the check is tracked: " + d1Config);
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", d1Config));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(seed)));
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                Files.createFile(flag);
                lab.awaitVips(Duration.ofSeconds(10), Set.of(), SeedLab.ALL);
                assertTrue(lab.logText("d1").contains("vrrp_script chk_lb: failing"), lab.logText("d1"));
                Files.delete(flag);
                lab.awaitVips(Duration.ofSeconds(15), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                assertTrue(lab.logText("d1").contains("vrrp_script chk_lb: OK again"), lab.logText("d1"));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    /** Fails unless the initial distribution holds, unchanged, at every look during {@code duration}. */
    static void assertStable(SeedLab lab, Duration duration) throws IOException, InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            assertEquals(new TreeSet<>(SeedLab.INITIAL_D1) + " / " + new TreeSet<>(SeedLab.INITIAL_D2),
                    SeedLab.vips(lab.d1) + " / " + SeedLab.vips(lab.d2), "the distribution moved");
            Thread.sleep(20);
        }
    }

    static void await(Duration timeout, BooleanSupplier condition, SeedLab lab, String name) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout.toMillis() + " ms; " + name + " log:\n"
                        + lab.logText(name));
            }
            Thread.sleep(20);
        }
    }
}

package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Drain and move (issue 14) against real daemons in the live view's namespace lab ({@link WatchLab}): the CLI in the
 * management namespace, the maintenance files written over SSH, the result read back with {@code watch}. The VIPs'
 * comings and goings on both directors are recorded with {@code ip -ts -o monitor address} in their namespaces, and
 * each move's gap (a VIP on neither director) and overlap (on both) is printed.
 */
class DrainLabTest {

    private static final Map<String, List<String>> VIPS = Map.of("VG1", List.of("192.168.200.10", "192.168.200.11", "192.168.100.10"),
            "VG2", List.of("192.168.200.12", "192.168.200.13", "192.168.100.11"));
    private static final Pattern EVENT = Pattern.compile("^\\[([^\\]]+)\\] (Deleted )?\\d+: (\\S+)\\s+inet ([0-9.]+)/.*");

    /** One address event seen on a director. */
    private record AddressEvent(LocalDateTime at, String director, boolean added, String address) {
    }

    /** {@code ip -ts -o monitor address} in each director's namespace, for the whole test. */
    private static final class VipMonitor implements AutoCloseable {
        final List<AddressEvent> events = new CopyOnWriteArrayList<>();
        final List<Process> processes = new ArrayList<>();

        VipMonitor(WatchLab lab) throws IOException {
            for (String d : List.of("d1", "d2")) {
                Process p = new ProcessBuilder("ip", "-n", lab.ns.get(d), "-ts", "-o", "monitor", "address").redirectErrorStream(true).start();
                processes.add(p);
                Thread.ofVirtual().start(() -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            Matcher m = EVENT.matcher(line);
                            if (m.matches()) {
                                events.add(new AddressEvent(LocalDateTime.parse(m.group(1).replace(' ', 'T')), d, m.group(2) == null, m.group(4)));
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // stopped
                    }
                });
            }
        }

        /**
         * For each VIP of the group moving from {@code from} to {@code to} after {@code since}: the time it was on
         * neither director (gap) or on both (overlap), the worst of the group.
         */
        String measure(String what, String group, String from, String to, LocalDateTime since) {
            long worstGap = 0;
            long worstOverlap = 0;
            int seen = 0;
            for (String vip : VIPS.get(group)) {
                LocalDateTime gone = first(vip, from, false, since);
                LocalDateTime came = first(vip, to, true, since);
                if (gone == null || came == null) {
                    continue;
                }
                seen++;
                long diff = Duration.between(gone, came).toNanos() / 1000;
                worstGap = Math.max(worstGap, diff);
                worstOverlap = Math.max(worstOverlap, -diff);
            }
            String line = String.format("VIP move %-28s %s %s -> %s: %d of %d VIPs seen moving, gap %.1f ms, overlap %.1f ms", what, group,
                    from, to, seen, VIPS.get(group).size(), worstGap / 1000.0, worstOverlap / 1000.0);
            System.out.println(line);
            // the rule: no moved VIP absent from both directors, or on both, for longer than one advert interval
            assertTrue(seen > 0, line);
            assertTrue(worstGap < 1_000_000 && worstOverlap < 1_000_000, line);
            return line;
        }

        private LocalDateTime first(String vip, String director, boolean added, LocalDateTime since) {
            return events.stream().filter(e -> e.address().equals(vip) && e.director().equals(director) && e.added() == added
                    && !e.at().isBefore(since)).map(AddressEvent::at).findFirst().orElse(null);
        }

        @Override
        public void close() {
            for (Process p : processes) {
                p.destroy();
            }
        }
    }

    private static boolean caseStudy(JsonObject doc) {
        return WatchLabTest.state(doc, "VI_1", "d1").equals("MASTER") && WatchLabTest.state(doc, "VI_2", "d1").equals("MASTER")
                && WatchLabTest.state(doc, "VI_3", "d2").equals("MASTER") && WatchLabTest.state(doc, "VI_4", "d2").equals("MASTER")
                && WatchLabTest.state(doc, "VI_1", "d2").equals("BACKUP") && WatchLabTest.state(doc, "VI_3", "d1").equals("BACKUP");
    }

    private static boolean allBackup(JsonObject doc, String director) {
        return List.of("VI_1", "VI_2", "VI_3", "VI_4").stream().allMatch(i -> WatchLabTest.state(doc, i, director).equals("BACKUP"));
    }

    private static WatchLab.Result cli(WatchLab lab, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--known-hosts", lab.knownHosts.toString(), "--accept-new-host-key"));
        WatchLab.Result r = lab.cli(all.toArray(String[]::new));
        System.out.println("$ vrrpstudio " + String.join(" ", args) + "  (exit " + r.exit() + ")\n  " + r.out().strip().replace("\n", "\n  "));
        return r;
    }

    private static LocalDateTime now() {
        return LocalDateTime.now();
    }

    @Test
    void keepalivedDirectorsDrainRestartUndrainMoveBackRefuseAndUndo() throws Exception {
        scenario("keepalived");
    }

    @Test
    void agentDirectorsDrainRestartUndrainMoveBackRefuseAndUndo() throws Exception {
        scenario("agent");
    }

    private static Process start(WatchLab lab, String daemon, String director) throws IOException {
        Path config = lab.dir(director).resolve("etc/keepalived.conf");
        return daemon.equals("agent") ? lab.startAgent(director, config) : lab.startKeepalived(director, config);
    }

    private static void scenario(String daemon) throws Exception {
        try (WatchLab lab = WatchLab.create()) {
            Path cluster = WatchLabTest.cluster(lab, daemon);
            WatchLabTest.inProcess("maintenance", cluster.toString(), "--enable");
            for (String d : List.of("d1", "d2")) {
                WatchLabTest.inProcess("export", cluster.toString(), "--director", d, "-o", lab.dir(d).resolve("etc/keepalived.conf").toString());
            }
            Map<String, Process> daemons = new java.util.HashMap<>();
            for (String d : List.of("d1", "d2")) {
                lab.startSshd(d);
                daemons.put(d, start(lab, daemon, d));
            }
            JsonObject steady = WatchLabTest.until(lab, cluster, 40, doc -> doc.get("exit").getAsInt() == 0);
            assertEquals(0, steady.get("exit").getAsInt(), "the tracks deployed, the case study's distribution: " + steady);
            List<String> figures = new ArrayList<>();
            try (VipMonitor vips = new VipMonitor(lab)) {
                Thread.sleep(300);

                // drain d1: all four on d2, d1 BACKUP (not FAULT: sync_group_tracking_weight makes the weight count)
                LocalDateTime t0 = now();
                WatchLab.Result drain = cli(lab, "drain", cluster.toString(), "--director", "d1");
                assertEquals(0, drain.exit(), drain.out());
                assertTrue(drain.out().contains("confirmed by the live read at"), drain.out());
                JsonObject drained = WatchLabTest.watch(lab, cluster);
                assertTrue(WatchLabTest.allOn(drained, "d2") && allBackup(drained, "d1"), drained::toString);
                assertEquals("1", Files.readString(lab.dir("d1").resolve("etc/vrrpstudio-maint-VG1")).strip());
                figures.add(vips.measure("drain d1", "VG1", "d1", "d2", t0));

                // the daemon restarts on d1: the file is still there, d1 stays drained
                Process old = daemons.get("d1");
                old.destroy();
                assertTrue(old.waitFor(10, TimeUnit.SECONDS), daemon + " on d1 stops");
                Process again = start(lab, daemon, "d1");
                // the agent gives its first engine call 5 s; on this shared 2-core machine (load average ~10) its
                // start-up sometimes takes longer and it exits with "cannot start: TimeoutException": start it once more
                // and say so (an agent issue, not drain's: the file it reads is what this step checks)
                if (again.waitFor(15, TimeUnit.SECONDS)) {
                    System.out.println(daemon + " on d1 exited at its restart (exit " + again.exitValue() + "), started again: "
                            + Files.readString(lab.dir("d1").resolve("daemon.log")).lines().reduce((a, b) -> b).orElse(""));
                    again = start(lab, daemon, "d1");
                }
                daemons.put("d1", again);
                JsonObject restarted = WatchLabTest.until(lab, cluster, 30, doc -> allBackup(doc, "d1") && WatchLabTest.allOn(doc, "d2"));
                Thread.sleep(5000); // longer than a master-down interval: d1 would have taken VG1 back by now
                restarted = WatchLabTest.watch(lab, cluster);
                assertTrue(WatchLabTest.allOn(restarted, "d2") && allBackup(restarted, "d1"), "still drained after a restart: " + restarted);

                // undrain: the case study again
                LocalDateTime t1 = now();
                WatchLab.Result undrain = cli(lab, "drain", cluster.toString(), "--director", "d1", "--undo");
                assertEquals(0, undrain.exit(), undrain.out());
                assertTrue(caseStudy(WatchLabTest.watch(lab, cluster)));
                figures.add(vips.measure("undrain d1", "VG1", "d2", "d1", t1));

                // move VG2 to d1 and back
                LocalDateTime t2 = now();
                WatchLab.Result move = cli(lab, "move", cluster.toString(), "--group", "VG2", "--to", "d1");
                assertEquals(0, move.exit(), move.out());
                assertTrue(WatchLabTest.allOn(WatchLabTest.watch(lab, cluster), "d1"));
                figures.add(vips.measure("move VG2 to d1", "VG2", "d2", "d1", t2));
                LocalDateTime t3 = now();
                WatchLab.Result back = cli(lab, "move", cluster.toString(), "--back");
                assertEquals(0, back.exit(), back.out());
                assertTrue(caseStudy(WatchLabTest.watch(lab, cluster)));
                figures.add(vips.measure("move --back", "VG2", "d1", "d2", t3));

                // refused: the model says the peer has nopreempt; nothing is written
                Path nopreempt = lab.work.resolve("nopreempt.vrrpcluster");
                Files.writeString(nopreempt, Files.readString(cluster).replaceFirst("name=\"VI_3\"", "name=\"VI_3\" nopreempt=\"true\""));
                Files.copy(cluster.resolveSibling("seed.secrets"), lab.work.resolve("nopreempt.secrets"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                WatchLab.Result refused = cli(lab, "move", nopreempt.toString(), "--group", "VG2", "--to", "d1");
                assertEquals(1, refused.exit(), refused.out());
                assertTrue(refused.out().contains("refused: VI_3 has nopreempt"), refused.out());
                assertEquals("0", Files.readString(lab.dir("d2").resolve("etc/vrrpstudio-maint-VG2")).strip(), "nothing written");
                WatchLab.Result usage = lab.cli("move", cluster.toString(), "--group", "VG2");
                assertEquals(2, usage.exit(), usage.out());

                // undone: d1 loses eth0 right after the file is written, so it cannot take VG2
                Path file = lab.dir("d2").resolve("etc/vrrpstudio-maint-VG2");
                List<String> out = new CopyOnWriteArrayList<>();
                Process moving = lab.cliBackground(out::add, "move", cluster.toString(), "--group", "VG2", "--to", "d1", "--known-hosts",
                        lab.knownHosts.toString());
                long end = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < end && !Files.readString(file).strip().equals("1")) {
                    Thread.sleep(2);
                }
                lab.linkDown("d1", "eth0");
                assertTrue(moving.waitFor(60, TimeUnit.SECONDS), "the move ends");
                Thread.sleep(200);
                String said = String.join("\n", out);
                System.out.println("$ vrrpstudio move VG2 --to d1 with d1's eth0 down  (exit " + moving.exitValue() + ")\n  "
                        + said.replace("\n", "\n  "));
                assertEquals(1, moving.exitValue(), said);
                assertTrue(said.contains("not confirmed within") && said.contains("undo: wrote 0 to vrrpstudio-maint-VG2 on d2"), said);
                assertEquals("0", Files.readString(file).strip());
                lab.linkUp("d1", "eth0");
                JsonObject healed = WatchLabTest.until(lab, cluster, 30, DrainLabTest::caseStudy);
                assertTrue(caseStudy(healed), healed::toString);
            }
            figures.forEach(f -> System.out.println("figure (" + daemon + "): " + f));
        }
    }
}

package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.model.DaemonKind;
import org.vrrpstudio.model.Director;

/**
 * {@code switch-daemon} on a live pair in the namespace lab ({@link WatchLab}): the case study under keepalived 2.2.7
 * switched to the agent and back over the management network while a probe namespace on both VRRP networks pings
 * each VIP every 10 ms; the longest time between two replies is the VIP's interruption. The directors have no systemd:
 * their start and stop commands are the lab's {@code labctl} (same SIGTERM as systemctl stop).
 * <p>
 * The case study keeps its AH authentication: keepalived 2.2.7 drops adverts numbered at or below what it has seen
 * for an instance ("IPSEC-AH : sequence number 4 already processed"), so the agent continues above the numbers it
 * hears; before it did, a fresh agent counting from 1 was not heard for ~6 s (both directors MASTER) and the switch
 * restored keepalived.
 */
class SwitchDaemonLabTest {

    /** VIP → its instance, one per instance of the case study. */
    private static final Map<String, String> VIPS = Map.of("192.168.200.10", "VI_1", "192.168.100.10", "VI_2",
            "192.168.200.12", "VI_3", "192.168.100.11", "VI_4");

    private static void inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VrrpStudioCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new AssertionError(String.join(" ", args) + " exited " + exit + ": " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private static Path cluster(WatchLab lab) throws Exception {
        return cluster(lab, "AH");
    }

    /**
     * The case study with its AH authentication or, for {@code PASS}, the same with {@code auth_type PASS}.
     */
    private static Path cluster(WatchLab lab, String auth) throws Exception {
        return cluster(lab, auth, false);
    }

    /** ... and with {@code maintenance}, the drain tracks (`maintenance --enable`) in the model and the files. */
    private static Path cluster(WatchLab lab, String auth, boolean maintenance) throws Exception {
        Path cluster = lab.work.resolve("seed.vrrpcluster");
        Path seed = lab.work.resolve("seed-director1.conf");
        Files.writeString(seed, Files.readString(Path.of("data", "seed-director1.conf")).replace("auth_type AH", "auth_type " + auth));
        inProcess("import", seed.toString(), "-o", cluster.toString(), "--names", "d1,d2");
        if (maintenance) {
            inProcess("maintenance", cluster.toString(), "--enable");
        }
        for (String d : List.of("d1", "d2")) {
            Path file = lab.dir(d).resolve("etc/keepalived.conf");
            inProcess("director", cluster.toString(), d, "--host", lab.address(d), "--port", "22", "--user", "root", "--key",
                    lab.clientKey.toString(), "--config-path", file.toString(), "--daemon", "keepalived",
                    "--start-command", "labctl start {daemon} {file}", "--stop-command", "labctl stop {daemon}");
            inProcess("export", cluster.toString(), "--director", d, "-o", file.toString());
        }
        return cluster;
    }

    /** {@code ping -D -i 0.01} of one VIP from the probe namespace: the longest run of lost replies (by icmp_seq). */
    private static final class Prober {
        private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)\\] .*icmp_seq=(\\d+)");
        final String vip;
        final Process process;
        final Thread reader;
        volatile double last = -1;
        volatile double longest;
        volatile int replies;
        volatile long lastSeq = -1;
        volatile long longestLost;

        Prober(String probeNs, String vip) throws IOException {
            this.vip = vip;
            process = new ProcessBuilder("ip", "netns", "exec", probeNs, "ping", "-n", "-D", "-i", "0.01", "-W", "1", vip)
                    .redirectErrorStream(true).start();
            reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        Matcher m = REPLY.matcher(line);
                        if (m.find()) {
                            double t = Double.parseDouble(m.group(1));
                            long seq = Long.parseLong(m.group(2));
                            if (last >= 0) {
                                longest = Math.max(longest, t - last);
                                longestLost = Math.max(longestLost, seq - lastSeq - 1);
                            }
                            last = t;
                            lastSeq = seq;
                            replies++;
                        }
                    }
                } catch (IOException e) {
                    // stopped
                }
            });
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
            reader.join(2000);
        }
    }

    private static boolean answering(List<Prober> probers, int replies) {
        return probers.stream().allMatch(p -> p.replies >= replies);
    }

    private static DaemonKind recorded(Path cluster, String director) throws Exception {
        return ClusterStore.load(cluster, FileSecretStore.forClusterFile(cluster)).getDirectors().stream()
                .filter(d -> d.getName().equals(director)).map(Director::getDaemonKind).findFirst().orElseThrow();
    }

    private static WatchLab.Result healthy(WatchLab lab, Path cluster) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        WatchLab.Result r;
        do {
            r = lab.cli("watch", cluster.toString(), "--once", "--known-hosts", lab.knownHosts.toString(), "--accept-new-host-key");
            if (r.exit() == 0) {
                return r;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < end);
        return r;
    }

    @Test
    void theCaseStudySwitchesToTheAgentAndBackWithoutLosingAVip() throws Exception {
        Map<String, Long> lost = switchThereAndBack(false);
        // the interruption is the longest run of lost replies at 10 ms each; the time between two replies can be
        // longer, as ping sends fewer probes while its earlier ones go unanswered (seen on a loaded machine)
        lost.forEach((vip, n) -> assertTrue(n * 10 <= 1000, vip + ": " + n + " replies lost in a row, more than one advert interval"));
    }

    /**
     * With the maintenance tracks each director is drained before its daemon changes: the peer preempts while the old
     * daemon still answers, and the director takes its instances back by preemption once the new daemon runs, so a
     * VIP is unanswered only while it moves between two live masters (0-60 ms measured, against 370-390 ms when the
     * daemon's stop hands over). Allowed here: 20 lost replies in a row (200 ms), half the stop's hand-over.
     */
    @Test
    void withMaintenanceTracksTheSwitchHandsOverByPreemption() throws Exception {
        Map<String, Long> lost = switchThereAndBack(true);
        lost.forEach((vip, n) -> assertTrue(n <= 20, vip + ": " + n + " replies lost in a row during a drained switch"));
    }

    /** keepalived → agent → keepalived on the case study; the longest run of lost replies per VIP. */
    private static Map<String, Long> switchThereAndBack(boolean maintenance) throws Exception {
        try (WatchLab lab = WatchLab.create()) {
            lab.installLabctl();
            Path cluster = cluster(lab, "AH", maintenance);
            for (String d : List.of("d1", "d2")) {
                lab.startSshd(d);
                lab.startKeepalived(d, lab.dir(d).resolve("etc/keepalived.conf"));
            }
            WatchLab.Result steady = healthy(lab, cluster);
            assertEquals(0, steady.exit(), "keepalived pair on the intended distribution first: " + steady.out());
            String probeNs = lab.addProbe();
            Map<String, Prober> probers = new LinkedHashMap<>();
            for (String vip : VIPS.keySet().stream().sorted().toList()) {
                probers.put(vip, new Prober(probeNs, vip));
            }
            try {
                for (int i = 0; i < 100 && !answering(List.copyOf(probers.values()), 20); i++) {
                    Thread.sleep(100);
                }
                assertTrue(answering(List.copyOf(probers.values()), 20), "every VIP answers before the switch");
                for (Prober p : probers.values()) { // the first replies (ARP) do not count
                    p.longest = 0;
                    p.longestLost = 0;
                }

                WatchLab.Result toAgent = lab.cli("switch-daemon", cluster.toString(), "--to", "agent",
                        "--known-hosts", lab.knownHosts.toString());
                System.out.println("switch-daemon --to agent:\n" + toAgent.out());
                assertEquals(0, toAgent.exit(), toAgent.out());
                assertEquals(DaemonKind.AGENT, recorded(cluster, "d1"));
                assertEquals(DaemonKind.AGENT, recorded(cluster, "d2"));
                assertTrue(Files.readString(lab.dir("d1").resolve("tmp/agent.log")).contains("Entering MASTER STATE"),
                        "the agent runs the case study on d1");

                WatchLab.Result back = lab.cli("switch-daemon", cluster.toString(), "--to", "keepalived",
                        "--known-hosts", lab.knownHosts.toString());
                System.out.println("switch-daemon --to keepalived:\n" + back.out());
                assertEquals(0, back.exit(), back.out());
                assertEquals(DaemonKind.KEEPALIVED, recorded(cluster, "d1"));
                Thread.sleep(500);
            } finally {
                for (Prober p : probers.values()) {
                    p.stop();
                }
            }
            Map<String, Long> lost = new LinkedHashMap<>();
            for (Prober p : probers.values()) {
                System.out.printf("switch keepalived -> agent -> keepalived%s: %s (%s) longest run of lost replies %d (%d ms at"
                        + " 10 ms); longest time between two replies %.0f ms; %d replies%n", maintenance ? " (drained)" : "",
                        p.vip, VIPS.get(p.vip), p.longestLost, p.longestLost * 10, p.longest * 1000, p.replies);
                lost.put(p.vip, p.longestLost);
            }
            WatchLab.Result after = lab.cli("watch", cluster.toString(), "--once", "--known-hosts", lab.knownHosts.toString());
            assertEquals(0, after.exit(), "both directors on the intended distribution: " + after.out());
            return lost;
        }
    }

    @Test
    void anAgentThatCannotStartGivesTheDirectorItsKeepalivedBack() throws Exception {
        try (WatchLab lab = WatchLab.create()) {
            lab.installLabctl();
            Path cluster = cluster(lab);
            for (String d : List.of("d1", "d2")) {
                lab.startSshd(d);
                lab.startKeepalived(d, lab.dir(d).resolve("etc/keepalived.conf"));
                Files.writeString(lab.dir(d).resolve("tmp/labctl-fail-start-agent"), "");
            }
            assertEquals(0, healthy(lab, cluster).exit(), "keepalived pair healthy first");

            WatchLab.Result r = lab.cli("switch-daemon", cluster.toString(), "--to", "agent", "--known-hosts", lab.knownHosts.toString());

            System.out.println("switch-daemon with a broken agent start:\n" + r.out());
            assertEquals(1, r.exit(), r.out());
            List<String> lines = r.out().lines().filter(l -> l.matches("d[12]: (switched|failed|FAILED|skipped|refused|already).*")).toList();
            assertEquals(2, lines.size(), r.out());
            assertTrue(lines.get(0).matches("d[12]: failed, keepalived restored: agent did not start: start of agent failed"
                    + " \\('labctl start agent .*', exit 1\\): labctl: agent refuses to start \\(test\\)"), lines.get(0));
            assertTrue(lines.get(1).endsWith(": skipped (an earlier director did not succeed)"), lines.get(1));
            assertEquals(DaemonKind.KEEPALIVED, recorded(cluster, "d1"));
            assertEquals(DaemonKind.KEEPALIVED, recorded(cluster, "d2"));
            assertEquals(0, lab.cli("watch", cluster.toString(), "--once", "--known-hosts", lab.knownHosts.toString()).exit(),
                    "keepalived back on both, on the intended distribution");
        }
    }
}

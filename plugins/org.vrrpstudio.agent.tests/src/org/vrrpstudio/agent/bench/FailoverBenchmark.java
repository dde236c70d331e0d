package org.vrrpstudio.agent.bench;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.vrrpstudio.agent.SeedLab;
import org.vrrpstudio.agent.linux.NetworkNamespace;
import org.vrrpstudio.agent.linux.RawIpSocket;

/**
 * Our agent vs keepalived 2.2.7 in the namespace lab (root only; says why and exits 0 otherwise):
 * <ol>
 * <li>seed failover: eth0 down on d1 until VI_1's and VI_2's VIPs are on d2, ≥ 5 runs each (min/median/max), beside
 * the Master_Down_Interval of d2's instances (3 × 1 s + (256 − 100)/256 s = 3.61 s after d1's last advert);</li>
 * <li>resident memory and CPU over 60 s idle (keepalived: parent + VRRP child summed);</li>
 * <li>start to first advert, with an address owner (priority 255: MASTER at once, no waiting);</li>
 * <li>VRRPv3 at advert_int 0.05 s with every core busy: failover time and false failovers.</li>
 * </ol>
 * Prints figures; nothing passes or fails on time (the machine is shared and noisy). Arguments pick sections:
 * {@code failover footprint start v3} (default: all).
 */
public final class FailoverBenchmark {

    private static final int RUNS = Integer.getInteger("runs", 5);
    private static final Set<String> D1_GROUP = Set.of("192.168.200.10", "192.168.200.11", "192.168.100.10");
    private static final Inet4Address GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            SeedLab.assumePossible();
        } catch (org.opentest4j.TestAbortedException e) {
            System.out.println("skipped: " + e.getMessage());
            return;
        }
        boolean keepalived = Files.isExecutable(Path.of("/usr/sbin/keepalived"));
        String seed = SeedLab.seedConfig("AH");
        List<String> sections = args.length == 0 ? List.of("failover", "footprint", "start", "v3") : List.of(args);
        if (sections.contains("failover")) {
            print("seed failover, our agent on both", failover("ours", seed, false));
            if (keepalived) {
                print("seed failover, keepalived on both", failover("keepalived", seed, true));
            }
            System.out.println("  (d2's Master_Down_Interval: 3610 ms after d1's last advert; the link goes down 0..1 s after it)");
        }
        if (sections.contains("footprint")) {
            footprint(seed, keepalived);
        }
        if (sections.contains("start")) {
            startToFirstAdvert(seed, keepalived);
        }
        if (sections.contains("v3")) {
            fastV3UnderLoad(seed);
        }
    }

    /** eth0 down on d1 → d2 holds VI_1's and VI_2's VIPs; eth0 up and back to the start between runs. */
    private static List<Long> failover(String tag, String seed, boolean keepalived) throws Exception {
        List<Long> millis = new ArrayList<>();
        try (SeedLab lab = SeedLab.create("b" + tag.charAt(0))) {
            start(lab, lab.d1, "d1", lab.write("d1.conf", seed), keepalived);
            start(lab, lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(seed)), keepalived);
            lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
            for (int run = 0; run < RUNS; run++) {
                Thread.sleep(1000 + 137L * run); // a different phase against d1's advert timer each run
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
                long start = System.nanoTime();
                while (!SeedLab.vips(lab.d2).containsAll(D1_GROUP)) {
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
                        throw new IllegalStateException(tag + ": no failover within 10 s");
                    }
                    Thread.sleep(2);
                }
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
                lab.awaitVips(Duration.ofSeconds(15), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
            }
        }
        return millis;
    }

    /** Our agent on d1 and keepalived on d2 side by side, both idle for 60 s after converging. */
    private static void footprint(String seed, boolean keepalived) throws Exception {
        try (SeedLab lab = SeedLab.create("bf")) {
            Process agent = lab.startAgent(lab.d1, "d1", lab.write("d1.conf", seed));
            Process other = keepalived ? lab.startKeepalived(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(seed)))
                    : lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(seed)));
            lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
            Thread.sleep(2000);
            long agentCpu = cpuTicks(List.of(agent.pid()));
            List<Long> others = withChildren(other.pid());
            long otherCpu = cpuTicks(others);
            long start = System.nanoTime();
            Thread.sleep(60_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            double hz = 100.0; // USER_HZ on Linux
            System.out.printf("our agent: RSS %d MiB, idle CPU %.2f %% over %.0f s%n", rssKib(List.of(agent.pid())) / 1024,
                    100 * (cpuTicks(List.of(agent.pid())) - agentCpu) / hz / seconds, seconds);
            others = withChildren(other.pid());
            System.out.printf("%s: RSS %d MiB, idle CPU %.2f %% (%d processes)%n", keepalived ? "keepalived" : "peer agent",
                    rssKib(others) / 1024, 100 * (cpuTicks(others) - otherCpu) / hz / seconds, others.size());
        }
    }

    /**
     * Process start until the first advert from d1 is on br0, with VI_1/VI_2 as address owners (priority 255, no sync
     * group: MASTER at once, no waiting); ours also with an application class-data-sharing archive made by a first run.
     */
    private static void startToFirstAdvert(String seed, boolean keepalived) throws Exception {
        String owner = seed.replace("auth_type AH", "auth_type PASS").replace("priority 150", "priority 255")
                .replaceAll("(?s)vrrp_sync_group VG\\d \\{.*?\\n}\\n", "");
        Path archive = Files.createTempDirectory("vrrpstudio-cds").resolve("agent.jsa");
        record Variant(String name, boolean keepalived, List<String> jvmOptions) {
        }
        List<Variant> variants = new ArrayList<>(List.of(new Variant("our agent", false, List.of()),
                new Variant("our agent + AppCDS", false, List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive))));
        if (keepalived) {
            variants.add(new Variant("keepalived", true, List.of()));
        }
        try {
            for (Variant variant : variants) {
                List<Long> millis = new ArrayList<>();
                for (int run = 0; run < Math.min(RUNS, 5) + (variant.jvmOptions().isEmpty() ? 0 : 1); run++) {
                    try (SeedLab lab = SeedLab.create("bs")) {
                        lab.addAgentJvmOptions(variant.jvmOptions().toArray(String[]::new));
                        Path conf = lab.write("d1.conf", owner);
                        NetworkNamespace x = NetworkNamespace.named(lab.x);
                        try (RawIpSocket capture = x.call(() -> {
                            RawIpSocket socket = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP);
                            return socket.bindToDevice("eth0").joinGroup(GROUP, socket.interfaceIndex("eth0"));
                        })) {
                            long start = System.nanoTime();
                            Process process = variant.keepalived() ? lab.startKeepalived(lab.d1, "d1", conf) : lab.startAgent(lab.d1, "d1", conf);
                            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
                            if (capture.receive(buffer.clear(), 10_000).isEmpty()) {
                                throw new IllegalStateException(variant.name() + ": no advert within 10 s");
                            }
                            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                            if (run > 0 || variant.jvmOptions().isEmpty()) { // the first AppCDS run only writes the archive
                                millis.add(elapsed);
                            }
                            if (run == 0 && !variant.keepalived()) {
                                Thread.sleep(1000);
                                System.out.printf("  %s: RSS %d MiB one second after the first advert%n", variant.name(),
                                        rssKib(List.of(process.pid())) / 1024);
                            }
                            SeedLab.terminate(process);
                            process.waitFor(10, TimeUnit.SECONDS); // the archive is written at exit
                        }
                    }
                }
                print("start to first advert (owner), " + variant.name(), millis);
            }
        } finally {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(archive.getParent());
        }
    }

    /** VRRPv3, advert_int 0.05 s (Master_Down_Interval 0.18 s for priority 100), with a busy loop per core. */
    private static void fastV3UnderLoad(String seed) throws Exception {
        String v3 = seed.replaceAll("(?s)\\s*authentication \\{.*?\\}", "").replace("advert_int 1", "version 3\n    advert_int 0.05");
        List<Process> load = new ArrayList<>();
        try (SeedLab lab = SeedLab.create("bv")) {
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", v3));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(v3)));
            lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                load.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
            long before = lab.transitions("d1") + lab.transitions("d2");
            Thread.sleep(20_000);
            long falseFailovers = lab.transitions("d1") + lab.transitions("d2") - before;
            List<Long> millis = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
                long start = System.nanoTime();
                while (!SeedLab.vips(lab.d2).containsAll(D1_GROUP)) {
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
                        throw new IllegalStateException("v3: no failover within 10 s");
                    }
                    Thread.sleep(1);
                }
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
                lab.awaitVips(Duration.ofSeconds(15), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                Thread.sleep(500);
            }
            print("VRRPv3 0.05 s under load (" + load.size() + " busy loops), failover", millis);
            System.out.println("  transitions in 20 s of load without any failure (false failovers): " + falseFailovers
                    + (falseFailovers < 0 ? " (status unavailable)" : ""));
        } finally {
            for (Process p : load) {
                p.destroy();
            }
        }
    }

    private static void start(SeedLab lab, String ns, String name, Path conf, boolean keepalived) throws IOException {
        if (keepalived) {
            lab.startKeepalived(ns, name, conf);
        } else {
            lab.startAgent(ns, name, conf);
        }
    }

    private static void print(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%s: min %d ms, median %d ms, max %d ms (%d runs) %s%n", what, sorted.getFirst(),
                sorted.get(sorted.size() / 2), sorted.getLast(), sorted.size(), millis);
    }

    /** {@code pid} and its descendants (keepalived forks its VRRP process). */
    private static List<Long> withChildren(long pid) {
        List<Long> all = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> all.add(d.pid())));
        return all;
    }

    private static long rssKib(List<Long> pids) throws IOException {
        long total = 0;
        for (long pid : pids) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    total += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        return total;
    }

    /** utime + stime in clock ticks. */
    private static long cpuTicks(List<Long> pids) throws IOException {
        long total = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = Pattern.compile(" ").split(stat.substring(stat.lastIndexOf(')') + 2));
            total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return total;
    }
}

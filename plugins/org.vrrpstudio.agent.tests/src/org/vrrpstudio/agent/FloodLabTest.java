package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.agent.linux.NetworkNamespace;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;
import org.vrrpstudio.vrrp.packet.RejectReason;

/**
 * Issue 20's flood: from the bystander namespace x on br0, {@value #DEFAULT_RATE} bogus adverts per second for one
 * VRID at director 1 of the case study (AH authentication), once for VRID 53 where d1 is BACKUP and once for VRID 51
 * where it is MASTER. Eight kinds in turn: a bad AH ICV, a replayed AH sequence number, VRRP version 1, TTL 64,
 * truncated, oversized, a bad VRRP checksum and a PASS advert with a guessed password. Asserted for our agent: nothing
 * moves (VIPs sampled throughout, no transition on d1 or d2), every kind is counted under its reason in the status,
 * and d1's own VRID 51 adverts keep leaving (longest gap, captured on the switch with dumpcap). Printed beside it:
 * the same flood at keepalived 2.2.7 on d1. The flood lasts {@code -Dvrrpstudio.flood.seconds} or
 * {@code VRRPSTUDIO_FLOOD_SECONDS} (default 5; {@code releng/flood 60} is the full run).
 */
class FloodLabTest {

    static final int DEFAULT_RATE = 10_000;
    private static final int RATE = Integer.parseInt(setting("vrrpstudio.flood.rate", "VRRPSTUDIO_FLOOD_RATE", "" + DEFAULT_RATE));
    /** 5 s in the normal test run; releng/flood 60 (or VRRPSTUDIO_FLOOD_SECONDS=60) is the full run of issue 20. */
    private static final Duration FLOOD = Duration.ofSeconds(Long.parseLong(setting("vrrpstudio.flood.seconds", "VRRPSTUDIO_FLOOD_SECONDS", "5")));
    /** Extra JVM options for the agents after the shipped ones, e.g. "-Xint" to see the interpreter alone under the flood. */
    private static final String JVM_OPTIONS = setting("vrrpstudio.flood.jvmOptions", "VRRPSTUDIO_FLOOD_JVM_OPTIONS", "").strip();
    private static final Inet4Address GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");
    private static final Inet4Address BYSTANDER = (Inet4Address) InetAddress.ofLiteral("192.168.200.99");
    private static final byte[] D1 = InetAddress.ofLiteral("192.168.200.5").getAddress();
    private static final byte[] D2 = InetAddress.ofLiteral("192.168.200.6").getAddress();
    /** The longest gap between d1's VRID 51 adverts (advert_int 1) that still counts as "on time". */
    private static final Duration MAX_GAP = Duration.ofMillis(1500);

    /** A system property, else an environment variable (Tycho's test JVM inherits the environment), else the default. */
    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? fallback : value;
    }

    /** One kind of bogus advert, the reason our agent must count it under, and its bytes (IP header first). */
    record Kind(String name, RejectReason reason, byte[] packet) {
    }

    /** What one flood did to one director. */
    record Figures(String who, String role, int vrid, long sent, double seconds, double cpuPercent, Duration longestGap,
            int adverts, boolean moved, Map<RejectReason, Long> rejected) {
        double rate() {
            return sent / seconds;
        }
    }

    @Test
    void floodOfBogusAdvertsMovesNothingAndAdvertsLeaveOnTime() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dumpcap")), "the flood lab captures with dumpcap (apt: tshark)");
        List<Figures> ours = new ArrayList<>();
        try (SeedLab lab = SeedLab.create("f")) {
            String d1Config = SeedLab.seedConfig("AH");
            if (!JVM_OPTIONS.isEmpty()) {
                lab.addAgentJvmOptions(JVM_OPTIONS.split(" "));
            }
            System.out.println("flood: agents run as " + lab.agentLaunch());
            Process agent = lab.startAgent(lab.d1, "d1", lab.write("d1.conf", d1Config));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(d1Config)));
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2)); // the first advert of each side has been seen
                kindsAloneAreCountedUnderTheirReason(lab, 53, d1Config);
                kindsAloneAreCountedUnderTheirReason(lab, 51, d1Config);
                long transitions1 = lab.transitions("d1");
                long transitions2 = lab.transitions("d2");
                for (int vrid : new int[] {53, 51}) {
                    Figures f = flood(lab, "ours", agent.pid(), vrid, d1Config, () -> rejected(lab));
                    ours.add(f);
                    print(f);
                    assertTrue(!f.moved(), "the VIPs moved during the flood at VRID " + vrid);
                    assertEquals(transitions1, lab.transitions("d1"), "a transition on d1 during the flood at VRID " + vrid);
                    assertEquals(transitions2, lab.transitions("d2"), "a transition on d2 during the flood at VRID " + vrid);
                    for (Kind kind : kinds(vrid, d1Config)) {
                        long counted = f.rejected().getOrDefault(kind.reason(), 0L);
                        // exact counting of each kind is checked above; under the flood the kernel drops what the
                        // agent does not read in time (its socket buffer is full), so only "some of each" holds
                        assertTrue(counted > 0, kind.name() + ": none counted as " + kind.reason() + "; rejected: " + f.rejected());
                    }
                    assertTrue(f.longestGap().compareTo(MAX_GAP) <= 0, "d1's VRID 51 adverts stalled for "
                            + f.longestGap().toMillis() + " ms during the flood at VRID " + vrid);
                    assertTrue(f.adverts() >= FLOOD.toSeconds() - 1, "only " + f.adverts() + " adverts of d1 captured");
                    assertTrue(agent.isAlive(), "d1's agent died: " + lab.logText("d1"));
                }
                String status = lab.status("d1", false).orElseThrow();
                assertTrue(status.lines().anyMatch(l -> l.matches("VI_1 +eth0 +51  MASTER .*")), status);
                assertTrue(status.lines().anyMatch(l -> l.matches("VI_3 +eth0 +53  BACKUP .*")), status);
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                System.err.println("--- d1 status\n" + lab.status("d1", true).orElse("(none)"));
                throw e;
            }
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/keepalived"))) {
            System.out.println("flood: keepalived is not installed, no comparison");
            return;
        }
        List<Figures> theirs = new ArrayList<>();
        try (SeedLab lab = SeedLab.create("k")) {
            String d1Config = SeedLab.seedConfig("AH");
            lab.startAgainstKeepalived(d1Config, "d1");
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));
                long vrrpPid = Long.parseLong(Files.readString(lab.work.resolve("d1-kv.pid")).strip());
                for (int vrid : new int[] {53, 51}) {
                    Figures f = flood(lab, "keepalived", vrrpPid, vrid, d1Config, Map::of);
                    theirs.add(f);
                    print(f);
                }
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 (keepalived) log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
        System.out.println("flood summary (" + RATE + "/s for " + FLOOD.toSeconds() + " s, AH, at d1 on br0):");
        System.out.println(String.format("  %-10s %-6s %5s %9s %8s %10s %7s %6s", "d1 runs", "role", "VRID", "sent/s",
                "CPU %", "max gap", "adverts", "moved"));
        for (Figures f : concat(ours, theirs)) {
            System.out.println(String.format("  %-10s %-6s %5d %9.0f %8.1f %7d ms %7d %6s", f.who(), f.role(), f.vrid(),
                    f.rate(), f.cpuPercent(), f.longestGap().toMillis(), f.adverts(), f.moved() ? "YES" : "no"));
        }
    }

    /** Each kind sent alone, three times: d1 counts exactly those three under the kind's reason. */
    private static void kindsAloneAreCountedUnderTheirReason(SeedLab lab, int vrid, String d1Config) throws Exception {
        try (RawIpSocket socket = bystanderSocket(lab)) {
            socket.send(ByteBuffer.wrap(signed(vrid, d1Config, 1, 1, 255)), GROUP); // what the replayed kind repeats
            for (Kind kind : kinds(vrid, d1Config)) {
                Map<RejectReason, Long> before = rejected(lab);
                for (int i = 0; i < 3; i++) {
                    socket.send(ByteBuffer.wrap(kind.packet()), GROUP);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                Map<RejectReason, Long> delta;
                do {
                    Thread.sleep(20);
                    Map<RejectReason, Long> after = rejected(lab);
                    delta = new LinkedHashMap<>();
                    for (RejectReason reason : RejectReason.values()) {
                        long d = after.getOrDefault(reason, 0L) - before.getOrDefault(reason, 0L);
                        if (d != 0) {
                            delta.put(reason, d);
                        }
                    }
                } while (!delta.equals(Map.of(kind.reason(), 3L)) && System.nanoTime() < deadline);
                assertEquals(Map.of(kind.reason(), 3L), delta, kind.name() + " for VRID " + vrid);
            }
        }
    }

    private static RawIpSocket bystanderSocket(SeedLab lab) throws IOException, InterruptedException {
        return NetworkNamespace.named(lab.x).call(() -> {
            RawIpSocket s = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP);
            int ifindex = s.interfaceIndex("eth0");
            return s.headerIncluded(true).bindToDevice("eth0").multicastInterface(ifindex).multicastTtl(255).multicastLoop(false);
        });
    }

    private static List<Figures> concat(List<Figures> a, List<Figures> b) {
        List<Figures> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void print(Figures f) {
        System.out.println(String.format("flood %s at VRID %d (d1 %s): %d sent in %.1f s (%.0f/s), d1 CPU %.1f %% of a core,"
                + " longest gap between d1's VRID 51 adverts %d ms (%d adverts), VIPs moved: %s%s", f.who(), f.vrid(), f.role(),
                f.sent(), f.seconds(), f.rate(), f.cpuPercent(), f.longestGap().toMillis(), f.adverts(), f.moved() ? "YES" : "no",
                f.rejected().isEmpty() ? "" : ", rejected " + f.rejected()));
    }

    /** d1's rejection counters from its status JSON, the reasons that are not zero. */
    private static Map<RejectReason, Long> rejected(SeedLab lab) {
        Map<RejectReason, Long> counts = new LinkedHashMap<>();
        String json = lab.status("d1", true).orElse("");
        for (RejectReason reason : RejectReason.values()) {
            Matcher m = Pattern.compile("\"" + reason.name() + "\":(\\d+)").matcher(json);
            if (m.find() && Long.parseLong(m.group(1)) > 0) {
                counts.put(reason, Long.parseLong(m.group(1)));
            }
        }
        return counts;
    }

    /**
     * Floods {@code vrid} from x for {@link #FLOOD} while the VIPs are sampled and d1's adverts are captured on br0;
     * {@code counters} reads the rejections before and after.
     */
    private static Figures flood(SeedLab lab, String who, long pid, int vrid, String d1Config,
            java.util.function.Supplier<Map<RejectReason, Long>> counters) throws Exception {
        List<Kind> kinds = kinds(vrid, d1Config);
        Path pcap = lab.work.resolve("flood-" + who + "-" + vrid + ".pcap");
        Path captureLog = lab.work.resolve("dumpcap-" + who + "-" + vrid + ".log");
        // d1's and d2's adverts only (d2's show that the capture works): the BPF filter runs in the kernel, so the flood itself is not copied to dumpcap
        Process capture = new ProcessBuilder("ip", "netns", "exec", lab.sw, "dumpcap", "-q", "-P", "-i", "br0", "-f",
                "(src host 192.168.200.5 or src host 192.168.200.6) and (ip proto 51 or ip proto 112)", "-w", pcap.toString()).redirectErrorStream(true)
                .redirectOutput(captureLog.toFile()).start();
        RawIpSocket socket = null;
        try {
            long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(captureLog).contains("Capturing on") && capture.isAlive() && System.nanoTime() < readyBy) {
                Thread.sleep(20);
            }
            assertTrue(capture.isAlive() && Files.readString(captureLog).contains("Capturing on"),
                    "dumpcap did not start: " + Files.readString(captureLog));
            socket = bystanderSocket(lab);
            // the replayed kind: its one signed advert (priority 1, AH sequence 1) goes out once before the flood
            socket.send(ByteBuffer.wrap(signed(vrid, d1Config, 1, 1, 255)), GROUP);
            Thread.sleep(100);
            Map<RejectReason, Long> before = counters.get();
            long logBefore = Files.size(lab.log("d1"));
            long[] cpuBefore = cpuTicks(pid);
            AtomicBoolean moved = new AtomicBoolean();
            long startWall = System.currentTimeMillis();
            long start = System.nanoTime();
            long sent = send(socket, kinds, lab, moved);
            double seconds = (System.nanoTime() - start) / 1e9;
            long endWall = System.currentTimeMillis();
            long[] cpuAfter = cpuTicks(pid);
            System.out.println("flood " + who + " at VRID " + vrid + ": d1 " + rss(pid) + " at the end of the flood");
            Thread.sleep(1500); // the adverts after the flood bound its last gap
            Map<RejectReason, Long> after = counters.get();
            Map<RejectReason, Long> delta = new LinkedHashMap<>();
            after.forEach((reason, count) -> {
                long d = count - before.getOrDefault(reason, 0L);
                if (d > 0) {
                    delta.put(reason, d);
                }
            });
            double cpu = cpuBefore == null || cpuAfter == null ? Double.NaN
                    : 100.0 * (cpuAfter[0] + cpuAfter[1] - cpuBefore[0] - cpuBefore[1]) / CLOCK_TICKS / seconds;
            String logged = new String(Files.readAllBytes(lab.log("d1")), java.nio.charset.StandardCharsets.UTF_8)
                    .substring((int) logBefore);
            List<String> lines = logged.lines().toList();
            // what d1 logged, by message (keepalived's timestamps and sequence numbers left out)
            Map<String, Long> messages = new java.util.TreeMap<>();
            lines.forEach(l -> messages.merge(l.replaceFirst("^\\w{3} \\w{3} +\\d+ [\\d:]+ \\d{4}: ", "").replaceAll("\\d+", "N"), 1L,
                    Long::sum));
            System.out.println("flood " + who + " at VRID " + vrid + ": d1 logged " + lines.size() + " lines during the flood"
                    + (lines.isEmpty() ? "" : ": " + messages));
            lines.stream().filter(l -> !l.contains("IPSEC-AH") && !l.contains("vrrp packet too") && !l.contains("invalid TTL")
                    && !l.contains("checksum") && !l.contains("version") && !l.contains("auth")).limit(12)
                    .forEach(l -> System.out.println("  d1: " + l));
            SeedLab.run("kill", "-TERM", Long.toString(capture.pid()));
            assertTrue(capture.waitFor(10, TimeUnit.SECONDS), "dumpcap did not end");
            byte[] captured = Files.readAllBytes(pcap);
            List<Long> times = advertTimes(captured, D1, 51);
            System.out.println("flood " + who + " at VRID " + vrid + ": adverts on br0 during the flood (d1: "
                    + perVrid(captured, D1, startWall, endWall) + ", d2: " + perVrid(captured, D2, startWall, endWall)
                    + "); d2 transitions so far: " + lab.transitions("d2") + "; d2 (our agent) says: "
                    + lab.status("d2", false).orElse("").lines().filter(l -> l.matches("VI_[13] .*")).map(String::strip).toList());
            Duration gap = longestGap(times, startWall * 1000, endWall * 1000);
            int adverts = (int) times.stream().filter(t -> t >= startWall * 1000 && t <= endWall * 1000).count();
            return new Figures(who, vrid == 51 ? "MASTER" : "BACKUP", vrid, sent, seconds, cpu, gap, adverts, moved.get(), delta);
        } finally {
            if (socket != null) {
                socket.close();
            }
            if (capture.isAlive()) {
                capture.destroyForcibly();
            }
        }
    }

    /** How many adverts {@code source} sent per VRID between the two wall-clock times (ms). */
    private static Map<Integer, Integer> perVrid(byte[] pcap, byte[] source, long fromMillis, long toMillis) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        for (int v : new int[] {51, 53}) {
            counts.put(v, (int) advertTimes(pcap, source, v).stream().filter(t -> t >= fromMillis * 1000 && t <= toMillis * 1000).count());
        }
        return counts;
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .findFirst().map(l -> "RSS " + l.substring(6).strip()).orElse("RSS ?");
        } catch (IOException e) {
            return "RSS ?";
        }
    }

    private static final int CLOCK_TICKS = 100; // USER_HZ on Linux x86-64 (getconf CLK_TCK)

    /** utime and stime of a process, all threads, from /proc/PID/stat; null when it is gone. */
    private static long[] cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])}; // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Sends the kinds in turn at {@link #RATE} per second for {@link #FLOOD}: every packet has its due time, and
     * whatever is due goes out at once after each short park (so the rate holds on average even when the thread is
     * woken late). Meanwhile another thread samples the VIPs every 100 ms.
     */
    private static long send(RawIpSocket socket, List<Kind> kinds, SeedLab lab, AtomicBoolean moved) throws Exception {
        List<ByteBuffer> packets = kinds.stream().map(k -> ByteBuffer.wrap(k.packet())).toList();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = Thread.ofPlatform().name("flood-vips").start(() -> {
            String expected = new TreeSet<>(SeedLab.INITIAL_D1) + " / " + new TreeSet<>(SeedLab.INITIAL_D2);
            while (!done.get()) {
                try {
                    if (!expected.equals(SeedLab.vips(lab.d1) + " / " + SeedLab.vips(lab.d2))) {
                        moved.set(true);
                    }
                    Thread.sleep(100);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        long sent = 0;
        try {
            long start = System.nanoTime();
            long end = start + FLOOD.toNanos();
            double period = 1e9 / RATE;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long due = (long) ((now - start) / period) + 1;
                while (sent < due) {
                    ByteBuffer packet = packets.get((int) (sent % packets.size()));
                    socket.send(packet.duplicate(), GROUP);
                    sent++;
                }
                LockSupport.parkNanos(200_000);
            }
        } finally {
            done.set(true);
            watcher.join();
        }
        return sent;
    }

    /** The eight kinds for {@code vrid}, built with the key of d1's instance for it (the seed's auth_pass). */
    static List<Kind> kinds(int vrid, String d1Config) {
        byte[] bogusIcv = signed(vrid, d1Config, 254, 0x7000_0000L, 255);
        int ip = 20;
        bogusIcv[ip + 12] ^= 0x55; // first ICV byte
        byte[] replayed = signed(vrid, d1Config, 1, 1, 255);
        byte[] version1 = signed(vrid, d1Config, 254, 0x7000_0001L, 255);
        int vrrp = ip + 24;
        version1[vrrp] = 0x11;
        fixVrrpChecksum(version1, vrrp);
        byte[] ttl64 = signed(vrid, d1Config, 254, 0x7000_0002L, 64);
        byte[] full = signed(vrid, d1Config, 254, 0x7000_0003L, 255);
        byte[] truncated = Arrays.copyOf(full, vrrp + 12); // VRRP header and half the addresses; the kernel sets the IP length
        byte[] oversized = Arrays.copyOf(full, 1400); // zeros after a well-formed advert
        byte[] badChecksum = signed(vrid, d1Config, 254, 0x7000_0004L, 255);
        badChecksum[vrrp + 6] ^= 0x5a;
        Advertisement claim = new Advertisement(VrrpVersion.V2, vrid, 254, 100, vips(vrid));
        byte[] guessedPassword = AdvertisementEncoder.ipv4Packet(claim, AuthConfig.password("letmein"), BYSTANDER, GROUP, 0, 7);
        return List.of(new Kind("bad ICV", RejectReason.BAD_ICV, bogusIcv),
                new Kind("replayed AH sequence", RejectReason.REPLAYED, replayed),
                new Kind("VRRP version 1", RejectReason.WRONG_VERSION, version1),
                new Kind("TTL 64", RejectReason.WRONG_TTL, ttl64),
                new Kind("truncated", RejectReason.TRUNCATED, truncated),
                new Kind("oversized (1400 bytes)", RejectReason.MALFORMED, oversized),
                new Kind("bad VRRP checksum", RejectReason.BAD_CHECKSUM, badChecksum),
                // the instances use AH: a PASS advert is refused for its type before any password is compared
                new Kind("PASS with a guessed password", RejectReason.AUTH_TYPE_MISMATCH, guessedPassword));
    }

    /** A correctly signed AH advert from x for {@code vrid} with the seed's key of that instance. */
    private static byte[] signed(int vrid, String d1Config, int priority, long sequence, int ttl) {
        Advertisement advert = new Advertisement(VrrpVersion.V2, vrid, priority, 100, vips(vrid));
        return AdvertisementEncoder.ipv4Packet(advert, AuthConfig.ah(authPass(d1Config, vrid)), BYSTANDER, GROUP, sequence,
                4242, ttl);
    }

    private static String authPass(String config, int vrid) {
        Matcher m = Pattern.compile("virtual_router_id " + vrid + "\\n(?:.*\\n)*?\\s*auth_pass (\\S+)").matcher(config);
        assertTrue(m.find(), "no auth_pass for VRID " + vrid + " in the seed");
        return m.group(1).split("!", 2)[0]; // '!' starts a comment: "k@l!ve1" is "k@l" to keepalived and to the agent
    }

    private static List<InetAddress> vips(int vrid) {
        return switch (vrid) {
            case 51 -> List.of(InetAddress.ofLiteral("192.168.200.10"), InetAddress.ofLiteral("192.168.200.11"));
            case 53 -> List.of(InetAddress.ofLiteral("192.168.200.12"), InetAddress.ofLiteral("192.168.200.13"));
            default -> throw new IllegalArgumentException("VRID " + vrid + " is not on br0");
        };
    }

    private static void fixVrrpChecksum(byte[] packet, int vrrp) {
        packet[vrrp + 6] = 0;
        packet[vrrp + 7] = 0;
        long sum = 0;
        for (int i = vrrp; i < packet.length; i += 2) {
            sum += ((packet[i] & 0xff) << 8) | (i + 1 < packet.length ? packet[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int checksum = (int) (~sum & 0xffff);
        packet[vrrp + 6] = (byte) (checksum >> 8);
        packet[vrrp + 7] = (byte) checksum;
    }

    /**
     * The capture times (µs since the epoch) of the adverts of {@code source} for {@code vrid} in a classic pcap file
     * of Ethernet frames (dumpcap -P).
     */
    static List<Long> advertTimes(byte[] pcap, byte[] source, int vrid) {
        ByteBuffer b = ByteBuffer.wrap(pcap);
        int magic = b.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        }
        boolean nanos = (b.getInt(0) == 0xa1b23c4d);
        List<Long> times = new ArrayList<>();
        int at = 24;
        while (at + 16 <= pcap.length) {
            long seconds = b.getInt(at) & 0xffffffffL;
            long fraction = b.getInt(at + 4) & 0xffffffffL;
            int captured = b.getInt(at + 8);
            int frame = at + 16;
            if (captured < 0 || frame + captured > pcap.length) {
                break;
            }
            byte[] ip = Arrays.copyOfRange(pcap, frame + 14, frame + captured);
            if (ip.length >= 20 && Arrays.equals(Arrays.copyOfRange(ip, 12, 16), source)
                    && PacketRouting.vrid(ip).orElse(-1) == vrid) {
                times.add(seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction));
            }
            at = frame + captured;
        }
        return times;
    }

    /** The longest interval between consecutive adverts that overlaps [from, to] (µs); the flood length if none. */
    static Duration longestGap(List<Long> times, long from, long to) {
        long longest = 0;
        Optional<Long> previous = Optional.empty();
        for (long t : times) {
            if (previous.isPresent() && t >= from && previous.get() <= to) {
                longest = Math.max(longest, t - previous.get());
            }
            previous = Optional.of(t);
        }
        return longest == 0 ? Duration.ofNanos((to - from) * 1000) : Duration.ofNanos(longest * 1000);
    }
}

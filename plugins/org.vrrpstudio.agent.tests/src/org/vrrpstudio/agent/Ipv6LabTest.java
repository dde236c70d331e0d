package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VRRPv3 over IPv6 in the namespace lab: a sync group of two IPv6 instances (eth0 and eth1, the seed's VG1 in IPv6)
 * and, on eth0, an IPv4 instance with the same VRID as the IPv6 one there (keepalived allows that: the family is part
 * of an instance's identity). Our agent on both directors, then against keepalived 2.2.7 each way round: the same
 * distribution, eth0 down on d1 moves the IPv6 group to d2, eth0 up brings it back; the addresses are checked with
 * {@code ip -n dX addr}. The lab keeps duplicate address detection on, as a director has it.
 */
class Ipv6LabTest {

    private static final String D1_CONFIG = """
            vrrp_sync_group VG6 {
                group {
                    V6_1
                    V6_2
                }
            }
            vrrp_instance V6_1 {
                state MASTER
                interface eth0
                virtual_router_id 61
                version 3
                priority 150
                advert_int 1
                virtual_ipaddress {
                    2001:db8:200::10/64
                }
            }
            vrrp_instance V6_2 {
                state MASTER
                interface eth1
                virtual_router_id 62
                version 3
                priority 150
                advert_int 1
                virtual_ipaddress {
                    2001:db8:100::10/64
                }
            }
            vrrp_instance V4_61 {
                state BACKUP
                interface eth0
                virtual_router_id 61
                version 3
                priority 100
                advert_int 1
                virtual_ipaddress {
                    192.168.200.61
                }
            }
            """;

    private static final Set<String> ON_D1 = Set.of("2001:db8:200::10", "2001:db8:100::10");
    private static final Set<String> ON_D2 = Set.of("192.168.200.61");
    private static final Set<String> ALL = Set.of("2001:db8:200::10", "2001:db8:100::10", "192.168.200.61");

    /** Also: eth1 carries only the IPv6 instance, and there it has no IPv4 address at all (an IPv6-only LAN). */
    @Test
    void ourAgentsMoveTheIpv6SyncGroupAndBackWhileTheIpv4InstanceWithTheSameVridStays() throws Exception {
        try (SeedLab lab = SeedLab.create("v6")) {
            for (String ns : List.of(lab.d1, lab.d2)) {
                SeedLab.run("ip", "-n", ns, "-4", "addr", "flush", "dev", "eth1");
            }
            awaitDuplicateAddressDetection(lab);
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", D1_CONFIG));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(D1_CONFIG)));
            try {
                scenario(lab);
                assertNothingRejected(lab, "d1");
                assertNothingRejected(lab, "d2");
                String status = lab.status("d2", false).orElseThrow();
                assertTrue(status.lines().anyMatch(l -> l.matches("V6_1 +eth0 +61  BACKUP +100 .*")), status);
                assertTrue(status.lines().anyMatch(l -> l.matches("V4_61 +eth0 +61  MASTER +150 .*")), status);
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    @ParameterizedTest(name = "keepalived on {0}")
    @ValueSource(strings = {"d2", "d1"})
    void againstKeepalived(String keepalivedOn) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        try (SeedLab lab = SeedLab.create("6k" + keepalivedOn.charAt(1))) {
            awaitDuplicateAddressDetection(lab);
            lab.startAgainstKeepalived(D1_CONFIG, keepalivedOn);
            try {
                scenario(lab);
                String agent = keepalivedOn.equals("d1") ? "d2" : "d1";
                assertNothingRejected(lab, agent);
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    /**
     * An IPv6 unicast instance (global unicast_src_ip and unicast_peer on eth0, besides the link-local address the
     * kernel would pick on its own): d1 holds the VIP, eth0 down moves it to d2, eth0 up brings it back; the peer on
     * d2 is our agent, then keepalived 2.2.7, which both drop adverts from any source but the configured peer.
     */
    @ParameterizedTest(name = "peer on d2: {0}")
    @ValueSource(strings = {"agent", "keepalived"})
    void unicastInstanceFailsOverAndBack(String peer) throws Exception {
        if (peer.equals("keepalived")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        }
        String d1Config = """
                vrrp_instance V6_U {
                    state MASTER
                    interface eth0
                    virtual_router_id 71
                    version 3
                    priority 150
                    advert_int 1
                    unicast_src_ip 2001:db8:200::5
                    unicast_peer {
                        2001:db8:200::6
                    }
                    virtual_ipaddress {
                        2001:db8:200::71/64
                    }
                }
                """;
        String d2Config = SeedLab.mirror(d1Config).replace("unicast_src_ip 2001:db8:200::5", "unicast_src_ip 2001:db8:200::X")
                .replace("        2001:db8:200::6", "        2001:db8:200::5").replace("2001:db8:200::X", "2001:db8:200::6");
        try (SeedLab lab = SeedLab.create("6u" + peer.charAt(0))) {
            for (String ns : List.of(lab.d1, lab.d2)) { // static IPv6 addresses outlive a link down only when asked to
                SeedLab.run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.eth0.keep_addr_on_down=1");
            }
            SeedLab.run("ip", "-n", lab.d1, "addr", "add", "2001:db8:200::5/64", "dev", "eth0", "nodad");
            SeedLab.run("ip", "-n", lab.d2, "addr", "add", "2001:db8:200::6/64", "dev", "eth0", "nodad");
            awaitDuplicateAddressDetection(lab);
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", d1Config));
            Path d2File = lab.write("d2.conf", d2Config);
            if (peer.equals("keepalived")) {
                lab.startKeepalived(lab.d2, "d2", d2File);
            } else {
                lab.startAgent(lab.d2, "d2", d2File);
            }
            try {
                Set<String> own1 = Set.of("2001:db8:200::5");
                Set<String> own2 = Set.of("2001:db8:200::6");
                awaitAddresses(lab, Duration.ofSeconds(25), union(own1, "2001:db8:200::71"), own2);
                assertStable(lab, Duration.ofSeconds(3));
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
                awaitAddresses(lab, Duration.ofSeconds(10), own1, union(own2, "2001:db8:200::71"));
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
                awaitAddresses(lab, Duration.ofSeconds(15), union(own1, "2001:db8:200::71"), own2);
                assertStable(lab, Duration.ofSeconds(3));
                assertNothingRejected(lab, "d1");
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    private static Set<String> union(Set<String> set, String more) {
        Set<String> all = new TreeSet<>(set);
        all.add(more);
        return all;
    }

    /**
     * Every advert our agent received was accepted: right checksum and hop limit, and routed by family (an IPv4 and an
     * IPv6 advert for VRID 61 on eth0 each reach their own instance, none is an unknown VRID).
     */
    private static void assertNothingRejected(SeedLab lab, String agent) {
        String json = lab.status(agent, true).orElseThrow();
        Matcher rejected = Pattern.compile("\"rejected\":\\{([^}]*)}").matcher(json);
        assertTrue(rejected.find(), json);
        assertEquals("", rejected.group(1), () -> agent + " rejected adverts: " + json);
    }

    /** Start, eth0 down on d1 (everything on d2), eth0 up (back to the start), each checked on both directors. */
    private static void scenario(SeedLab lab) throws Exception {
        awaitAddresses(lab, Duration.ofSeconds(25), ON_D1, ON_D2);
        assertStable(lab, Duration.ofSeconds(3));
        SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
        Duration failover = awaitAddresses(lab, Duration.ofSeconds(10), Set.of(), ALL);
        SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
        Duration back = awaitAddresses(lab, Duration.ofSeconds(15), ON_D1, ON_D2);
        assertStable(lab, Duration.ofSeconds(3));
        System.out.println("IPv6: eth0 down on d1 -> all on d2 in " + failover.toMillis() + " ms; back in " + back.toMillis()
                + " ms (duplicate address detection of the link-local address included)");
    }

    /** The link-local addresses are usable (no longer tentative) on both directors. */
    private static void awaitDuplicateAddressDetection(SeedLab lab) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (String ns : List.of(lab.d1, lab.d2)) {
            while (!SeedLab.run("ip", "-n", ns, "-6", "addr", "show", "tentative").isBlank()) {
                assertTrue(System.nanoTime() < deadline, "duplicate address detection did not finish in " + ns);
                Thread.sleep(50);
            }
        }
    }

    /** The virtual addresses a namespace holds: IPv4 /32s and global IPv6 addresses (not the link-local ones). */
    static Set<String> addresses(String ns) throws IOException, InterruptedException {
        Set<String> held = new TreeSet<>();
        Matcher m = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/32 |inet6 ([0-9a-f:]+)/\\d+ scope global")
                .matcher(SeedLab.run("ip", "-n", ns, "-o", "addr", "show"));
        while (m.find()) {
            held.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return held;
    }

    static Duration awaitAddresses(SeedLab lab, Duration timeout, Set<String> onD1, Set<String> onD2) throws Exception {
        long start = System.nanoTime();
        Set<String> got1;
        Set<String> got2;
        do {
            got1 = addresses(lab.d1);
            got2 = addresses(lab.d2);
            if (got1.equals(new TreeSet<>(onD1)) && got2.equals(new TreeSet<>(onD2))) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(5);
        } while (System.nanoTime() - start < timeout.toNanos());
        assertEquals(new TreeSet<>(onD1) + " / " + new TreeSet<>(onD2), got1 + " / " + got2,
                "addresses on d1 / d2 after " + timeout.toMillis() + " ms");
        return timeout;
    }

    /** Nothing moves for {@code period}: converged, one master per instance. */
    private static void assertStable(SeedLab lab, Duration period) throws Exception {
        Set<String> first1 = addresses(lab.d1);
        Set<String> first2 = addresses(lab.d2);
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            assertEquals(first1 + " / " + first2, addresses(lab.d1) + " / " + addresses(lab.d2), "addresses moved");
            Thread.sleep(50);
        }
    }
}

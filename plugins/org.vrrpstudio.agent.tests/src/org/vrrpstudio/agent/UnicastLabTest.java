package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vrrpstudio.agent.linux.NetworkNamespace;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.agent.linux.ReceivedPacket;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;

/**
 * The case study in keepalived's unicast mode ({@code unicast_src_ip} + {@code unicast_peer}) in the namespace lab:
 * adverts go from each director's own address to the other's, nothing is sent to or joined on 224.0.0.18, the seed's
 * distribution and eth0 failover hold, and an advert from an address that is not a peer is refused (NOT_A_PEER).
 */
class UnicastLabTest {

    private static final Inet4Address GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");
    private static final Inet4Address D1 = (Inet4Address) InetAddress.ofLiteral("192.168.200.5");
    private static final Inet4Address D2 = (Inet4Address) InetAddress.ofLiteral("192.168.200.6");
    private static final Inet4Address BYSTANDER = (Inet4Address) InetAddress.ofLiteral("192.168.200.99");

    /**
     * {@code config} with every instance in unicast mode: source {@code .own}, peer {@code .peer} on the LAN of its
     * interface (eth0: 192.168.200.0/24, eth1: 192.168.100.0/24).
     */
    static String unicast(String config, int own, int peer) {
        Matcher m = Pattern.compile("(?m)^(\\s*)interface (eth[01])$").matcher(config);
        return m.replaceAll(r -> {
            String net = r.group(2).equals("eth0") ? "192.168.200." : "192.168.100.";
            String indent = r.group(1);
            return Matcher.quoteReplacement(r.group() + "\n" + indent + "unicast_src_ip " + net + own + "\n" + indent
                    + "unicast_peer {\n" + indent + "    " + net + peer + "\n" + indent + "}");
        });
    }

    @Test
    void unicastSeedDistributionFailoverAndStrangersRefused() throws Exception {
        try (SeedLab lab = SeedLab.create("u")) {
            String seed = SeedLab.seedConfig("AH");
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", unicast(seed, 5, 6)));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", unicast(SeedLab.mirror(seed), 6, 5)));
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));

                // no multicast membership on the directors' VRRP interfaces
                for (String ns : List.of(lab.d1, lab.d2)) {
                    for (String dev : List.of("eth0", "eth1")) {
                        String groups = SeedLab.run("ip", "-n", ns, "maddr", "show", "dev", dev);
                        assertFalse(groups.contains("224.0.0.18"), ns + " " + dev + " joined the VRRP group:\n" + groups);
                    }
                }
                // on the wire: d2 receives d1's AH adverts addressed to itself (without joining anything), TTL 255
                byte[] atD2 = NetworkNamespace.named(lab.d2).call(() -> capture(RawIpSocket.PROTOCOL_AH, D1, false));
                assertEquals(51, atD2[9] & 0xff, "AH");
                assertEquals(255, atD2[8] & 0xff, "TTL");
                assertEquals(D2, InetAddress.getByAddress(java.util.Arrays.copyOfRange(atD2, 16, 20)), "unicast to d2");
                // and a bystander on br0 that does join 224.0.0.18 hears no advert there from either director
                List<byte[]> toGroup = NetworkNamespace.named(lab.x).call(() -> groupTraffic(Duration.ofMillis(2500)));
                assertTrue(toGroup.isEmpty(), toGroup.size() + " adverts to 224.0.0.18 seen on br0");

                // a stranger claims VI_1 (VRID 51) at priority 254, unicast to d1: refused before authentication
                Advertisement claim = new Advertisement(VrrpVersion.V2, 51, 254, 100,
                        List.of(InetAddress.ofLiteral("192.168.200.10"), InetAddress.ofLiteral("192.168.200.11")));
                byte[] spoof = AdvertisementEncoder.ipv4Packet(claim, AuthConfig.none(), BYSTANDER, D1, 0, 4711);
                long before = lab.rejected("d1", "NOT_A_PEER");
                NetworkNamespace.named(lab.x).call(() -> send(spoof, D1, 3));
                AgentLabTest.await(Duration.ofSeconds(5), () -> lab.rejected("d1", "NOT_A_PEER") >= before + 3, lab, "d1");
                AgentLabTest.assertStable(lab, Duration.ofSeconds(1));

                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
                Duration failover = lab.awaitVips(Duration.ofSeconds(10), Set.of(), SeedLab.ALL);
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
                lab.awaitVips(Duration.ofSeconds(15), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));
                System.out.println("unicast: eth0 down on d1 -> six VIPs on d2 in " + failover.toMillis() + " ms");
                assertEquals(0, lab.rejected("d2", "NOT_A_PEER") + lab.rejected("d2", "BAD_ICV") + lab.rejected("d2", "REPLAYED"),
                        () -> "d2 refused some of d1's adverts: " + lab.status("d2", true).orElse(""));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    /**
     * Per-peer {@code min_ttl}/{@code max_ttl} and {@code unicast_ttl} are run: d2 sends its eth0 adverts with TTL 64,
     * d1 accepts from d2 only 250..255, so d1 drops them (TTL_OUT_OF_RANGE) and takes VI_3 as well; eth1, without
     * options, keeps VI_4 on d2.
     */
    @Test
    void perPeerTtlRangeDropsAPeersAdvertsSentWithALowerUnicastTtl() throws Exception {
        try (SeedLab lab = SeedLab.create("ut")) {
            String seed = SeedLab.seedConfig("AH");
            String d1 = unicast(seed, 5, 6).replace("    192.168.200.6\n", "    192.168.200.6 min_ttl 250 max_ttl 255\n");
            String d2 = unicast(SeedLab.mirror(seed), 6, 5).replace("unicast_src_ip 192.168.200.6\n",
                    "unicast_src_ip 192.168.200.6\n    unicast_ttl 64\n");
            assertTrue(d1.contains("min_ttl 250") && d2.contains("unicast_ttl 64"), d1 + d2);
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", d1));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", d2));
            try {
                AgentLabTest.await(Duration.ofSeconds(20), () -> lab.rejected("d1", "TTL_OUT_OF_RANGE") >= 3, lab, "d1");
                assertEquals(0, lab.rejected("d2", "TTL_OUT_OF_RANGE"), () -> lab.status("d2", true).orElse(""));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    /** keepalived 2.2.7 on d2 in unicast mode against our agent on d1: same distribution and failover. */
    @ParameterizedTest(name = "auth {0}")
    @ValueSource(strings = {"AH", "PASS"})
    void unicastSeedAgainstKeepalived(String auth) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        try (SeedLab lab = SeedLab.create("uk" + auth.charAt(0))) {
            String seed = SeedLab.seedConfig(auth);
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", unicast(seed, 5, 6)));
            lab.startKeepalived(lab.d2, "d2", lab.write("d2.conf", unicast(SeedLab.mirror(seed), 6, 5)));
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(3));
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
                Duration failover = lab.awaitVips(Duration.ofSeconds(10), Set.of(), SeedLab.ALL);
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
                lab.awaitVips(Duration.ofSeconds(15), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(3));
                System.out.println("unicast interop " + auth + ": eth0 down on d1 -> six VIPs on keepalived's d2 in "
                        + failover.toMillis() + " ms");
                long refused = lab.rejected("d1", "NOT_A_PEER") + lab.rejected("d1", "AUTH_PASS_MISMATCH")
                        + lab.rejected("d1", "BAD_ICV") + lab.rejected("d1", "REPLAYED");
                assertEquals(0, refused, () -> "our agent refused some of keepalived's adverts: " + lab.status("d1", true).orElse(""));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    /** In the calling namespace: the next packet of {@code protocol} from {@code from} on eth0. */
    private static byte[] capture(int protocol, Inet4Address from, boolean joinGroup) throws Exception {
        try (RawIpSocket socket = RawIpSocket.open(protocol)) {
            socket.bindToDevice("eth0");
            if (joinGroup) {
                socket.joinGroup(GROUP, socket.interfaceIndex("eth0"));
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                buffer.clear();
                Optional<ReceivedPacket> packet = socket.receive(buffer, 500);
                if (packet.isPresent() && packet.get().source().equals(from)) {
                    byte[] bytes = new byte[packet.get().length()];
                    buffer.flip().get(bytes);
                    return bytes;
                }
            }
            throw new AssertionError("no packet of protocol " + protocol + " from " + from.getHostAddress() + " within 5 s");
        }
    }

    /** In the calling namespace, joined to 224.0.0.18 on eth0: every VRRP or AH packet to the group for a while. */
    private static List<byte[]> groupTraffic(Duration listen) throws Exception {
        List<byte[]> seen = new ArrayList<>();
        try (RawIpSocket vrrp = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP); RawIpSocket ah = RawIpSocket.open(RawIpSocket.PROTOCOL_AH)) {
            for (RawIpSocket socket : List.of(vrrp, ah)) {
                socket.bindToDevice("eth0").joinGroup(GROUP, socket.interfaceIndex("eth0"));
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            long end = System.nanoTime() + listen.toNanos();
            while (System.nanoTime() < end) {
                for (RawIpSocket socket : List.of(vrrp, ah)) {
                    buffer.clear();
                    Optional<ReceivedPacket> packet = socket.receive(buffer, 50);
                    if (packet.isPresent() && packet.get().destination().equals(GROUP)) {
                        byte[] bytes = new byte[packet.get().length()];
                        buffer.flip().get(bytes);
                        seen.add(bytes);
                    }
                }
            }
        }
        return seen;
    }

    /** In the calling namespace: sends the whole IP packet {@code times} times, 100 ms apart, on eth0 to {@code to}. */
    private static Void send(byte[] packet, Inet4Address to, int times) throws Exception {
        try (RawIpSocket socket = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP)) {
            socket.headerIncluded(true).bindToDevice("eth0");
            for (int i = 0; i < times; i++) {
                socket.send(ByteBuffer.wrap(java.util.Arrays.copyOf(packet, packet.length)), to);
                Thread.sleep(100);
            }
        }
        return null;
    }
}

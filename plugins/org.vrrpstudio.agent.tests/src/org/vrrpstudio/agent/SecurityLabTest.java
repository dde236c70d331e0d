package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.agent.linux.NetworkNamespace;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.agent.linux.ReceivedPacket;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;

/**
 * What authentication buys, shown on the wire from a bystander on br0 (namespace x): with AH a captured advert
 * sent again is refused as a replay and a forged one fails the ICV, so nothing moves; with PASS anyone who has seen
 * one advert knows the password, and a spoofed higher-priority advert silences the real master (its VIPs go).
 */
class SecurityLabTest {

    private static final Inet4Address GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");
    private static final Inet4Address D1 = (Inet4Address) InetAddress.ofLiteral("192.168.200.5");
    private static final Inet4Address BYSTANDER = (Inet4Address) InetAddress.ofLiteral("192.168.200.99");
    private static final Set<String> VI_1 = Set.of("192.168.200.10", "192.168.200.11");

    @Test
    void ahRefusesReplayedAndForgedAdvertsAndNothingMoves() throws Exception {
        try (SeedLab lab = SeedLab.create("s")) {
            String d1Config = SeedLab.seedConfig("AH");
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", d1Config));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(d1Config)));
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                NetworkNamespace x = NetworkNamespace.named(lab.x);
                byte[] captured = x.call(() -> capture(RawIpSocket.PROTOCOL_AH, 51));
                assertEquals(51, captured[9] & 0xff, "an AH packet");

                long replayedBefore = lab.rejected("d2", "REPLAYED");
                x.call(() -> send(captured, 3));
                AgentLabTest.await(Duration.ofSeconds(5), () -> lab.rejected("d2", "REPLAYED") >= replayedBefore + 3, lab, "d2");

                byte[] forged = captured.clone();
                int ah = (forged[0] & 0xf) * 4;
                forged[ah + 8] = 0x7f; // AH sequence number pushed far ahead: only the ICV can tell, and it does
                int vrrp = ah + 24;
                forged[vrrp + 2] = (byte) 254; // and the VRRP priority raised, with a VRRP checksum that fits again
                forged[vrrp + 6] = 0;
                forged[vrrp + 7] = 0;
                int checksum = internetChecksum(forged, vrrp, forged.length - vrrp);
                forged[vrrp + 6] = (byte) (checksum >> 8);
                forged[vrrp + 7] = (byte) checksum;
                long badIcvBefore = lab.rejected("d2", "BAD_ICV");
                x.call(() -> send(forged, 3));
                AgentLabTest.await(Duration.ofSeconds(5), () -> lab.rejected("d2", "BAD_ICV") >= badIcvBefore + 3, lab, "d2");
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                System.err.println("--- d2 status\n" + lab.status("d2", true).orElse("(none)"));
                throw e;
            }
        }
    }

    @Test
    void passLetsAnyoneWhoSawOneAdvertTakeTheInstanceAway() throws Exception {
        try (SeedLab lab = SeedLab.create("p")) {
            String d1Config = SeedLab.seedConfig("PASS");
            lab.startAgent(lab.d1, "d1", lab.write("d1.conf", d1Config));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(d1Config)));
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                NetworkNamespace x = NetworkNamespace.named(lab.x);
                byte[] captured = x.call(() -> capture(RawIpSocket.PROTOCOL_VRRP, 51));
                int vrrp = (captured[0] & 0xf) * 4;
                String password = new String(captured, vrrp + 8 + 4 * (captured[vrrp + 3] & 0xff), 8).replace("\0", "");
                assertEquals("k@l", password, "the password travels in clear text (the seed's 'k@l!ve1' is 'k@l' to keepalived)");

                // the bystander claims VI_1 with priority 254, signed with the password it just read
                Advertisement claim = new Advertisement(VrrpVersion.V2, 51, 254, 100,
                        List.of(InetAddress.ofLiteral("192.168.200.10"), InetAddress.ofLiteral("192.168.200.11")));
                byte[] spoof = AdvertisementEncoder.ipv4Packet(claim, AuthConfig.password(password), BYSTANDER, GROUP, 0, 4711);
                Thread spoofer = Thread.ofPlatform().start(() -> {
                    try {
                        x.call(() -> send(spoof, 40)); // every 100 ms for 4 s
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try {
                    AgentLabTest.await(Duration.ofSeconds(3), () -> {
                        try {
                            Set<String> held = new TreeSet<>(SeedLab.vips(lab.d1));
                            held.addAll(SeedLab.vips(lab.d2));
                            return held.stream().noneMatch(VI_1::contains);
                        } catch (Exception e) {
                            return false;
                        }
                    }, lab, "d1");
                    assertTrue(lab.logText("d1").contains("VI_1: MASTER -> BACKUP"), lab.logText("d1"));
                } finally {
                    spoofer.join();
                }
                // the spoofer is gone: after Master_Down_Interval the real master takes its instance back
                lab.awaitVips(Duration.ofSeconds(10), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    /** In the calling namespace: the next packet of {@code protocol} from d1 for {@code vrid}, IP header first. */
    static byte[] capture(int protocol, int vrid) throws Exception {
        try (RawIpSocket socket = RawIpSocket.open(protocol)) {
            socket.bindToDevice("eth0").joinGroup(GROUP, socket.interfaceIndex("eth0"));
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                buffer.clear();
                Optional<ReceivedPacket> packet = socket.receive(buffer, 500);
                if (packet.isPresent() && packet.get().source().equals(D1)) {
                    byte[] bytes = new byte[packet.get().length()];
                    buffer.flip().get(bytes);
                    if (PacketRouting.vrid(bytes).orElse(-1) == vrid) {
                        return bytes;
                    }
                }
            }
            throw new AssertionError("no advert for VRID " + vrid + " from " + D1.getHostAddress() + " seen on br0");
        }
    }

    /** RFC 1071 one's-complement sum, as the VRRPv2 checksum is computed. */
    private static int internetChecksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int high = data[offset + i] & 0xff;
            int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += (high << 8) | low;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** In the calling namespace: sends the whole IP packet {@code times} times, 100 ms apart, on eth0. */
    static Void send(byte[] packet, int times) throws Exception {
        try (RawIpSocket socket = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP)) {
            int ifindex = socket.interfaceIndex("eth0");
            socket.headerIncluded(true).bindToDevice("eth0").multicastInterface(ifindex).multicastTtl(255).multicastLoop(false);
            for (int i = 0; i < times; i++) {
                socket.send(ByteBuffer.wrap(Arrays.copyOf(packet, packet.length)), GROUP);
                Thread.sleep(100);
            }
        }
        return null;
    }
}

package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.agent.linux.NetworkNamespace;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;

/**
 * Issue 18 in the namespace lab (root): group-aware takeover with our agent on d2 (default {@code --group-takeover
 * pair}) against keepalived 2.2.7 and against our agent on d1, AH. The bounds below are semantic, not benchmarks:
 * a takeover by timer needs Master_Down_Interval (3.6 s) or Skew_Time (0.61 s); the group rule needs neither.
 */
class GroupTakeoverLabTest {
    private static final Inet4Address GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");
    private static final Inet4Address D1 = (Inet4Address) InetAddress.ofLiteral("192.168.200.5");

    @Test
    void eth0DownOnKeepalivedD1MovesVg1ToOurAgentWithoutWaitingForVi1sTimer() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        try (SeedLab lab = SeedLab.create("gk")) {
            String d1Config = SeedLab.seedConfig("AH");
            lab.startKeepalived(lab.d1, "d1", lab.write("d1.conf", d1Config));
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(d1Config)));
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
                Duration failover = lab.awaitVips(Duration.ofSeconds(10), Set.of(), SeedLab.ALL);
                System.out.println("group takeover, keepalived on d1: eth0 down -> six VIPs on d2 in " + failover.toMillis() + " ms");
                assertTrue(failover.compareTo(Duration.ofMillis(600)) < 0, () -> "took " + failover.toMillis()
                        + " ms: not the group rule (Skew_Time 609 ms, Master_Down_Interval 3609 ms)");
                assertTrue(lab.logText("d2").contains("(GROUP_RELEASED)"), lab.logText("d2"));
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
                lab.awaitVips(Duration.ofSeconds(15), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(3));
                assertTrue(lab.rejected("d2", "BAD_ICV") + lab.rejected("d2", "REPLAYED") == 0, () -> lab.status("d2", true).orElse(""));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }

    @Test
    void ourAgentsHandOverOnSigtermAtOnceRefuseForgedAndReplayedReleasesAndSurviveARestart() throws Exception {
        try (SeedLab lab = SeedLab.create("ga")) {
            String d1Config = SeedLab.seedConfig("AH");
            Path d1File = lab.write("d1.conf", d1Config);
            Process d1 = lab.startAgent(lab.d1, "d1", d1File);
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(d1Config)));
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));

                // one segment between the directors cut (d2's eth1 port taken off the switch, carrier stays up, so no
                // FAULT): timers run out on one member of each group, whose partner still hears its master: nothing moves
                String port = lab.d2.substring(lab.d2.length() - 2) + "e1";
                SeedLab.run("ip", "-n", lab.sw, "link", "set", port, "nomaster");
                AgentLabTest.assertStable(lab, Duration.ofSeconds(5));
                SeedLab.run("ip", "-n", lab.sw, "link", "set", port, "master", "br1");
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));

                // a bystander on br0 replays d1's VI_1 advert and forges a priority-0 one without the key: refused
                NetworkNamespace x = NetworkNamespace.named(lab.x);
                byte[] captured = x.call(() -> SecurityLabTest.capture(RawIpSocket.PROTOCOL_AH, 51));
                long replayedBefore = lab.rejected("d2", "REPLAYED");
                x.call(() -> SecurityLabTest.send(captured, 2));
                Advertisement release = new Advertisement(VrrpVersion.V2, 51, 0, 100,
                        List.of(InetAddress.ofLiteral("192.168.200.10"), InetAddress.ofLiteral("192.168.200.11")));
                byte[] forged = AdvertisementEncoder.ipv4Packet(release, AuthConfig.ah("guess"), D1, GROUP, 4_000_000_000L, 4711);
                long badIcvBefore = lab.rejected("d2", "BAD_ICV");
                x.call(() -> SecurityLabTest.send(forged, 2));
                AgentLabTest.await(Duration.ofSeconds(5), () -> lab.rejected("d2", "REPLAYED") >= replayedBefore + 2
                        && lab.rejected("d2", "BAD_ICV") >= badIcvBefore + 2, lab, "d2");
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));

                // SIGTERM on d1: priority 0 for VI_1 and VI_2, d2 takes both at once (no Skew_Time in a pair)
                SeedLab.terminate(d1);
                Duration handOver = lab.awaitVips(Duration.ofSeconds(10), Set.of(), SeedLab.ALL);
                System.out.println("group takeover, our agents: SIGTERM on d1 -> six VIPs on d2 in " + handOver.toMillis() + " ms");
                assertTrue(handOver.compareTo(Duration.ofMillis(600)) < 0, () -> "took " + handOver.toMillis() + " ms");

                // d1 comes back with its AH sequence numbers starting over: it preempts and d2 hears it again
                lab.startAgent(lab.d1, "d1", d1File);
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(3));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }
}

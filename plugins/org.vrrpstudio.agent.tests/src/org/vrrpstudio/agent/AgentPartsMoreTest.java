package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.vrrp.config.GroupTakeover;
import org.vrrpstudio.agent.linux.ReceivedIpv6Packet;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.engine.InstanceStatus;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementDecoder;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;
import org.vrrpstudio.vrrp.packet.DecodeResult;
import org.vrrpstudio.vrrp.packet.VrrpWire;
import org.vrrpstudio.vrrp.packet.RejectReason;

/** Packet routing, notify_fifo lines, metrics text, options and PID file. */
class AgentPartsMoreTest {

    private static final Inet4Address SOURCE = (Inet4Address) InetAddress.ofLiteral("192.168.200.5");
    private static final Inet4Address GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");

    private static byte[] advert(int vrid, AuthConfig auth) {
        Advertisement ad = new Advertisement(VrrpVersion.V2, vrid, 150, 100, List.of(InetAddress.ofLiteral("192.168.200.10")));
        return AdvertisementEncoder.ipv4Packet(ad, auth, SOURCE, GROUP, 7, 4242);
    }

    @Test
    void routingReadsTheVridOfPlainPassAndAhAdverts() {
        assertEquals(OptionalInt.of(51), PacketRouting.vrid(advert(51, AuthConfig.none())));
        assertEquals(OptionalInt.of(52), PacketRouting.vrid(advert(52, AuthConfig.password("secret"))));
        byte[] ah = advert(53, AuthConfig.ah("k@l"));
        assertEquals(51, ah[9] & 0xff, "an AH packet");
        assertEquals(OptionalInt.of(53), PacketRouting.vrid(ah));
    }

    @Test
    void routingGivesUpOnWhatIsNotVrrp() {
        assertEquals(OptionalInt.empty(), PacketRouting.vrid(new byte[0]));
        byte[] udp = advert(51, AuthConfig.none());
        udp[9] = 17;
        assertEquals(OptionalInt.empty(), PacketRouting.vrid(udp));
        byte[] truncated = java.util.Arrays.copyOf(advert(51, AuthConfig.ah("k@l")), 30);
        assertEquals(OptionalInt.empty(), PacketRouting.vrid(truncated));
    }

    @Test
    void ipv6AdvertsAreRoutedApartFromIpv4OnesWithTheSameVrid() {
        Inet6Address source = (Inet6Address) InetAddress.ofLiteral("fe80::5");
        Advertisement ad = new Advertisement(VrrpVersion.V3, 51, 150, 100, List.of(InetAddress.ofLiteral("2001:db8::10")));
        byte[] ipv6 = AdvertisementEncoder.ipv6Packet(ad, source, VrrpWire.IPV6_GROUP);
        assertEquals(OptionalInt.of(51), PacketRouting.vrid(ipv6));
        assertEquals(Optional.of("eth0/51/6"), PacketRouting.key("eth0", ipv6));
        assertEquals(Optional.of("eth0/51/4"), PacketRouting.key("eth0", advert(51, AuthConfig.none())));
        ipv6[6] = 58; // ICMPv6, not VRRP
        assertEquals(Optional.empty(), PacketRouting.key("eth0", ipv6));
    }

    @Test
    void theIpv6HeaderRebuiltFromAncillaryDataIsTheOneTheAdvertWasSentWith() {
        Inet6Address source = (Inet6Address) InetAddress.ofLiteral("fe80::5");
        Advertisement ad = new Advertisement(VrrpVersion.V3, 61, 150, 100, List.of(InetAddress.ofLiteral("2001:db8::10")));
        byte[] sent = AdvertisementEncoder.ipv6Packet(ad, source, VrrpWire.IPV6_GROUP);
        byte[] message = java.util.Arrays.copyOfRange(sent, 40, sent.length);
        var received = new ReceivedIpv6Packet(message.length, 3, source, VrrpWire.IPV6_GROUP, 255, false);

        byte[] rebuilt = VrrpSockets.withIpv6Header(received, message);
        assertArrayEquals(sent, rebuilt, "same bytes as the engine's own IPv6 packet");
        var decoded = AdvertisementDecoder.decodeIpPacket(rebuilt);
        assertTrue(decoded instanceof DecodeResult.Decoded, "the engine accepts it: " + decoded);

        var hopped = new ReceivedIpv6Packet(message.length, 3, source, VrrpWire.IPV6_GROUP, 254, false);
        var routed = AdvertisementDecoder.decodeIpPacket(VrrpSockets.withIpv6Header(hopped, message));
        assertEquals(254, ((DecodeResult.Decoded) routed).advert().ttl(), "the hop limit reaches the instance, which judges it");
    }

    @Test
    void subnetsOfBothFamiliesForTheUnicastWarnings() {
        assertTrue(HostQueries.sameSubnet(InetAddress.ofLiteral("192.168.200.5"), 24, InetAddress.ofLiteral("192.168.200.6")));
        assertFalse(HostQueries.sameSubnet(InetAddress.ofLiteral("192.168.200.5"), 24, InetAddress.ofLiteral("192.168.201.6")));
        assertTrue(HostQueries.sameSubnet(InetAddress.ofLiteral("192.168.200.5"), 0, InetAddress.ofLiteral("10.0.0.1")));
        assertTrue(HostQueries.sameSubnet(InetAddress.ofLiteral("2001:db8:200::5"), 64, InetAddress.ofLiteral("2001:db8:200::6")));
        assertFalse(HostQueries.sameSubnet(InetAddress.ofLiteral("2001:db8:200::5"), 64, InetAddress.ofLiteral("2001:db8:201::6")));
        assertTrue(HostQueries.sameSubnet(InetAddress.ofLiteral("2001:db8:200:0::5"), 62, InetAddress.ofLiteral("2001:db8:200:3::6")),
                "a prefix that ends inside a byte");
        assertFalse(HostQueries.sameSubnet(InetAddress.ofLiteral("2001:db8:200:0::5"), 62, InetAddress.ofLiteral("2001:db8:200:4::6")));
        assertFalse(HostQueries.sameSubnet(InetAddress.ofLiteral("192.168.200.5"), 24, InetAddress.ofLiteral("2001:db8::5")));
    }

    @Test
    void notifyFifoLinesAreKeepalivedsFormat() {
        StateTransition master = new StateTransition(Instant.EPOCH, "local", "VI_1", VrrpState.BACKUP, VrrpState.MASTER,
                TransitionReason.values()[0], "", 150);
        StateTransition stop = new StateTransition(Instant.EPOCH, "local", "VI_1", VrrpState.MASTER, VrrpState.INITIALIZE,
                TransitionReason.values()[0], "", 150);
        assertEquals("INSTANCE \"VI_1\" MASTER 150", NotifyFifo.line(master));
        assertEquals("INSTANCE \"VI_1\" STOP 150", NotifyFifo.line(stop));
    }

    @Test
    void notifyFifoPathComesFromGlobalDefs() throws Exception {
        var reading = ConfigBinding.read(new ConfigParser().parse(Path.of("f.conf"), """
                global_defs {
                    router_id lvs1
                    notify_fifo "/run/keepalived.fifo" root
                }
                """), "local");
        assertEquals(Optional.of("/run/keepalived.fifo"), reading.setup().orElseThrow().notifyFifo());
    }

    @Test
    void notifyFifoDeliversLinesToAReader(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        var log = new AgentLog(System.err, false);
        try (NotifyFifo writer = new NotifyFifo(fifo, log)) {
            assertTrue(Files.exists(fifo), "created with mkfifo");
            writer.onTransition(new StateTransition(Instant.EPOCH, "local", "VI_2", VrrpState.BACKUP, VrrpState.FAULT,
                    TransitionReason.values()[0], "", 150));
            try (var reader = Files.newBufferedReader(fifo)) {
                assertEquals("INSTANCE \"VI_2\" FAULT 150", reader.readLine());
            }
        }
    }

    @Test
    void metricsTextHasStatesPrioritiesAndCounters() {
        String text = PrometheusText.of(List.of(new InstanceStatus("VI_1", "eth0", 51, VrrpState.MASTER, 150, Optional.empty(),
                Optional.empty())), 10, 8, Map.of(RejectReason.values()[0], 3L), Map.of("VI_1", 2L));
        assertTrue(text.contains("vrrpstudio_instance_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",state=\"MASTER\"} 1\n"), text);
        assertTrue(text.contains("vrrpstudio_instance_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",state=\"BACKUP\"} 0\n"), text);
        assertTrue(text.contains("vrrpstudio_instance_priority{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 150\n"), text);
        assertTrue(text.contains("vrrpstudio_instance_transitions_total{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\"} 2\n"), text);
        assertTrue(text.contains("vrrpstudio_adverts_sent_total 10\n"), text);
        assertTrue(text.contains("vrrpstudio_adverts_rejected_total{reason=\"" + RejectReason.values()[0].name() + "\"} 3\n"), text);
        assertTrue(text.contains("# TYPE vrrpstudio_adverts_received_total counter\n"), text);
        assertEquals("a\\\"b\\\\c", PrometheusText.escape("a\"b\\c"));
    }

    @Test
    void optionsParseLikeTheCommandLineAndSayWhatIsWrong() {
        AgentOptions options = AgentOptions.parse("-f", "/etc/keepalived/keepalived.conf", "--socket", "/tmp/a.sock",
                "--pid-file", "/run/a.pid", "--metrics-port", "9650", "--debug");
        assertEquals(new AgentOptions(Path.of("/etc/keepalived/keepalived.conf"), Optional.of(Path.of("/tmp/a.sock")),
                Optional.of(Path.of("/run/a.pid")), OptionalInt.of(9650), true), options);
        assertEquals(Optional.of(AgentOptions.DEFAULT_SOCKET), AgentOptions.parse("-f", "x").statusSocket());
        assertEquals(Optional.empty(), AgentOptions.parse("-f", "x", "--no-socket").statusSocket());
        assertTrue(AgentOptions.parse("-f", "x", "--dry-run").dryRun());
        assertFalse(options.dryRun());
        assertEquals("missing -f FILE (the keepalived.conf to run)",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse()).getMessage());
        assertEquals("--metrics-port: 'x' is not a port number",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("-f", "a", "--metrics-port", "x")).getMessage());
        assertEquals("unknown option '--bogus'", assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("--bogus")).getMessage());
    }

    @Test
    void realtimeIsOffUnlessAskedForWithAPriority() {
        assertEquals(0, AgentOptions.parse("-f", "x").realtimePriority());
        assertEquals(10, AgentOptions.parse("-f", "x", "--realtime", "10").realtimePriority());
        assertEquals(99, AgentOptions.parse("-f", "x", "--realtime", "99").realtimePriority());
        for (String bad : new String[] {"0", "100", "-1", "high"}) {
            assertEquals("--realtime: '" + bad + "' is not a priority 1..99", assertThrows(IllegalArgumentException.class,
                    () -> AgentOptions.parse("-f", "x", "--realtime", bad)).getMessage());
        }
        assertEquals("--realtime needs a value",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("-f", "x", "--realtime")).getMessage());
    }

    @Test
    void groupTakeoverIsPairUnlessTheOptionSaysOtherwise() {
        assertEquals(GroupTakeover.PAIR, AgentOptions.parse("-f", "x").groupTakeover());
        assertEquals(GroupTakeover.ORDERED, AgentOptions.parse("-f", "x", "--group-takeover", "ordered").groupTakeover());
        assertEquals(GroupTakeover.OFF, AgentOptions.parse("-f", "x", "--group-takeover", "off").groupTakeover());
        assertEquals("--group-takeover: 'fast' is not one of pair, ordered, off", assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("-f", "x", "--group-takeover", "fast")).getMessage());
        assertEquals("--group-takeover needs a value",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("-f", "x", "--group-takeover")).getMessage());
    }

    @Test
    void pidFileRefusesALiveAgentAndReplacesAStaleFile(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("run/agent.pid");
        try (PidFile written = PidFile.write(pid)) {
            assertEquals(Optional.of(ProcessHandle.current().pid()), PidFile.read(pid));
        }
        assertTrue(Files.notExists(pid), "removed on close");
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Files.createDirectories(pid.getParent());
            Files.writeString(pid, other.pid() + "\n");
            var e = assertThrows(PidFile.AlreadyRunning.class, () -> PidFile.write(pid));
            assertEquals(pid + ": an agent with PID " + other.pid() + " is running already", e.getMessage());
        } finally {
            other.destroy();
            other.waitFor();
        }
        try (PidFile stale = PidFile.write(pid)) {
            assertEquals(Optional.of(ProcessHandle.current().pid()), PidFile.read(pid));
        }
    }
}

package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.engine.InstanceStatus;
import org.vrrpstudio.vrrp.engine.VrrpState;
import org.vrrpstudio.vrrp.packet.RejectReason;

/** The agent's pure parts; the daemon as a whole is tested in the namespace lab (releng/lab-test). */
class AgentPartsTest {

    @Test
    void notifyCommandLinesSplitLikeKeepalivedReadsThem() {
        assertEquals(List.of("/usr/local/bin/notify", "a b", "c"), Notifier.words("  /usr/local/bin/notify \"a b\"   c "));
        assertEquals(List.of("/bin/true"), Notifier.words("/bin/true"));
    }

    @Test
    void ipv6InstancesAreLeftOutAndSaidSoWhileTheRestRuns() {
        InstanceConfig vi1 = InstanceConfig.builder("VI_1", "eth0", 51).virtualAddress(InetAddress.ofLiteral("192.168.200.10")).build();
        InstanceConfig vi6 = InstanceConfig.builder("VI_6", "eth1", 56).version(VrrpVersion.V3)
                .virtualAddress(InetAddress.ofLiteral("2001:db8::10")).build();
        var node = new NodeConfig("local", List.of(new InterfaceConfig("eth0", (Inet4Address) InetAddress.ofLiteral("192.168.200.5")),
                new InterfaceConfig("eth1", (Inet4Address) InetAddress.ofLiteral("192.168.100.5"))), List.of(vi1, vi6),
                List.of(new SyncGroupConfig("VG", List.of("VI_1", "VI_6"))));
        var director = new BoundDirector(node, Map.of("eth0", "eth0", "eth1", "eth1"), List.of());

        BoundDirector ipv4 = Agent.ipv4Only(director);
        assertEquals(List.of(vi1), ipv4.node().instances());
        assertEquals(List.of(new SyncGroupConfig("VG", List.of("VI_1"))), ipv4.node().syncGroups());
        assertEquals(List.of("eth0"), ipv4.node().interfaces().stream().map(InterfaceConfig::name).toList());
        assertEquals(List.of("vrrp_instance VI_6: IPv6 instances are not run by the agent yet"), ipv4.notRun());
        assertEquals(java.util.Set.of("VI_1"), ipv4.placements().keySet());

        var ipv4Alone = new BoundDirector(new NodeConfig("local", node.interfaces(), List.of(vi1), List.of()), Map.of("eth0", "eth0"), List.of());
        assertTrue(Agent.ipv4Only(ipv4Alone) == ipv4Alone, "nothing to leave out: the same binding");
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\u000a\"", StatusJson.string("a\"b\\c\n"));
    }

    @Test
    void statusDocumentListsInstancesVipsHeldAndCounters() {
        InstanceConfig vi1 = InstanceConfig.builder("VI_1", "eth0", 51).priority(150)
                .virtualAddress(InetAddress.ofLiteral("192.168.200.10")).build();
        InstanceConfig vi3 = InstanceConfig.builder("VI_3", "eth0", 53).virtualAddress(InetAddress.ofLiteral("192.168.200.12")).build();
        List<InstanceStatus> status = List.of(
                new InstanceStatus("VI_1", "eth0", 51, VrrpState.MASTER, 150, Optional.empty(), Optional.empty()),
                new InstanceStatus("VI_3", "eth0", 53, VrrpState.BACKUP, 100, Optional.of(InetAddress.ofLiteral("192.168.200.6")),
                        Optional.empty()));
        String json = StatusJson.of(Instant.EPOCH.plus(Duration.ofSeconds(1)), status, List.of(vi1, vi3), 7, 5,
                Map.of(RejectReason.values()[0], 2L), List.of());
        assertTrue(json.contains("{\"name\":\"VI_1\",\"interface\":\"eth0\",\"vrid\":51,\"state\":\"MASTER\",\"priority\":150,"
                + "\"master\":null,\"fault\":null,\"vips\":[\"192.168.200.10\"]}"), json);
        assertTrue(json.contains("\"state\":\"BACKUP\",\"priority\":100,\"master\":\"192.168.200.6\",\"fault\":null,\"vips\":[]"), json);
        assertTrue(json.contains("\"counters\":{\"advertsSent\":7,\"advertsReceived\":5,\"rejected\":{\"" + RejectReason.values()[0].name() + "\":2}}"), json);
        String text = StatusJson.text(status, List.of(vi1, vi3), 7, 5, 2);
        assertTrue(text.lines().anyMatch(l -> l.matches("VI_1 +eth0 +51  MASTER +150  192\\.168\\.200\\.10")), text);
        assertTrue(text.endsWith("adverts sent 7, received 5, rejected 2\n"), text);
    }
}

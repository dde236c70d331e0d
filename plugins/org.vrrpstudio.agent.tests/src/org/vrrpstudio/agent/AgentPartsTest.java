package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.config.InstanceConfig;
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
                + "\"configuredPriority\":" + vi1.priority() + ",\"master\":null,\"fault\":null,\"vips\":[\"192.168.200.10\"]}"), json);
        assertTrue(json.contains("\"state\":\"BACKUP\",\"priority\":100,\"configuredPriority\":" + vi3.priority()
                + ",\"master\":\"192.168.200.6\",\"fault\":null,\"vips\":[]"), json);
        assertTrue(json.contains("\"counters\":{\"advertsSent\":7,\"advertsReceived\":5,\"rejected\":{\"" + RejectReason.values()[0].name() + "\":2}}"), json);
        String text = StatusJson.text(status, List.of(vi1, vi3), 7, 5, 2);
        assertTrue(text.lines().anyMatch(l -> l.matches("VI_1 +eth0 +51  MASTER +150  192\\.168\\.200\\.10")), text);
        assertTrue(text.endsWith("adverts sent 7, received 5, rejected 2\n"), text);
    }

    @Test
    void everyTransitionIsOneJsonLineForFollowers() {
        var t = new org.vrrpstudio.vrrp.engine.StateTransition(Instant.parse("2026-12-04T19:10:01.250Z"), "d1", "VI_1",
                VrrpState.MASTER, VrrpState.FAULT, org.vrrpstudio.vrrp.engine.TransitionReason.INTERFACE_DOWN, "eth0", 150);
        assertEquals("{\"time\":\"2026-12-04T19:10:01.250Z\",\"instance\":\"VI_1\",\"from\":\"MASTER\",\"to\":\"FAULT\","
                + "\"reason\":\"INTERFACE_DOWN\",\"detail\":\"eth0\",\"priority\":150}\n", StatusJson.event(t));
    }
}

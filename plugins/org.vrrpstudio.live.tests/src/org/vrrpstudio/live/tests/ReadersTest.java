package org.vrrpstudio.live.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.live.tests.Recorded.text;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.live.AgentStatusReader;
import org.vrrpstudio.live.InstanceLive;
import org.vrrpstudio.live.IpAddrReader;
import org.vrrpstudio.live.JournalReader;
import org.vrrpstudio.live.KeepalivedJsonReader;
import org.vrrpstudio.live.Transition;

class ReadersTest {

    @Test
    void keepalivedDumpRecordedFromDebians227() {
        KeepalivedJsonReader.Dump dump = KeepalivedJsonReader.read(text("dump-eth1down.json"));
        InstanceLive vi1 = dump.instances().get(0);
        assertEquals("VI_1", vi1.instance());
        assertEquals(51, vi1.vrid());
        assertEquals("MASTER", vi1.state());
        assertEquals(130, vi1.priority());
        assertEquals(150, vi1.configuredPriority());
        assertEquals(Instant.parse("2026-12-04T19:02:08.951427Z"), vi1.lastTransition());
        assertEquals(List.of(List.of("192.168.200.10"), List.of("192.168.200.11")), dump.configuredVips());
        assertEquals(0, dump.authErrors());
        assertEquals(List.of("FAULT", "FAULT"),
                KeepalivedJsonReader.read(text("dump-fault.json")).instances().stream().map(InstanceLive::state).toList());
    }

    @Test
    void keepalivedsAuthPassNeverLeavesTheReader() {
        assertTrue(text("dump-steady.json").contains("\"auth_data\":\"secret1\""), "the recording holds a (test) auth_pass");
        KeepalivedJsonReader.Dump dump = KeepalivedJsonReader.read(text("dump-steady.json"));
        assertFalse(dump.toString().contains("secret1"));
    }

    @Test
    void halfWrittenDumpIsIncompleteNotBroken() {
        var e = assertThrows(KeepalivedJsonReader.IncompleteDump.class, () -> KeepalivedJsonReader.read(text("dump-half-written.json")));
        assertTrue(e.getMessage().startsWith("keepalived's JSON dump is incomplete (700 bytes so far"), e.getMessage());
        assertFalse(e.getMessage().contains("secret1"));
        assertThrows(KeepalivedJsonReader.IncompleteDump.class, () -> KeepalivedJsonReader.read(""));
        var broken = assertThrows(IllegalArgumentException.class, () -> KeepalivedJsonReader.read("[{\"data\":{]"));
        assertFalse(broken instanceof KeepalivedJsonReader.IncompleteDump, "a complete but malformed dump is not retried");
    }

    @Test
    void addressesReallyPresent() {
        assertEquals(Set.of("10.9.0.1", "192.168.200.10", "192.168.200.11"),
                IpAddrReader.addresses(text("ip-steady.json")).stream().filter(a -> !a.startsWith("fe80")).collect(java.util.stream.Collectors.toSet()));
        assertFalse(IpAddrReader.addresses(text("ip-fault.json")).contains("192.168.200.10"));
        assertThrows(IllegalArgumentException.class, () -> IpAddrReader.addresses("Object \"addr\" is unknown"));
    }

    @Test
    void journalTransitionsWithPreviousStateAndReason() {
        List<Transition> transitions = JournalReader.transitions("d1", text("journal-d1.txt"));
        assertEquals(List.of("VI_1 -> BACKUP (init)", "VI_2 -> BACKUP (init)", "VI_1 BACKUP -> MASTER", "VI_2 BACKUP -> MASTER",
                "VI_1 MASTER -> FAULT (link eth0 down)", "VI_2 MASTER -> FAULT (link eth0 down)"),
                transitions.stream().map(t -> t.toString().substring(t.toString().indexOf(" d1 ") + 4).replace("? ", "")).toList());
        assertEquals(Instant.parse("2026-12-04T19:02:19.301002Z"), transitions.get(4).time());
        assertEquals(130, transitions.get(4).priority());
    }

    @Test
    void agentStatusAndEvents() {
        AgentStatusReader.AgentStatus status = AgentStatusReader.read(text("agent-d1-steady.json"));
        assertEquals(List.of("VI_1 MASTER 150/150", "VI_2 BACKUP 100/100"), status.instances().stream()
                .map(i -> i.instance() + " " + i.state() + " " + i.priority() + "/" + i.configuredPriority()).toList());
        assertEquals(Instant.parse("2026-12-04T19:02:08.700Z"), status.instances().get(0).lastTransition());
        assertEquals(3, AgentStatusReader.read(text("agent-d2-auth3.json")).authErrors(), "WRONG_TTL is not an auth error");
        List<Transition> events = text("agent-events.jsonl").lines().map(AgentStatusReader::event).toList();
        assertEquals("VI_1", events.get(0).instance());
        assertEquals("MASTER", events.get(0).from());
        assertEquals("FAULT", events.get(0).to());
        assertEquals("INTERFACE_DOWN: eth0", events.get(0).reason());
        assertEquals(150, events.get(0).priority());
        var e = assertThrows(IllegalArgumentException.class, () -> AgentStatusReader.read("{\"error\":\"status unavailable: stopping\"}"));
        assertEquals("status unavailable: stopping", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentStatusReader.event("{\"instance\":\"VI_1\"}"));
    }
}

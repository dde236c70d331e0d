package org.vrrpstudio.live.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.live.AgentStatusReader;
import org.vrrpstudio.live.TimelineCsv;
import org.vrrpstudio.live.Transition;

class TimelineCsvTest {

    @Test
    void recordedAgentEventsAsCsv() {
        List<Transition> events = Recorded.text("agent-events.jsonl").lines().map(AgentStatusReader::event)
                .map(t -> t.withDirector("d1")).toList();
        assertEquals("time,director,instance,from,to,reason,priority\r\n"
                + "2026-12-04T19:10:01.250Z,d1,VI_1,MASTER,FAULT,INTERFACE_DOWN: eth0,150\r\n"
                + "2026-12-04T19:10:01.252Z,d1,VI_2,BACKUP,FAULT,INTERFACE_DOWN: eth0,100\r\n"
                + "2026-12-04T19:10:11.004Z,d1,VI_1,FAULT,BACKUP,INTERFACE_UP: eth0,150\r\n", TimelineCsv.of(events));
    }

    @Test
    void fieldsWithCommasAndQuotesAreQuoted() {
        Transition t = new Transition(Instant.parse("2026-12-04T19:00:00Z"), "lvs \"a\"", "VI,1", "", "MASTER", "", -1);
        assertEquals(TimelineCsv.HEADER + "\r\n2026-12-04T19:00:00Z,\"lvs \"\"a\"\"\",\"VI,1\",,MASTER,,\r\n", TimelineCsv.of(List.of(t)));
    }
}

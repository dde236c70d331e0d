package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.deploy.internal.InstanceNames;
import org.vrrpstudio.deploy.internal.LiveStates;
import org.vrrpstudio.deploy.internal.RemoteNames;

/** What {@code {instances}} becomes, and how live status output is read. */
class InstanceNamesTest {

    @Test
    void topLevelInstancesOfTheFileInOrder() throws Exception {
        assertEquals(List.of("VI_1", "VI_3"), InstanceNames.declaredIn(Files.readString(Path.of("data", "lvs1-keepalived.conf"))),
                "the sync group's member list is not a declaration");
    }

    @Test
    void commentsQuotesAndBracesAreReadAsKeepalivedDoes() {
        String config = """
                # vrrp_instance COMMENTED {
                ! vrrp_instance ALSO_COMMENTED
                vrrp_instance VI_1{ # brace glued to the name
                    virtual_ipaddress {
                        192.0.2.1
                    }
                }
                vrrp_instance "VI 2"
                {
                }
                vrrp_instance VI_1 {
                }
                """;
        assertEquals(List.of("VI_1", "VI 2"), InstanceNames.declaredIn(config));
    }

    @Test
    void instancesThatMayNotRunHereAreNotDemanded() {
        String config = """
                @lvs2 vrrp_instance ONLY_ON_LVS2 {
                }
                vrrp_instance $NAME {
                }
                include /etc/keepalived/more.conf
                vrrp_instance VI_1 {
                }
                """;
        assertEquals(List.of("VI_1"), InstanceNames.declaredIn(config));
        assertEquals(List.of(), InstanceNames.declaredIn(""));
    }

    @Test
    void placeholdersBecomeOneQuotedWordEach() {
        assertEquals("check '/etc/k.conf' 'VI_1' 'it'\\''s'", RemoteNames.command("check {file} {instances}", "/etc/k.conf",
                List.of("VI_1", "it's")));
        assertEquals("check '/etc/k.conf' ", RemoteNames.command("check {file} {instances}", "/etc/k.conf", List.of()));
        assertEquals("v '/tmp/{instances}'", RemoteNames.command("v {file}", "/tmp/{instances}", List.of("VI_1")),
                "a substituted path is not substituted again");
    }

    @Test
    void liveStatesFromTheAgentsJsonOrFromLines() {
        LiveStates agent = LiveStates.parse("""
                {"time":"2026-12-04T10:00:00Z","instances":[{"name":"VI_1","interface":"eth0","vrid":51,"state":"MASTER",\
                "priority":150,"master":"10.0.0.1","fault":null,"vips":["192.0.2.10"]},{"name":"V\\"2","interface":"eth0",\
                "vrid":52,"state":"FAULT","priority":0,"master":null,"fault":"eth0 down","vips":[]}],"counters":\
                {"advertsSent":1,"advertsReceived":2,"rejected":{"BAD_TTL":3}},"transitions":[]}
                """);
        assertEquals(List.of("VI_1"), agent.masters());
        assertEquals("FAULT", agent.stateByInstance().get("V\"2"));
        LiveStates keepalived = LiveStates.parse("VI_1 BACKUP\nVI 2 MASTER\n");
        assertEquals(List.of("VI 2"), keepalived.masters());
        assertEquals(List.of(), LiveStates.parse("").masters(), "a daemon without instances is MASTER of none");
    }

    @Test
    void unreadableStatusSaysWhy() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> LiveStates.parse("{\"error\":\"status unavailable: engine stopped\"}\n"));
        assertEquals("status unavailable: engine stopped", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> LiveStates.parse("{\"instances\":[{\"name\":\"VI_1\"}]}"));
        assertTrue(error.getMessage().contains("lacks a name or a state"), error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> LiveStates.parse("{\"instances\":[1,]}"));
        assertTrue(error.getMessage().startsWith("not JSON: "), error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> LiveStates.parse("MASTER\n"));
        assertEquals("expected 'NAME STATE' lines, got 'MASTER'", error.getMessage());
    }
}

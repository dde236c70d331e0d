package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.internal.SshConnection;
import org.vrrpstudio.deploy.live.SshDirectorProbe;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.live.Transition;

/** The live view's SSH probe against a real sshd: one connection kept, drift by checksum, unreachable with back-off. */
class LiveProbeTest extends AgainstOneSshd {

    private static final String STATUS = """
            {"time":"2026-12-04T19:02:20.000Z","instances":[{"name":"VI_1","interface":"eth0","vrid":51,"state":"MASTER",\
            "priority":150,"configuredPriority":150,"master":null,"fault":null,"vips":["192.0.2.10"]}],\
            "counters":{"advertsSent":1,"advertsReceived":0,"rejected":{}},"transitions":[{"time":"2026-12-04T19:02:08.700Z",\
            "instance":"VI_1","from":"BACKUP","to":"MASTER","reason":"MASTER_DOWN_TIMER","priority":150}]}
            """;
    private static final Intended INTENDED = new Intended(List.of("d1"),
            List.of(new Intended.Instance("VI_1", 51, "d1", Map.of("d1", 150), List.of("192.0.2.10"))));

    private DeployTarget target(Path config, Path status, int port) throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
        return new DeployTarget("d1", "127.0.0.1", port, sshd.user(), sshd.clientKey(), knownHosts, config.toString(),
                DaemonKind.AGENT, null, null, null, "cat " + status, false);
    }

    @Test
    void agentDirectorOverOneKeptConnectionWithDriftByChecksum() throws Exception {
        Path status = tmp.resolve("status.json");
        Files.writeString(status, STATUS);
        Path config = tmp.resolve("keepalived.conf");
        String exported = "vrrp_instance VI_1 {\n    virtual_router_id 51\n}\n";
        Files.writeString(config, exported);
        try (SshDirectorProbe probe = new SshDirectorProbe(target(config, status, sshd.port()), DeployOptions.DEFAULTS,
                PassphraseProvider.NONE, Clock.systemUTC(), exported)) {
            DirectorSnapshot first = probe.refresh(INTENDED);
            assertTrue(first.reachable(), first.error());
            assertEquals("MASTER", first.instances().get("VI_1").state());
            assertEquals(150, first.instances().get("VI_1").priority());
            assertEquals(List.of(), first.instances().get("VI_1").vips(), "192.0.2.10 is not on this host, whatever the agent says");
            assertNull(first.drift());
            List<Transition> seen = probe.drainTransitions();
            assertEquals(1, seen.size());
            assertEquals("d1", seen.get(0).director());
            int connections = sshd.connectionProcesses().size();
            Files.writeString(config, exported + "# edited by hand\n");
            DirectorSnapshot second = probe.refresh(INTENDED);
            DirectorSnapshot third = probe.refresh(INTENDED);
            assertTrue(third.reachable(), third.error());
            assertTrue(second.drift() != null && second.drift().startsWith("sha256 of " + config + " is "), String.valueOf(second.drift()));
            assertEquals(connections, sshd.connectionProcesses().size(), "the connection is kept between refreshes");
            assertEquals(List.of(), probe.drainTransitions(), "a transition is reported once");
        }
    }

    @Test
    void unreachableDirectorSaysWhyAndBacksOff() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path status = tmp.resolve("status.json");
        Files.writeString(status, STATUS);
        try (SshDirectorProbe probe = new SshDirectorProbe(target(tmp.resolve("none.conf"), status, closedPort),
                DeployOptions.DEFAULTS, PassphraseProvider.NONE, Clock.systemUTC(), null)) {
            DirectorSnapshot first = probe.refresh(INTENDED);
            assertFalse(first.reachable());
            assertTrue(first.error().contains("127.0.0.1"), first.error());
            DirectorSnapshot second = probe.refresh(INTENDED);
            assertTrue(second.error().endsWith("; retrying in 1 s"), second.error());
        }
    }

    @Test
    void daemonNotAnsweringIsUnreachableWithItsWords() throws Exception {
        Path config = tmp.resolve("k.conf");
        Files.writeString(config, "x\n");
        try (SshDirectorProbe probe = new SshDirectorProbe(target(config, tmp.resolve("missing-status.json"), sshd.port()),
                DeployOptions.DEFAULTS, PassphraseProvider.NONE, Clock.systemUTC(), null)) {
            DirectorSnapshot snapshot = probe.refresh(INTENDED);
            assertFalse(snapshot.reachable());
            assertTrue(snapshot.error().contains("missing-status.json"), snapshot.error());
        }
    }

    @Test
    void sudoAskingForAPasswordIsRecognised() {
        assertTrue(SshConnection.sudoWantsPassword("sudo: a password is required\n"));
        assertFalse(SshConnection.sudoWantsPassword("keepalived is not running\n"));
        DeployTarget plain = DeployTarget.keepalived("d1", "h", "ops", null, Path.of("kh"), "/etc/keepalived/keepalived.conf");
        assertEquals("systemctl reload keepalived", plain.privileged("systemctl reload keepalived"));
        assertEquals("sudo -n sh -c 'systemctl reload keepalived'", plain.withSudo(true).privileged("systemctl reload keepalived"));
    }
}

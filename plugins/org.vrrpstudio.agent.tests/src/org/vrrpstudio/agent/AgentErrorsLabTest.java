package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.agent.linux.NetworkNamespace;
import org.vrrpstudio.agent.linux.RawIpSocket;

/**
 * What the operator sees when the agent cannot run as asked (one line, a documented exit code), and the optional
 * host integrations (PID file, metrics, a VIP already on the host), in the namespace lab.
 */
class AgentErrorsLabTest {

    @Test
    void clearErrorsWithDocumentedExitCodes() throws Exception {
        try (SeedLab lab = SeedLab.create("e")) {
            String seed = SeedLab.seedConfig("AH");
            Path conf = lab.write("d1.conf", seed);

            // x has eth0 only: the seed's eth1 is missing
            Process noEth1 = lab.startAgent(lab.x, "x", conf);
            assertExit(Agent.EXIT_NETWORK, noEth1, lab, "x");
            assertTrue(errorLines(lab, "x").contains("<3>error: interface eth1 is missing or has no IPv4 address of its own"),
                    lab.logText("x"));

            // an invalid file: located errors, nothing started
            Path bad = lab.write("bad.conf", seed.replaceFirst("priority 150", "priority 300"));
            Process invalid = lab.startAgent(lab.d1, "bad", bad);
            assertExit(Agent.EXIT_CONFIG, invalid, lab, "bad");
            assertTrue(errorLines(lab, "bad").stream().anyMatch(l -> l.startsWith("<3>error: " + bad + ":17")), lab.logText("bad"));
            assertEquals(Set.of(), SeedLab.vips(lab.d1));

            // without CAP_NET_RAW/CAP_NET_ADMIN (dropped with setpriv, inside the namespace)
            if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
                Process unprivileged = lab.startAgent(lab.d1, "nocap", conf,
                        List.of("setpriv", "--inh-caps=-net_raw,-net_admin", "--bounding-set=-net_raw,-net_admin"));
                assertExit(Agent.EXIT_PRIVILEGES, unprivileged, lab, "nocap");
                assertEquals(List.of("<3>error: needs root or CAP_NET_RAW+CAP_NET_ADMIN (CAP_NET_RAW and CAP_NET_ADMIN are missing)"),
                        errorLines(lab, "nocap"));
            }

            // a second agent on the same PID file is refused while the first runs
            Path pid = lab.work.resolve("run/agent.pid");
            Process first = lab.startAgent(lab.d1, "d1", conf, "--pid-file", pid.toString());
            AgentLabTest.await(Duration.ofSeconds(15), () -> lab.logText("d1").contains("running 4 VRRP instance(s)"), lab, "d1");
            assertEquals(String.valueOf(first.pid()), Files.readString(pid).strip());
            Process second = lab.startAgent(lab.d1, "d1b", conf, "--pid-file", pid.toString(), "--no-socket");
            assertExit(Agent.EXIT_ALREADY_RUNNING, second, lab, "d1b");
            assertEquals(List.of("<3>error: " + pid + ": an agent with PID " + first.pid() + " is running already"),
                    errorLines(lab, "d1b"));
            SeedLab.terminate(first);
            assertExit(Agent.EXIT_OK, first, lab, "d1");
            assertFalse(Files.exists(pid), "the PID file goes with the agent");
        }
    }

    @Test
    void metricsOnLoopbackAndAVipAlreadyOnTheHost() throws Exception {
        try (SeedLab lab = SeedLab.create("m")) {
            String seed = SeedLab.seedConfig("AH");
            SeedLab.run("ip", "-n", lab.d1, "addr", "add", "192.168.200.10/32", "dev", "eth0");
            Process agent = lab.startAgent(lab.d1, "d1", lab.write("d1.conf", seed), "--metrics-port", "0");
            lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(seed)));
            lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
            assertTrue(lab.logText("d1").contains("<4>warning: eth0: adding 192.168.200.10/32: already present on the host (kept)"),
                    lab.logText("d1"));

            Matcher port = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(lab.logText("d1"));
            assertTrue(port.find(), lab.logText("d1"));
            String metrics = NetworkNamespace.named(lab.d1).call(() -> httpGet(Integer.parseInt(port.group(1))));
            assertTrue(metrics.startsWith("HTTP/1.1 200"), metrics);
            assertTrue(metrics.contains("vrrpstudio_instance_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",state=\"MASTER\"} 1"), metrics);
            assertTrue(metrics.contains("vrrpstudio_instance_priority{instance=\"VI_3\",interface=\"eth0\",vrid=\"53\"} 100"), metrics);
            assertTrue(Pattern.compile("vrrpstudio_adverts_sent_total [1-9]").matcher(metrics).find(), metrics);
            String listening = SeedLab.run("ip", "netns", "exec", lab.d1, "ss", "-Htln");
            // the local address of the socket on that port: 127.0.0.1, written [::ffff:127.0.0.1] on a dual-stack socket
            List<String> locals = listening.lines().map(l -> l.trim().split("\\s+")).filter(f -> f.length >= 4)
                    .map(f -> f[3]).filter(a -> a.endsWith(":" + port.group(1))).toList();
            assertTrue(!locals.isEmpty() && locals.stream().allMatch(a -> a.equals("127.0.0.1:" + port.group(1))
                    || a.equals("[::ffff:127.0.0.1]:" + port.group(1))), listening);
            SeedLab.terminate(agent);
            assertExit(Agent.EXIT_OK, agent, lab, "d1");
        }
    }

    /** One HTTP/1.0 request on a socket made in the calling thread's namespace (an HttpClient would use its own threads). */
    private static String httpGet(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code --dry-run} binds the file to the host and runs the engine on a virtual clock (the launcher trains its
     * AOT cache with it): an address owner goes MASTER there, yet not one advert reaches the LAN and no address changes.
     */
    /**
     * Started under {@code nohup} (SIGHUP ignored, which the JVM would silently keep), the agent still reloads on
     * SIGHUP, and says that it found the signal ignored.
     */
    @Test
    void anAgentStartedUnderNohupStillReloadsOnSighup() throws Exception {
        try (SeedLab lab = SeedLab.create("h")) {
            Process agent = lab.startAgent(lab.d1, "d1", lab.write("d1.conf", SeedLab.seedConfig("AH")), List.of("nohup"));
            // said once the signals are set up, which is after the instances run
            AgentLabTest.await(Duration.ofSeconds(25), () -> lab.logText("d1")
                    .contains("SIGHUP was ignored by whoever started the agent (nohup?); it is handled anyway"), lab, "d1");
            SeedLab.hangUp(agent);
            AgentLabTest.await(Duration.ofSeconds(15), () -> lab.logText("d1").contains("reload: configuration unchanged"), lab, "d1");
            assertTrue(agent.isAlive(), "a reload, not a hang-up");
        }
    }

    /**
     * SIGHUP with hostile files (issue 20), the agent on its shipped JVM options: each file refused with its located
     * error, the running configuration kept, no VIP moved, the agent alive (with the old 24 MiB heap the expansion
     * was an OutOfMemoryError).
     */
    @Test
    void aReloadWithAHostileFileKeepsTheRunningConfiguration() throws Exception {
        try (SeedLab lab = SeedLab.create("o")) {
            String d1Config = SeedLab.seedConfig("AH");
            Path d1File = lab.write("d1.conf", d1Config);
            Process agent1 = lab.startAgent(lab.d1, "d1", d1File);
            Process agent2 = lab.startAgent(lab.d2, "d2", lab.write("d2.conf", SeedLab.mirror(d1Config)));
            lab.awaitVips(Duration.ofSeconds(20), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
            List<List<String>> hostile = List.of(
                    List.of("a 1\n".repeat(1_000_000), "d1.conf:200001:1: error: more than 200000 lines read"),
                    List.of("$X=" + "a ".repeat(100_000) + "\n~SEQ(i, 1, 70) y $X\n",
                            "d1.conf:2:16: error: expansion produces more than 500000 words"));
            int rejected = 0;
            for (List<String> file : hostile) {
                Files.writeString(d1File, file.get(0));
                SeedLab.hangUp(agent1);
                int before = rejected++;
                AgentLabTest.await(Duration.ofSeconds(20), () -> count(lab.logText("d1"),
                        "reload rejected, still running the previous configuration") > before, lab, "d1");
                assertTrue(lab.logText("d1").contains(file.get(1)), lab.logText("d1"));
                AgentLabTest.assertStable(lab, Duration.ofSeconds(2));
                assertTrue(agent1.isAlive() && agent2.isAlive(), lab.logText("d1"));
            }
            assertFalse(lab.logText("d1").contains("OutOfMemoryError"), lab.logText("d1"));
        }
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }

    @Test
    void dryRunSendsNothingAndAddsNoAddress() throws Exception {
        try (SeedLab lab = SeedLab.create("y")) {
            String owner = SeedLab.seedConfig("AH").replace("priority 150", "priority 255");
            Path conf = lab.write("owner.conf", owner);
            NetworkNamespace x = NetworkNamespace.named(lab.x);
            try (RawIpSocket capture = x.call(() -> {
                RawIpSocket socket = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP);
                return socket.bindToDevice("eth0").joinGroup((Inet4Address) InetAddress.ofLiteral("224.0.0.18"),
                        socket.interfaceIndex("eth0"));
            })) {
                Process dry = lab.startAgent(lab.d1, "dry", conf, "--dry-run");
                assertExit(Agent.EXIT_OK, dry, lab, "dry");
                assertTrue(lab.logText("dry").contains("dry run: 4 VRRP instance(s) would run on eth0, eth1"), lab.logText("dry"));
                assertEquals(List.of(), errorLines(lab, "dry"));
                assertTrue(capture.receive(ByteBuffer.allocateDirect(2048), 1_000).isEmpty(), "a dry run sent an advert");
                assertEquals(Set.of(), SeedLab.vips(lab.d1));
            }
        }
    }

    private static void assertExit(int expected, Process process, SeedLab lab, String name) throws InterruptedException {
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), name + " did not end: " + lab.logText(name));
        assertEquals(expected, process.exitValue(), lab.logText(name));
    }

    /** The error lines of a log; no stack trace may be among the lines at all. */
    private static List<String> errorLines(SeedLab lab, String name) {
        String log = lab.logText(name);
        assertFalse(log.contains("\tat ") || log.contains("Exception"), "no stack trace for the user:\n" + log);
        return log.lines().filter(l -> l.startsWith("<3>")).toList();
    }
}

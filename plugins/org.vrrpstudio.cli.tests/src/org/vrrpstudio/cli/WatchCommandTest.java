package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.cluster.ClusterExporter;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DaemonKind;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.testing.TestSshd;

/**
 * {@code director} and {@code watch} as a user runs them: lvs1 is an agent director behind a real sshd on loopback
 * (a fake vrrpstudio-agent on its PATH prints a status document), lvs2 has no sshd at all.
 */
class WatchCommandTest {

    private static final String LVS1_CONF = """
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 150
                advert_int 1
                virtual_ipaddress {
                    192.0.2.10
                }
            }
            """;
    private static final String STATUS = "{\"time\":\"2026-12-04T19:02:20Z\",\"instances\":[{\"name\":\"VI_1\",\"vrid\":51,"
            + "\"state\":\"MASTER\",\"priority\":150,\"configuredPriority\":150,\"vips\":[]}],\"counters\":{\"rejected\":{}},"
            + "\"transitions\":[]}";

    @TempDir
    static Path tmp;
    static TestSshd sshd;
    static Path knownHosts;
    static int closedPort;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startSshd() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        if (!TestSshd.available()) {
            return;
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path agent = bin.resolve("vrrpstudio-agent");
        Files.writeString(agent, "#!/bin/sh\ncase \"$*\" in\n  'status --json') echo '" + STATUS + "' ;;\n"
                + "  'status --follow --json') sleep 30 ;;\n  *) exit 2 ;;\nesac\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
        sshd = TestSshd.start(tmp.resolve("sshd"), bin);
        knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine());
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private int run(String... args) {
        return VrrpStudioCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Path clusterFile(String name) throws Exception {
        Path conf = tmp.resolve(name + "-lvs1.conf");
        Files.writeString(conf, LVS1_CONF);
        ImportResult imported = new ClusterImporter().importWithMirror(new ConfigParser().parse(conf), "lvs1", "lvs2");
        assertTrue(imported.succeeded(), imported.errors()::toString);
        Cluster cluster = imported.cluster().orElseThrow();
        Path file = tmp.resolve(name + ".vrrpcluster");
        ClusterStore.save(cluster, file, FileSecretStore.forClusterFile(file));
        return file;
    }

    @Test
    void directorSetsTheConnectionSettingsAndPrintsThem() throws Exception {
        Path file = clusterFile("set");
        assertEquals(0, run("director", file.toString(), "lvs2", "--host", "10.0.0.2", "--port", "2222", "--user", "ops",
                "--key", "~/.ssh/lvs", "--config-path", "/etc/keepalived/keepalived.conf", "--daemon", "agent", "--sudo"), err::toString);
        assertTrue(stdout().startsWith("director lvs2 of " + file + " (saved)\n"), stdout());
        assertTrue(stdout().contains("  host         10.0.0.2\n  port         2222\n  user         ops\n"), stdout());
        assertTrue(stdout().contains("  daemon       agent\n  sudo         yes (sudo -n)\n"), stdout());
        Director saved = ClusterStore.load(file, FileSecretStore.forClusterFile(file)).getDirectors().stream()
                .filter(d -> d.getName().equals("lvs2")).findFirst().orElseThrow();
        assertEquals("10.0.0.2", saved.getHost());
        assertEquals(2222, saved.getSshPort());
        assertEquals(DaemonKind.AGENT, saved.getDaemonKind());
        assertTrue(saved.isSudo());
        out.reset();
        assertEquals(0, run("director", file.toString(), "lvs2", "--no-sudo"));
        assertTrue(stdout().contains("  sudo         no\n"), stdout());
    }

    @Test
    void directorRefusesWrongUsageInOneLine() throws Exception {
        Path file = clusterFile("bad");
        assertEquals(2, run("director", file.toString(), "lvs9"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no director 'lvs9' (directors: lvs1, lvs2)"), err::toString);
        assertEquals(2, run("director", file.toString(), "lvs1", "--port", "70000"));
        assertEquals(2, run("director", file.toString(), "lvs1", "--daemon", "bird"));
        assertEquals(2, run("director", file.toString(), "lvs1", "--config-path", "etc/keepalived.conf"));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("Exception"), err::toString);
    }

    @Test
    void watchOnceJsonWithOneDirectorLiveAndOneUnreachable() throws Exception {
        assumeTrue(sshd != null, TestSshd.unavailableReason());
        Path file = clusterFile("live");
        Path remote = Files.createDirectories(tmp.resolve("remote")).resolve("lvs1.conf");
        Files.writeString(remote, new ClusterExporter().exportText(ClusterStore.load(file, FileSecretStore.forClusterFile(file)), "lvs1"));
        assertEquals(0, run("director", file.toString(), "lvs1", "--host", "127.0.0.1", "--port", String.valueOf(sshd.port()),
                "--user", sshd.user(), "--key", sshd.clientKey().toString(), "--config-path", remote.toString(), "--daemon", "agent"));
        assertEquals(0, run("director", file.toString(), "lvs2", "--host", "127.0.0.1", "--port", String.valueOf(closedPort),
                "--user", sshd.user(), "--daemon", "agent"));
        out.reset();
        int exit = run("watch", file.toString(), "--once", "--json", "--known-hosts", knownHosts.toString());
        assertEquals(1, exit, stdout() + err);
        JsonObject doc = JsonParser.parseString(stdout()).getAsJsonObject();
        JsonObject lvs1 = doc.getAsJsonArray("directors").get(0).getAsJsonObject();
        assertTrue(lvs1.get("reachable").getAsBoolean(), lvs1::toString);
        JsonObject lvs2 = doc.getAsJsonArray("directors").get(1).getAsJsonObject();
        assertFalse(lvs2.get("reachable").getAsBoolean());
        JsonObject vi1 = doc.getAsJsonArray("instances").get(0).getAsJsonObject();
        assertEquals("MASTER", vi1.getAsJsonObject("states").getAsJsonObject("lvs1").get("state").getAsString());
        assertEquals("lvs1", vi1.get("intended_master").getAsString());
        List<String> kinds = doc.getAsJsonArray("findings").asList().stream().map(f -> f.getAsJsonObject().get("kind").getAsString()).toList();
        // 192.0.2.10 is not on this host: the MASTER lacks its VIP; lvs2 cannot be read; no drift (same file)
        assertEquals(List.of("unreachable", "vip_misplaced"), kinds, stdout());

        Files.writeString(remote, "# edited by hand\n", java.nio.file.StandardOpenOption.APPEND);
        out.reset();
        assertEquals(1, run("watch", file.toString(), "--once", "--known-hosts", knownHosts.toString()));
        assertTrue(stdout().contains("warning drift: the file on lvs1 differs from the model's export"), stdout());
        assertTrue(stdout().contains("lvs2: unreachable: "), stdout());
    }

    @Test
    void watchRefusesABadInterval() throws Exception {
        assertEquals(2, run("watch", clusterFile("interval").toString(), "--once", "--interval", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--interval must be between 0.1 and 3600 seconds"), err::toString);
    }
}

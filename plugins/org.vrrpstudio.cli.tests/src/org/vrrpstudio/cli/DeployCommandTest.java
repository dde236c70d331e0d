package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Consumer;

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
 * {@code deploy} as a user runs it, against a real sshd on loopback whose sessions find a fake systemctl and
 * vrrpstudio-agent first on PATH (the agent kind's default commands then succeed).
 */
class DeployCommandTest {

    private static final String SECRET = "s3cretPw";
    private static final String LVS1_CONF = """
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 150
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass %s
                }
                virtual_ipaddress {
                    192.168.200.10
                }
            }
            """.formatted(SECRET);

    @TempDir
    static Path tmp;
    static TestSshd sshd;
    static Path knownHosts;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startSshd() throws Exception {
        if (!TestSshd.available()) {
            return;
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("systemctl", "vrrpstudio-agent")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + tmp.resolve("calls.log") + "'\nexit 0\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
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

    private static void needSshd() {
        assumeTrue(sshd != null, TestSshd.unavailableReason());
    }

    private int run(String... args) {
        return VrrpStudioCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A pair (lvs1 MASTER of VI_1, lvs2 its mirror) saved as NAME.vrrpcluster, deploying to remote/NAME/DIRECTOR/. */
    private static Path clusterFile(String name) throws Exception {
        return clusterFile(name, cluster -> { });
    }

    private static Path clusterFile(String name, Consumer<Cluster> change) throws Exception {
        Path conf = tmp.resolve(name + "-lvs1.conf");
        Files.writeString(conf, LVS1_CONF);
        ImportResult imported = new ClusterImporter().importWithMirror(new ConfigParser().parse(conf), "lvs1", "lvs2");
        assertTrue(imported.succeeded(), imported.errors()::toString);
        Cluster cluster = imported.cluster().orElseThrow();
        for (Director d : cluster.getDirectors()) {
            d.setHost("127.0.0.1");
            d.setSshPort(sshd.port());
            d.setSshUser(sshd.user());
            d.setIdentityFile(sshd.clientKey().toString());
            d.setRemoteConfigPath(liveFile(name, d.getName()).toString());
            d.setDaemonKind(DaemonKind.AGENT);
        }
        change.accept(cluster);
        Path file = tmp.resolve(name + ".vrrpcluster");
        ClusterStore.save(cluster, file, FileSecretStore.forClusterFile(file));
        return file;
    }

    private static Path liveFile(String cluster, String director) {
        return tmp.resolve("remote").resolve(cluster).resolve(director).resolve("keepalived.conf");
    }

    private static String export(Path clusterFile, String director) throws Exception {
        return new ClusterExporter().exportText(ClusterStore.load(clusterFile, FileSecretStore.forClusterFile(clusterFile)), director);
    }

    @Test
    void aDryRunPrintsEachChangedDirectorsMaskedDiffThenItsSummaryLine() throws Exception {
        needSshd();
        Path web = clusterFile("preview");
        Path lvs1 = liveFile("preview", "lvs1");
        Files.createDirectories(lvs1.getParent());
        Files.writeString(lvs1, "old config\n");
        Path lvs2 = liveFile("preview", "lvs2");
        Files.createDirectories(lvs2.getParent());
        Files.writeString(lvs2, export(web, "lvs2"));

        int exit = run("deploy", web.toString(), "--known-hosts", knownHosts.toString(), "--dry-run");

        String report = stdout();
        assertEquals(0, exit, report + err);
        // lvs2 goes first: it masters nothing, so a bad config would be found there
        assertTrue(report.startsWith("lvs2: NO_CHANGE (config already up to date)\n\n--- " + lvs1 + " (on lvs1)\n+++ " + lvs1 + " (new)\n"),
                report);
        assertTrue(report.contains("\n-old config\n"), report);
        assertTrue(report.contains("\n+        auth_pass ********\n"), report);
        assertFalse(report.contains(SECRET), "auth_pass is masked");
        assertTrue(report.endsWith("\nlvs1: WOULD_CHANGE (+" + export(web, "lvs1").lines().count()
                + " -1 lines, validated on director; dry run, nothing changed)\n"), report);
        assertEquals("old config\n", Files.readString(lvs1), "a dry run changes nothing");
    }

    @Test
    void severalClustersDeployTheirPairsInParallelWithOneSummaryLinePerClusterAndDirector() throws Exception {
        needSshd();
        Path web = clusterFile("web");
        Path db = clusterFile("db");
        for (String cluster : List.of("web", "db")) {
            for (String director : List.of("lvs1", "lvs2")) {
                Files.createDirectories(liveFile(cluster, director).getParent());
            }
        }

        int exit = run("deploy", web.toString(), db.toString(), "--known-hosts", knownHosts.toString(), "--parallel", "2");

        assertEquals(0, exit, stdout() + err);
        // each pair's order first, then one summary line per director, no diff
        List<String> lines = stdout().lines().toList();
        assertEquals(List.of("order web/", "order db/"), lines.stream().filter(line -> line.startsWith("order "))
                .map(line -> line.substring(0, line.indexOf('/') + 1)).sorted(java.util.Comparator.reverseOrder()).toList(), stdout());
        assertEquals(List.of("web/lvs2: OK", "web/lvs1: OK", "db/lvs2: OK", "db/lvs1: OK"),
                lines.stream().filter(line -> !line.startsWith("order ")).map(line -> line.substring(0, line.indexOf(" ("))).toList(),
                "summary lines only, no diff without --diff");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("db/lvs1: connect..."), "progress names cluster and director on stderr");
        for (String director : List.of("lvs1", "lvs2")) {
            assertEquals(export(web, director), Files.readString(liveFile("web", director)));
            assertEquals(export(db, director), Files.readString(liveFile("db", director)));
        }
    }

    @Test
    void aFailedDirectorAnywhereMakesTheExitCodeOneAndTheOtherPairsStillDeploy() throws Exception {
        needSshd();
        Path good = clusterFile("good");
        Path bad = clusterFile("bad"); // its directors' folders do not exist: the upload fails
        for (String director : List.of("lvs1", "lvs2")) {
            Files.createDirectories(liveFile("good", director).getParent());
        }

        int exit = run("deploy", good.toString(), bad.toString(), "--known-hosts", knownHosts.toString(), "--diff");

        String report = stdout();
        assertEquals(1, exit, report + err);
        List<String> summaries = report.lines().filter(line -> line.matches("^(good|bad)/lvs[12]: .*")).toList();
        assertEquals(List.of("good/lvs2: OK", "good/lvs1: OK", "bad/lvs2: FAILED", "bad/lvs1: SKIPPED"),
                summaries.stream().map(line -> line.replaceFirst("^(\\S+ [A-Z_]+).*", "$1")).toList(), report);
        assertTrue(report.contains("--- " + liveFile("good", "lvs1") + " (on good/lvs1)\n"), "--diff shows what a real deploy changed: " + report);
        assertFalse(report.contains(SECRET), "auth_pass is masked");
    }

    @Test
    void anInvalidClusterStopsTheWholeFleetAndEveryClustersErrorsAreShown() throws Exception {
        needSshd();
        Path valid = clusterFile("valid");
        Path vrid = clusterFile("vrid", cluster -> cluster.getInstances().get(0).setVrid(300));
        Path advert = clusterFile("advert", cluster -> cluster.getInstances().get(0).setAdvertInterval(BigDecimal.ZERO));
        Files.createDirectories(liveFile("valid", "lvs1").getParent());

        int exit = run("deploy", valid.toString(), vrid.toString(), advert.toString(), "--known-hosts", knownHosts.toString());

        assertEquals(1, exit, stdout() + err);
        assertTrue(stdout().contains("virtual_router_id 300 is out of range 1..255"), stdout());
        assertTrue(stdout().contains("vrrpstudio: nothing deployed: " + vrid + " has 1 error(s)"), stdout());
        assertTrue(stdout().contains("vrrpstudio: nothing deployed: " + advert + " has "), "the second bad cluster is reported too");
        assertFalse(Files.exists(liveFile("valid", "lvs1")), "not even the valid cluster is deployed");
    }

    @Test
    void parallelMustBeAtLeastOne() {
        assertEquals(2, run("deploy", "any.vrrpcluster", "--parallel", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--parallel must be at least 1"), err::toString);
    }
}

package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.deploy.ClusterDeployment;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.KeepalivedDataDump;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.testing.NamespaceLan;
import org.vrrpstudio.testing.TestSshd;

/**
 * The case study, imported as it is (director 1's file, director 2 derived as its mirror), deployed with its AH
 * authentication to two directors running stock keepalived 2.2.7, each behind its own sshd: the LAN of the case study
 * in network namespaces this test creates and deletes (a switch namespace with bridges for eth0 and eth1, one
 * namespace per director), keepalived in each director's namespace, reached through an sshd per director on
 * loopback whose commands enter that namespace. {@code keepalived -t} exits 5 on the file only because AH clears
 * {@code state MASTER}: the deploy shows that warning and goes on, keepalived runs the file, and the VIPs sit where
 * the case study puts them.
 */
class CaseStudyToKeepalivedLabTest {

    private static final Set<String> D1_VIPS = Set.of("192.168.200.10", "192.168.200.11", "192.168.100.10");
    private static final Set<String> D2_VIPS = Set.of("192.168.200.12", "192.168.200.13", "192.168.100.11");
    /** What the directors run before the deploy: one instance keepalived accepts, nothing of the case study. */
    private static final String BEFORE = """
            vrrp_instance VI_0 {
                state BACKUP
                interface eth0
                virtual_router_id 9
                priority 100
                advert_int 1
                virtual_ipaddress {
                    192.168.200.99
                }
            }
            """;

    @TempDir
    Path tmp;

    private final NamespaceLan lan = new NamespaceLan("cs");
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable r : running.reversed()) {
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("clean-up: " + e.getMessage());
            }
        }
        lan.close();
    }

    /** The lab: namespaces, an sshd and a keepalived per director, the case study imported as it is. */
    private record Lab(String[] ns, Cluster cluster, List<KeepalivedInNamespace> keepalived, List<Path> liveConfigs) {

        /** The model's plan for the pair, with the commands that reach keepalived in the directors' namespaces. */
        DeployPlan plan(Path tmp) {
            DeployPlan modelPlan = ClusterDeployment.plan(cluster, null, tmp.resolve("unused_known_hosts"));
            List<DeployItem> items = new ArrayList<>();
            for (DeployItem item : modelPlan.items()) {
                int i = item.director().equals("lvs1") ? 0 : 1;
                KeepalivedDataDump dump = keepalived.get(i).dataDump();
                DeployItem adapted = new DeployItem(item.target().withCommands(keepalived.get(i).validateCommand(),
                        keepalived.get(i).reloadCommand(), dump.verifyCommand(Duration.ofSeconds(5))).withStatusCommand(dump.statusCommand()),
                        item.configText());
                items.add(new DeployItem(withKnownHosts(adapted, tmp.resolve(item.director())), item.configText()));
            }
            return DeployPlan.sequential(items).orderedByLiveState(modelPlan.orderByLiveState());
        }
    }

    private Lab lab() throws Exception {
        assumeTrue(KeepalivedInNamespace.available(), "needs root, keepalived and iproute2");
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        String prefix = "x" + Long.toHexString(System.nanoTime() & 0xfff);
        String sw = lan.addSwitch(prefix + "sw", "br0", "br1");
        String[] ns = {lan.add(prefix + "d1"), lan.add(prefix + "d2")};
        for (int i = 0; i < 2; i++) {
            lan.connect(ns[i], "eth0", "192.168.200." + (5 + i) + "/24", sw, "d" + (i + 1) + "e0", "br0");
            lan.connect(ns[i], "eth1", "192.168.100." + (5 + i) + "/24", sw, "d" + (i + 1) + "e1", "br1");
        }

        ImportResult imported = new ClusterImporter()
                .importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")), "lvs1", "lvs2");
        assertTrue(imported.succeeded(), () -> imported.errors().toString());
        Cluster cluster = imported.cluster().orElseThrow();

        List<KeepalivedInNamespace> keepalived = new ArrayList<>();
        List<Path> liveConfigs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Director director = cluster.getDirectors().get(i);
            TestSshd server = TestSshd.start(tmp.resolve("sshd-" + director.getName()));
            running.add(server);
            Path root = tmp.resolve(director.getName());
            Path live = root.resolve("etc/keepalived/keepalived.conf");
            Files.createDirectories(live.getParent());
            Files.writeString(live, BEFORE);
            liveConfigs.add(live);
            KeepalivedInNamespace k = KeepalivedInNamespace.startIn(ns[i], root.resolve("run"), live);
            running.add(k);
            keepalived.add(k);
            Files.writeString(root.resolve("known_hosts"), server.knownHostsLine());
            director.setHost("127.0.0.1");
            director.setSshPort(server.port());
            director.setSshUser(server.user());
            director.setIdentityFile(server.clientKey().toString());
            director.setRemoteConfigPath(live.toString());
        }
        return new Lab(ns, cluster, keepalived, liveConfigs);
    }

    private static void awaitCaseStudyVips(Lab lab) throws Exception {
        Set<String> expectedD1 = new TreeSet<>(D1_VIPS);
        Set<String> expectedD2 = new TreeSet<>(D2_VIPS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Set<String> onD1;
        Set<String> onD2;
        do {
            Thread.sleep(250);
            onD1 = vips(lab.ns()[0]);
            onD2 = vips(lab.ns()[1]);
        } while (!(onD1.equals(expectedD1) && onD2.equals(expectedD2)) && System.nanoTime() < deadline);
        assertEquals(expectedD1, onD1, "director 1 holds VI_1 and VI_2's addresses");
        assertEquals(expectedD2, onD2, "director 2 holds VI_3 and VI_4's addresses");
    }

    @Test
    void theCaseStudyWithAhDeploysToKeepalivedDirectorsAndRuns() throws Exception {
        Lab lab = lab();
        List<String> warnings = new CopyOnWriteArrayList<>();
        DeployProgress progress = new DeployProgress() {
            @Override
            public void warning(String director, String message) {
                warnings.add(director + ": " + message);
            }
        };

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).run(lab.plan(tmp), progress);

        assertTrue(result.allSucceeded(), () -> String.join("\n", result.summaryLines()) + "\n" + warnings);
        for (DeployResult r : result.results()) {
            assertInstanceOf(DeployResult.Ok.class, r, r.summaryLine());
        }
        for (String director : List.of("lvs1", "lvs2")) {
            for (String instance : List.of(director.equals("lvs1") ? "VI_1" : "VI_3", director.equals("lvs1") ? "VI_2" : "VI_4")) {
                assertTrue(warnings.contains(director + ": keepalived -t warns (exit 5; keepalived runs the file and does what it says): ("
                        + instance + ") Initial state master is incompatible with AH authentication - clearing"), warnings::toString);
            }
        }
        for (int i = 0; i < 2; i++) {
            String text = Files.readString(lab.liveConfigs().get(i));
            assertTrue(text.contains("auth_type AH"), text);
            assertTrue(lab.keepalived().get(i).isRunning(), "keepalived runs the deployed file");
        }
        // both start BACKUP (AH clears state MASTER); the priority 150 side of each pair takes over after its master-down time
        awaitCaseStudyVips(lab);
        assertEquals(List.of("VI_1 MASTER", "VI_2 MASTER", "VI_3 BACKUP", "VI_4 BACKUP"), lab.keepalived().get(0).dumpedStates());
        assertEquals(List.of("VI_1 BACKUP", "VI_2 BACKUP", "VI_3 MASTER", "VI_4 MASTER"), lab.keepalived().get(1).dumpedStates());
        System.out.println("case study on keepalived 2.2.7 via sshd per director: " + String.join("; ", result.summaryLines()));
    }

    /**
     * A new auth_pass on a live pair: the deploy warns, validates and uploads both files before either reload and
     * reloads both back to back. The window in which the two directors run different passwords (from the first
     * reload's end to the last's) is measured and printed, beside the one of deploying director after director.
     */
    @Test
    void changingTheAuthPasswordOfTheLivePairReloadsBothBackToBack() throws Exception {
        Lab lab = lab();
        Deployer deployer = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE);
        PlanResult first = deployer.run(lab.plan(tmp), DeployProgress.NONE);
        assertTrue(first.allSucceeded(), () -> String.join("\n", first.summaryLines()));
        awaitCaseStudyVips(lab);

        // the old way, director after director (one deploy each), for comparison
        lab.cluster().getInstances().forEach(i -> i.getAuthentication().setSecret("pw2"));
        ReloadClock oneByOne = new ReloadClock();
        for (DeployItem item : lab.plan(tmp).items()) {
            DeployResult r = deployer.deploy(item, oneByOne);
            assertInstanceOf(DeployResult.Ok.class, r, r.summaryLine());
        }
        awaitCaseStudyVips(lab);

        lab.cluster().getInstances().forEach(i -> i.getAuthentication().setSecret("pw3"));
        ReloadClock together = new ReloadClock();
        PlanResult changed = deployer.run(lab.plan(tmp), together);

        assertTrue(changed.allSucceeded(), () -> String.join("\n", changed.summaryLines()) + "\n" + together.warnings);
        for (String director : List.of("lvs1", "lvs2")) {
            assertTrue(together.warnings.stream().anyMatch(w -> w.startsWith(director + ": authentication changes for VI_1, VI_2, VI_3, VI_4:")),
                    together.warnings::toString);
            assertTrue(Files.readString(lab.liveConfigs().get(director.equals("lvs1") ? 0 : 1)).contains("auth_pass pw3"));
        }
        assertTrue(together.warnings.stream().anyMatch(w -> w.contains("ms apart (the window in which both may be MASTER)")),
                together.warnings::toString);
        awaitCaseStudyVips(lab);
        Duration sequential = oneByOne.spread();
        Duration backToBack = together.spread();
        System.out.println("auth change on the live pair (keepalived 2.2.7 via sshd): directors ran different passwords for "
                + backToBack.toMillis() + " ms with both reloaded back to back, " + sequential.toMillis()
                + " ms deploying one director after the other");
        assertTrue(backToBack.compareTo(sequential) < 0, () -> backToBack + " vs " + sequential);
    }

    /** When each director's reload ended (its VERIFY step starts right after), and the warnings. */
    private static final class ReloadClock implements DeployProgress {
        final java.util.Map<String, Long> reloadedAt = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void stepStarted(String director, org.vrrpstudio.deploy.DeployStep step) {
            if (step == org.vrrpstudio.deploy.DeployStep.VERIFY) {
                reloadedAt.putIfAbsent(director, System.nanoTime());
            }
        }

        @Override
        public void warning(String director, String message) {
            warnings.add(director + ": " + message);
        }

        Duration spread() {
            assertEquals(2, reloadedAt.size(), reloadedAt::toString);
            long min = reloadedAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = reloadedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            return Duration.ofNanos(max - min);
        }
    }

    private static org.vrrpstudio.deploy.DeployTarget withKnownHosts(DeployItem item, Path directorRoot) {
        var t = item.target();
        return new org.vrrpstudio.deploy.DeployTarget(t.director(), t.host(), t.port(), t.user(), t.identityFile(),
                directorRoot.resolve("known_hosts"), t.remoteConfigPath(), t.kind(), t.validateCommand(), t.reloadCommand(),
                t.verifyCommand(), t.statusCommand());
    }

    /** The addresses of the director's eth0 and eth1 other than its own .5/.6. */
    private static Set<String> vips(String ns) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(KeepalivedInNamespace.IP.toString(), "-n", ns, "-4", "-o", "addr", "show")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Set<String> vips = new TreeSet<>();
        for (String line : out.lines().toList()) {
            String[] words = line.trim().split("\\s+");
            for (int w = 0; w + 1 < words.length; w++) {
                if (words[w].equals("inet")) {
                    String address = words[w + 1].substring(0, words[w + 1].indexOf('/'));
                    if (!address.endsWith(".5") && !address.endsWith(".6") && !address.startsWith("127.")) {
                        vips.add(address);
                    }
                }
            }
        }
        return vips;
    }
}

package org.vrrpstudio.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.cluster.ClusterExporter;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.testing.TestSshd;

/** Several clusters in one deploy: one group per cluster's pair, named cluster/director, pairs in parallel up to the bound. */
class FleetDeploymentTest {

    private static final Path KNOWN_HOSTS = Path.of("target", "known_hosts");

    @TempDir
    Path tmp;

    private static FleetDeployment.Member member(String file) {
        return new FleetDeployment.Member(Path.of(file), ClusterDeploymentTest.seed());
    }

    private static List<List<String>> directorNames(DeployPlan plan) {
        return plan.groups().stream().map(g -> g.stream().map(DeployItem::director).toList()).toList();
    }

    @Test
    void eachClusterIsOneGroupAndItsDirectorsAreNamedClusterSlashDirector() {
        FleetDeployment.Member web = member("fleet/web.vrrpcluster");
        FleetDeployment.Member db = member("fleet/db.vrrpcluster");
        db.cluster().getDirectors().forEach(d -> d.setHost(d.getName() + ".db.example"));

        DeployPlan plan = FleetDeployment.plan(List.of(web, db), null, KNOWN_HOSTS);

        assertEquals(List.of(List.of("web/lvs1", "web/lvs2"), List.of("db/lvs1", "db/lvs2")), directorNames(plan));
        DeployItem dbLvs2 = plan.groups().get(1).get(1);
        assertEquals("lvs2.db.example", dbLvs2.target().host());
        assertEquals(new ClusterExporter().exportText(db.cluster(), "lvs2"), dbLvs2.configText(), "the export is by the model's name");
    }

    @Test
    void oneClusterKeepsThePlainDirectorNames() {
        DeployPlan plan = FleetDeployment.plan(List.of(member("web.vrrpcluster")), null, KNOWN_HOSTS);
        assertEquals(List.of(List.of("lvs1", "lvs2")), directorNames(plan));
    }

    @Test
    void onlyDirectorAppliesToEveryClusterAndAMissingOneNamesTheFile() {
        FleetDeployment.Member web = member("web.vrrpcluster");
        FleetDeployment.Member db = member("db.vrrpcluster");
        db.cluster().getDirectors().forEach(d -> d.setHost(d.getName() + ".db.example"));
        assertEquals(List.of(List.of("web/lvs2"), List.of("db/lvs2")), directorNames(FleetDeployment.plan(List.of(web, db), "lvs2", KNOWN_HOSTS)));

        db.cluster().getDirectors().get(1).setName("lvs9");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> FleetDeployment.plan(List.of(web, db), "lvs2", KNOWN_HOSTS));
        assertEquals("db.vrrpcluster: the cluster has no director 'lvs2'", missing.getMessage());
    }

    @Test
    void twoClustersWritingTheSameFileOnTheSameHostAreRefused() {
        // both seeds point lvs1 at lvs1.example:/etc/keepalived/keepalived.conf: a copy-paste slip in a fleet
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> FleetDeployment.plan(List.of(member("web.vrrpcluster"), member("db.vrrpcluster")), null, KNOWN_HOSTS));
        assertEquals("directors web/lvs1 and db/lvs1 both deploy to lvs1.example:/etc/keepalived/keepalived.conf", clash.getMessage());
    }

    @Test
    void clustersAreLabelledByFileNameOrByPathWhenFileNamesClash() {
        assertEquals(List.of("web", "db", "notes.txt"),
                FleetDeployment.labels(List.of(Path.of("dc1/web.vrrpcluster"), Path.of("db.vrrpcluster"), Path.of("notes.txt"))));
        assertEquals(List.of("dc1/web", "dc2/web"),
                FleetDeployment.labels(List.of(Path.of("dc1/web.vrrpcluster"), Path.of("dc2/web.vrrpcluster"))));
    }

    /**
     * Four clusters through one sshd, at most two pairs at a time. The fake daemon runs on the director side: from
     * validate to verify a director is "active" (a file in a shared folder), and each one records who was active as it
     * began. A director waits up to 2 s for company, so pairs that really run in parallel are seen to.
     */
    @Test
    void pairsOfAFleetRunInParallelUpToTheBoundAndEachPairOneDirectorAtATime() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        try (TestSshd sshd = TestSshd.start(tmp.resolve("sshd"))) {
            Path fleet = Files.createDirectories(tmp.resolve("fleet"));
            Files.createDirectories(fleet.resolve("active"));
            Path daemon = fakeDaemon(fleet);
            Path knownHosts = fleet.resolve("known_hosts");
            Files.writeString(knownHosts, sshd.knownHostsLine());
            List<String> names = List.of("web", "db", "mail", "dns");
            List<FleetDeployment.Member> members = new ArrayList<>();
            for (String name : names) {
                Cluster cluster = ClusterDeploymentTest.seed();
                for (Director d : cluster.getDirectors()) {
                    Path live = Files.createDirectories(fleet.resolve(name).resolve(d.getName())).resolve("keepalived.conf");
                    Files.writeString(live, "# old " + name + "\n");
                    d.setHost("127.0.0.1");
                    d.setSshPort(sshd.port());
                    d.setSshUser(sshd.user());
                    d.setIdentityFile(sshd.clientKey().toString());
                    d.setRemoteConfigPath(live.toString());
                }
                members.add(new FleetDeployment.Member(Path.of(name + ".vrrpcluster"), cluster));
            }
            DeployPlan plan = withFakeDaemon(FleetDeployment.plan(members, null, knownHosts), daemon);

            PlanResult result = new Deployer(DeployOptions.DEFAULTS.withMaxParallelGroups(2), PassphraseProvider.NONE)
                    .run(plan, DeployProgress.NONE);

            assertTrue(result.allSucceeded(), String.join("\n", result.summaryLines()));
            assertEquals(List.of("web/lvs1", "web/lvs2", "db/lvs1", "db/lvs2", "mail/lvs1", "mail/lvs2", "dns/lvs1", "dns/lvs2"),
                    result.results().stream().map(DeployResult::director).toList());
            for (int i = 0; i < names.size(); i++) {
                for (String director : List.of("lvs1", "lvs2")) {
                    assertEquals(new ClusterExporter().exportText(members.get(i).cluster(), director),
                            Files.readString(fleet.resolve(names.get(i)).resolve(director).resolve("keepalived.conf")));
                }
            }
            // each line: the director that began, then every director active at that moment (itself included)
            List<List<String>> activeAtBegin = Files.readAllLines(fleet.resolve("begins.log")).stream()
                    .map(line -> Arrays.asList(line.strip().split(" "))).toList();
            assertEquals(8, activeAtBegin.size(), activeAtBegin::toString);
            int mostAtOnce = activeAtBegin.stream().mapToInt(a -> a.size() - 1).max().orElseThrow();
            assertEquals(2, mostAtOnce, "two pairs at a time, never more: " + activeAtBegin);
            for (String name : names) {
                assertFalse(activeAtBegin.stream().anyMatch(a -> a.subList(1, a.size()).containsAll(List.of(name + "_lvs1", name + "_lvs2"))),
                        name + "'s directors overlapped: " + activeAtBegin);
            }
        }
    }

    /** Validate marks the director active (and records who else is), verify unmarks it; reload only succeeds. */
    private static Path fakeDaemon(Path fleet) throws IOException {
        Path script = fleet.resolve("daemon.sh");
        Files.writeString(script, """
                #!/bin/sh
                # daemon.sh begin|reload|end DIRECTOR FILE
                active='%1$s/active'
                case "$1" in
                begin)
                    touch "$active/$2"
                    echo "$2 $(ls "$active" | tr '\\n' ' ')" >> '%1$s/begins.log'
                    i=0
                    while [ "$(ls "$active" | wc -l)" -lt 2 ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done ;;
                end)
                    rm -f "$active/$2" ;;
                esac
                exit 0
                """.formatted(fleet), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The plan with every target's commands replaced by the fake daemon, groups and order kept. */
    private static DeployPlan withFakeDaemon(DeployPlan plan, Path daemon) {
        return DeployPlan.ofGroups(plan.groups().stream().map(group -> group.stream().map(item -> {
            String who = item.director().replace('/', '_');
            return new DeployItem(item.target().withCommands(daemon + " begin " + who + " {file}",
                    daemon + " reload " + who + " {file}", daemon + " end " + who + " {file}"), item.configText());
        }).toList()).toList());
    }
}

package org.vrrpstudio.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterExporter;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;

class ClusterDeploymentTest {

    private static final Path KNOWN_HOSTS = Path.of("target", "known_hosts");

    static Cluster seed() {
        ImportResult result = new ClusterImporter()
                .importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")), "lvs1", "lvs2");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        Cluster cluster = result.cluster().orElseThrow();
        for (Director d : cluster.getDirectors()) {
            d.setHost(d.getName() + ".example");
            d.setSshUser("root");
            d.setIdentityFile("/keys/" + d.getName());
            d.setRemoteConfigPath("/etc/keepalived/keepalived.conf");
        }
        return cluster;
    }

    @Test
    void eachDirectorGetsItsOwnExportAndConnectionSettings() {
        Cluster cluster = seed();
        DeployPlan plan = ClusterDeployment.plan(cluster, null, KNOWN_HOSTS);
        assertTrue(plan.orderByLiveState(), "the daemons are asked who is MASTER now before the pair is deployed");
        List<DeployItem> items = plan.items();
        assertEquals(List.of("lvs1", "lvs2"), items.stream().map(DeployItem::director).toList());
        DeployItem lvs2 = items.get(1);
        assertEquals(new ClusterExporter().exportText(cluster, "lvs2"), lvs2.configText());
        DeployTarget target = lvs2.target();
        assertEquals("lvs2.example", target.host());
        assertEquals(DeployTarget.DEFAULT_SSH_PORT, target.port());
        assertEquals(Path.of("/keys/lvs2"), target.identityFile());
        assertEquals(KNOWN_HOSTS, target.knownHosts());
        assertEquals(DaemonKind.KEEPALIVED, target.kind());
        assertEquals(KeepalivedDataDump.DEFAULT.statusCommand(), target.statusCommand());
        assertEquals(KeepalivedDataDump.DEFAULT.verifyCommand(KeepalivedDataDump.DEFAULT_VERIFY_WAIT), target.verifyCommand());
    }

    @Test
    void aDirectorWithoutAKeyFileLeavesTheChoiceToTheConnection() {
        Cluster cluster = seed();
        cluster.getDirectors().get(0).setIdentityFile(" ");
        cluster.getDirectors().get(1).setIdentityFile("~/keys/lvs2");
        List<DeployItem> items = ClusterDeployment.plan(cluster, null, KNOWN_HOSTS).items();
        // no key file: at connect time the ssh-agent's keys, or without one ~/.ssh/id_*; planning no longer fails
        assertNull(items.get(0).target().identityFile());
        assertEquals(Path.of(System.getProperty("user.home"), "keys", "lvs2"), items.get(1).target().identityFile());
    }

    @Test
    void commandsComeFromTheDirectorOrTheDaemonKindsDefaults() {
        Cluster cluster = seed();
        Director lvs1 = cluster.getDirectors().get(0);
        Director lvs2 = cluster.getDirectors().get(1);
        lvs1.setDaemonKind(org.vrrpstudio.model.DaemonKind.AGENT);
        lvs1.setReloadCommand("kill -HUP $(cat /run/agent.pid)");
        lvs1.setVerifyCommand("vrrpstudio status --socket /run/agent.sock");
        lvs2.setDaemonKind(org.vrrpstudio.model.DaemonKind.AGENT);
        lvs2.setReloadCommand(" ");
        List<DeployItem> items = ClusterDeployment.plan(cluster, null, KNOWN_HOSTS).items();
        DeployTarget own = items.stream().filter(i -> i.director().equals("lvs1")).findFirst().orElseThrow().target();
        DeployTarget defaults = items.stream().filter(i -> i.director().equals("lvs2")).findFirst().orElseThrow().target();
        assertEquals("kill -HUP $(cat /run/agent.pid)", own.reloadCommand());
        assertEquals("vrrpstudio status --socket /run/agent.sock", own.verifyCommand());
        assertEquals(DaemonKind.AGENT.defaultReloadCommand(), defaults.reloadCommand(), "blank means the default");
        assertEquals(DaemonKind.AGENT.defaultVerifyCommand(), defaults.verifyCommand());
        assertTrue(defaults.verifyCommand().contains("vrrpstudio-agent status"), "an agent is verified through its status socket");
        assertEquals("vrrpstudio-agent status --json", own.statusCommand(), "the live state comes from the agent's status");
    }

    /** The model's order, which the live state overrides when it can be read (LiveOrderTest). */
    @Test
    void theDirectorThatMastersFewerInstancesGoesFirst() {
        Cluster cluster = seed();
        Director lvs2 = cluster.getDirectors().get(1);
        DirectorInstance vi3 = lvs2.getInstanceSettings().stream()
                .filter(s -> s.getInstance().getName().equals("VI_3")).findFirst().orElseThrow();
        vi3.setInitialState(InitialState.BACKUP);
        List<String> order = ClusterDeployment.plan(cluster, null, KNOWN_HOSTS).items().stream().map(DeployItem::director).toList();
        assertEquals(List.of("lvs2", "lvs1"), order);
    }

    @Test
    void oneDirectorOnlyAndClearErrors() {
        Cluster cluster = seed();
        assertEquals(List.of("lvs2"), ClusterDeployment.plan(cluster, "lvs2", KNOWN_HOSTS).items().stream().map(DeployItem::director).toList());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ClusterDeployment.plan(cluster, "lvs9", KNOWN_HOSTS));
        assertEquals("the cluster has no director 'lvs9'", unknown.getMessage());
        cluster.getDirectors().get(0).setHost(null);
        IllegalArgumentException noHost = assertThrows(IllegalArgumentException.class,
                () -> ClusterDeployment.plan(cluster, null, KNOWN_HOSTS));
        assertTrue(noHost.getMessage().contains("lvs1"), noHost::getMessage);
    }
}

package org.vrrpstudio.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vrrpstudio.ui.tests.UiDriver.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.AgentInstaller;
import org.vrrpstudio.deploy.DaemonControl;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DaemonSwitch;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.testing.TestSshd;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;

/**
 * The explorer's daemon actions in the running workbench (under Xvfb): the confirmation, the job, the result lines
 * and the model's record. The switch runs against a simulated pair (the same rules as a live one: a stopped daemon
 * hands its instances to the peer, both up means the model's distribution); the install against a real sshd whose
 * directors already have the package's version.
 */
class DaemonActionsTest {

    @TempDir
    Path tmp;
    TestSshd sshd;
    IProject project;

    @AfterEach
    void cleanUp() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        if (project != null) {
            ui(() -> {
                project.delete(true, true, null);
                return null;
            });
        }
    }

    private ClusterDocument document(String projectName) throws Exception {
        return ui(() -> {
            ClusterDocuments documents = ConsolePlugin.get().documents();
            Path seed = Path.of("data", "director1.conf");
            ImportOutcome.Imported imported = (ImportOutcome.Imported) documents.services()
                    .importWithMirror(new DirectorSource("lvs1", seed, Files.readString(seed)), "lvs2");
            project = ResourcesPlugin.getWorkspace().getRoot().getProject(projectName);
            project.create(null);
            project.open(null);
            IFile file = project.getFile("pair.vrrpcluster");
            for (Director d : imported.cluster().getDirectors()) {
                d.setHost("127.0.0.1");
                d.setSshUser("root");
                d.setRemoteConfigPath("/etc/keepalived/keepalived.conf");
            }
            documents.create(file, imported.cluster());
            return documents.open(file);
        });
    }

    /** Who runs what on the simulated pair, and the starts and stops it saw. */
    private static final class SimulatedPair {
        final Map<String, DaemonKind> running = new HashMap<>(Map.of("lvs1", DaemonKind.KEEPALIVED, "lvs2", DaemonKind.KEEPALIVED));
        final List<String> log = new ArrayList<>();

        DaemonSwitch.Connector connector(DaemonSwitch.Plan plan) {
            return member -> new DaemonControl() {
                final String d = member.director();

                @Override
                public Map<String, String> states(DaemonKind kind) throws Failure {
                    synchronized (SimulatedPair.this) {
                        if (running.get(d) != kind) {
                            throw new Failure(kind.word() + " is not running");
                        }
                        boolean alone = running.get(d.equals("lvs1") ? "lvs2" : "lvs1") == null;
                        Map<String, String> states = new LinkedHashMap<>();
                        plan.intendedMaster().forEach((i, m) -> states.put(i, alone || m.equals(d) ? "MASTER" : "BACKUP"));
                        return states;
                    }
                }

                @Override
                public void requireInstalled(DaemonKind kind) {
                }

                @Override
                public void requireAccepts(DaemonKind kind) {
                }

                @Override
                public void start(DaemonKind kind) {
                    synchronized (SimulatedPair.this) {
                        log.add(d + " start " + kind.word());
                        running.put(d, kind);
                    }
                }

                @Override
                public void stop(DaemonKind kind) {
                    synchronized (SimulatedPair.this) {
                        log.add(d + " stop " + kind.word());
                        running.remove(d, kind);
                    }
                }

                @Override
                public long readNumber(String path) throws Failure {
                    throw new Failure("simulated: no maintenance files (the model has no drain tracks)");
                }

                @Override
                public void writeNumber(String path, long value) throws Failure {
                    throw new Failure("simulated: no maintenance files (the model has no drain tracks)");
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void switchingThePairAsksFirstRunsAsAJobAndRecordsTheNewDaemon() throws Exception {
        ClusterDocument document = document("switch");
        DaemonSwitch.Plan plan = ui(() -> DaemonSwitch.plan(document.cluster(), tmp.resolve("known_hosts")));
        SimulatedPair pair = new SimulatedPair();
        List<String> questions = new ArrayList<>();
        CompletableFuture<IStatus> shown = new CompletableFuture<>();
        DaemonActions declining = new DaemonActions((t, q) -> questions.add(q) && false, (t, s) -> shown.complete(s),
                pair.connector(plan), tmp.resolve("known_hosts"), DeployOptions.DEFAULTS);
        assertNull(ui(() -> declining.switchDaemon(document, null, DaemonKind.AGENT)), "declined: no job");
        assertTrue(questions.getFirst().startsWith("Replace the daemon of both directors of the pair by agent?"), questions::toString);
        assertEquals(List.of(), pair.log, "nothing touched");

        DaemonActions accepting = new DaemonActions((t, q) -> true, (t, s) -> shown.complete(s), pair.connector(plan),
                tmp.resolve("known_hosts"), DeployOptions.DEFAULTS);
        Job job = ui(() -> accepting.switchDaemon(document, null, DaemonKind.AGENT));
        job.join(60_000, null);
        IStatus status = shown.get(30, TimeUnit.SECONDS);

        assertEquals(IStatus.OK, status.getSeverity(), status::toString);
        assertEquals("Switch to agent: 2 of 2 directors run agent", status.getMessage());
        List<String> lines = List.of(status.getChildren()).stream().map(IStatus::getMessage).toList();
        assertEquals(2, lines.size(), lines::toString);
        lines.forEach(l -> assertTrue(l.matches("lvs[12]: switched keepalived -> agent \\(.*\\)"), l));
        assertEquals(List.of("lvs1 stop keepalived", "lvs1 start agent", "lvs2 stop keepalived", "lvs2 start agent"), pair.log);
        ui(() -> {
            for (Director d : document.cluster().getDirectors()) {
                assertEquals(org.vrrpstudio.model.DaemonKind.AGENT, d.getDaemonKind(), d.getName());
            }
            assertTrue(document.isDirty(), "recorded in the cluster, to be saved");
            assertTrue(document.undo());
            return null;
        });
    }

    @Test
    void installingOnDirectorsThatHaveTheVersionSaysSoPerDirector() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        String version = "0.1.0.202601010000";
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path agent = bin.resolve("vrrpstudio-agent");
        Files.writeString(agent, "#!/bin/sh\n[ \"$1\" = --version ] && echo 'vrrpstudio-agent " + version + "'\nexit 0\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
        sshd = TestSshd.start(tmp.resolve("sshd"), bin);
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine());
        ClusterDocument document = document("install");
        ui(() -> {
            for (Director d : document.cluster().getDirectors()) {
                d.setSshPort(sshd.port());
                d.setSshUser(sshd.user());
                d.setIdentityFile(sshd.clientKey().toString());
            }
            return null;
        });
        Path dir = Files.createDirectories(tmp.resolve("package"));
        Path repo = Path.of(System.getProperty("vrrpstudio.repo", "../.."));
        Files.copy(repo.resolve("products/org.vrrpstudio.agent.deb/src/install/vrrpstudio-agent-install"),
                dir.resolve("vrrpstudio-agent-install"));
        AgentInstaller.AgentPackage agentPackage = AgentInstaller.AgentPackage.of(
                Files.writeString(dir.resolve("vrrpstudio-agent_" + version + "_amd64.deb"), "not uploaded"));
        CompletableFuture<IStatus> shown = new CompletableFuture<>();
        List<String> questions = new ArrayList<>();
        DaemonActions actions = new DaemonActions((t, q) -> questions.add(q), (t, s) -> shown.complete(s), null, knownHosts,
                DeployOptions.DEFAULTS);
        Director lvs2 = ui(() -> document.cluster().getDirectors().get(1));

        Job job = ui(() -> actions.installAgent(document, lvs2, agentPackage));
        job.join(60_000, null);
        IStatus status = shown.get(30, TimeUnit.SECONDS);

        assertTrue(questions.getFirst().startsWith("Install vrrpstudio-agent " + version + " on lvs2?"), questions::toString);
        assertEquals("Install the agent: 1 of 1 directors have " + version, status.getMessage(), status::toString);
        assertEquals(List.of("lvs2: already installed " + version),
                List.of(status.getChildren()).stream().map(IStatus::getMessage).toList());
    }
}

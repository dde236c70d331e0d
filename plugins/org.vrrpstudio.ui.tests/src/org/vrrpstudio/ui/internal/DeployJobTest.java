package org.vrrpstudio.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.ui.logic.ClusterBundleServices;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;
import org.vrrpstudio.ui.logic.deploy.DeployPlanner;
import org.vrrpstudio.ui.logic.deploy.DeploySession;
import org.vrrpstudio.testing.TestSshd;

/**
 * The console's side of a deploy against a real sshd: the job's per-director statuses when the director
 * refuses the file, cancel while it runs, and an encrypted key whose passphrase comes from Eclipse secure storage.
 */
class DeployJobTest {

    @TempDir
    Path tmp;
    TestSshd sshd;
    Cluster cluster;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        sshd = TestSshd.start(tmp.resolve("sshd"));
        Path seed = Path.of("data", "director1.conf");
        cluster = ((ImportOutcome.Imported) new ClusterBundleServices()
                .importWithMirror(new DirectorSource("lvs1", seed, Files.readString(seed)), "lvs2")).cluster();
        for (Director director : cluster.getDirectors()) {
            Path remote = Files.createDirectories(tmp.resolve("remote").resolve(director.getName()));
            director.setHost("127.0.0.1");
            director.setSshPort(sshd.port());
            director.setSshUser(sshd.user());
            director.setIdentityFile(sshd.clientKey().toString());
            director.setRemoteConfigPath(remote.resolve("keepalived.conf").toString());
        }
        Files.writeString(tmp.resolve("known_hosts"), sshd.knownHostsLine());
    }

    @AfterEach
    void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static DeployPlanner validatingWith(String validate) {
        return (c, knownHosts) -> DeployPlan.sequential(DeployPlanner.CLUSTER_DEPLOYMENT.plan(c, knownHosts).items().stream()
                .map(item -> new DeployItem(item.target().withCommands(validate, "true", ""), item.configText())).toList());
    }

    private DeploySession session(PassphraseProvider passphrases, DeployPlanner planner) {
        return new DeploySession(cluster, tmp.resolve("known_hosts"), passphrases, planner, DeployOptions.DEFAULTS);
    }

    @Test
    void aRefusedFileStopsThePairAndTheJobSaysSoPerDirector() throws Exception {
        DeployJob job = new DeployJob(session(PassphraseProvider.NONE, validatingWith("false")), List.of("lvs1", "lvs2"));
        job.schedule();
        job.join();
        PlanResult result = job.result();
        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result.results().get(0), result.summaryLines()::toString);
        assertEquals(DeployStep.VALIDATE, failed.step());
        assertInstanceOf(DeployResult.Skipped.class, result.results().get(1), "the second director is not touched");
        IStatus status = job.getResult();
        assertEquals(IStatus.ERROR, status.getSeverity());
        assertEquals(List.of(IStatus.ERROR, IStatus.WARNING), List.of(status.getChildren()).stream().map(IStatus::getSeverity).toList());
        assertTrue(status.getChildren()[0].getMessage().startsWith(failed.director() + ": FAILED at VALIDATE"));
        assertFalse(Files.exists(tmp.resolve("remote/lvs1/keepalived.conf")), "the live file was never written");
    }

    /** Cancel in the progress dialog while the director validates: the job stops before the swap and cleans up. */
    @Test
    void cancellingTheRunningJobStopsBeforeTheSwapAndLeavesNoTempFile() throws Exception {
        // the validation marks that it started (beside the temp file), then takes its time
        DeployJob job = new DeployJob(session(PassphraseProvider.NONE, validatingWith("touch {file}.validating && sleep 3")),
                List.of("lvs1", "lvs2"));
        job.schedule();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!hasFileEndingWith(tmp.resolve("remote/lvs1"), ".validating")
                && !hasFileEndingWith(tmp.resolve("remote/lvs2"), ".validating")) {
            assertTrue(System.nanoTime() < deadline, "the validation never started");
            Thread.sleep(20);
        }
        job.cancel();
        job.join();
        PlanResult result = job.result();
        DeployResult.Cancelled cancelled = assertInstanceOf(DeployResult.Cancelled.class, result.results().get(0),
                result.summaryLines()::toString);
        assertEquals(DeployStep.BACKUP, cancelled.beforeStep(), "validation ran to its end, the backup never started");
        assertInstanceOf(DeployResult.Skipped.class, result.results().get(1), "the second director is not touched");
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
        for (String director : List.of("lvs1", "lvs2")) {
            Path remote = tmp.resolve("remote").resolve(director);
            assertFalse(Files.exists(remote.resolve("keepalived.conf")), director + ": the live file was never written");
            assertFalse(hasFileEndingWith(remote, ".tmp"), director + ": the uploaded temp file was removed");
        }
    }

    private static boolean hasFileEndingWith(Path dir, String suffix) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix));
        }
    }

    @Test
    void encryptedKeyIsUnlockedWithThePassphraseFromSecureStorage() throws Exception {
        Path key = tmp.resolve("encrypted_ed25519");
        TestSshd.keygen(key, "correct horse");
        Files.copy(Path.of(key + ".pub"), sshd.dir().resolve("authorized_keys"), StandardCopyOption.REPLACE_EXISTING);
        cluster.getDirectors().forEach(d -> d.setIdentityFile(key.toString()));
        SecureStoragePassphrases passphrases = ConsolePlugin.get().passphrases();
        passphrases.remember(key, new char[0]); // forget whatever an earlier run left
        assertFalse(passphrases.has(key));

        PlanResult locked = session(passphrases, validatingWith("test -s {file}")).preview(List.of("lvs1"), DeployProgress.NONE);
        assertInstanceOf(DeployResult.Failed.class, locked.results().getFirst(), locked.summaryLines()::toString);

        passphrases.remember(key, "correct horse".toCharArray());
        assertTrue(passphrases.has(key));
        PlanResult unlocked = session(passphrases, validatingWith("test -s {file}")).preview(List.of("lvs1"), DeployProgress.NONE);
        assertInstanceOf(DeployResult.WouldChange.class, unlocked.results().getFirst(), unlocked.summaryLines()::toString);
        passphrases.remember(key, new char[0]);
    }
}

package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStatus;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.testing.TestSshd;

/** Failures once the new file is live, and the bookkeeping around backups. */
class AfterSwapFailuresTest extends AgainstOneSshd {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);


    private static Deployer deployer() {
        return new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE, FIXED);
    }

    @Test
    void connectionLostRightAfterTheSwapIsRolledBackOverANewConnection() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "lost-after-swap");
        List<String> before = d.configDirectory();
        DeployProgress killOnReload = new DeployProgress() {
            @Override
            public void stepStarted(String director, DeployStep step) {
                if (step == DeployStep.RELOAD) {
                    for (ProcessHandle connection : sshd.connectionProcesses()) {
                        connection.descendants().forEach(ProcessHandle::destroyForcibly);
                        connection.destroyForcibly();
                        connection.onExit().join();
                    }
                }
            }
        };

        DeployResult result = deployer().deploy(d.item("# new\n"), killOnReload);

        DeployResult.RolledBack rolledBack = assertInstanceOf(DeployResult.RolledBack.class, result, result.summaryLine());
        assertEquals(DeployStep.RELOAD, rolledBack.step());
        assertTrue(rolledBack.cause().contains("connection lost"), rolledBack.cause());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(before, d.configDirectory());
        assertEquals(List.of("reload # old config"), d.reloads(), "the new config was never loaded; the old one was reloaded");
    }

    @Test
    void rollbackOfAFirstDeployRemovesTheNewFile() throws Exception {
        FakeDirector d = FakeDirector.createWithoutConfig(sshd, "first-deploy-bad-reload");
        Files.writeString(d.knownHosts(), sshd.knownHostsLine());

        DeployResult result = deployer().deploy(d.item("# new\n# RELOAD_FAIL\n"), DeployProgress.NONE);

        DeployResult.RolledBack rolledBack = assertInstanceOf(DeployResult.RolledBack.class, result, result.summaryLine());
        assertTrue(rolledBack.rollbackDetail().startsWith("new file removed (there was none before)"), rolledBack.rollbackDetail());
        assertTrue(Files.notExists(d.liveConfig()));
        assertEquals(List.of(), d.configDirectory());
    }

    @Test
    void backupsWithinTheSameSecondGetDistinctNames() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "same-second");
        Deployer deployer = deployer();

        assertEquals(DeployStatus.OK, deployer.deploy(d.item("# one\n"), DeployProgress.NONE).status());
        assertEquals(DeployStatus.OK, deployer.deploy(d.item("# two\n"), DeployProgress.NONE).status());

        List<Path> backups = d.backups();
        assertEquals(List.of("keepalived.conf.bak-20260304-050607", "keepalived.conf.bak-20260304-050607-1"),
                backups.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(FakeDirector.OLD_CONFIG, Files.readString(backups.get(0)));
        assertEquals("# one\n", Files.readString(backups.get(1)));
        assertEquals("# two\n", d.liveConfigText());
    }

    @Test
    void onlyTheNewestBackupsAreKept() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "retention");
        Path unrelated = d.liveConfig().resolveSibling("keepalived.conf.bak-by-hand");
        Files.writeString(unrelated, "mine\n");
        Deployer keepTwo = new Deployer(DeployOptions.DEFAULTS.withBackupsToKeep(2), PassphraseProvider.NONE, FIXED);

        for (int i = 1; i <= 4; i++) {
            assertEquals(DeployStatus.OK, keepTwo.deploy(d.item("# version " + i + "\n"), DeployProgress.NONE).status());
        }

        List<Path> backups = d.backups().stream().filter(p -> !p.equals(unrelated)).toList();
        assertEquals(List.of("keepalived.conf.bak-20260304-050607-2", "keepalived.conf.bak-20260304-050607-3"),
                backups.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals("# version 2\n", Files.readString(backups.get(0)));
        assertEquals("# version 3\n", Files.readString(backups.get(1)));
        assertTrue(Files.exists(unrelated), "files we did not name are never pruned");
    }

    @Test
    void dryRunWithoutRemoteValidationUploadsNothing() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "dry-no-validate");
        Deployer dry = new Deployer(DeployOptions.DEFAULTS.withDryRun(true).withValidateInDryRun(false), PassphraseProvider.NONE);

        DeployResult result = dry.deploy(d.item("VALIDATE_FAIL\n"), DeployProgress.NONE);

        DeployResult.WouldChange would = assertInstanceOf(DeployResult.WouldChange.class, result, result.summaryLine());
        assertEquals(false, would.validated());
        assertTrue(d.calls().isEmpty());
        assertTrue(result.summaryLine().contains("not validated"), result.summaryLine());
    }
}

package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStatus;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.testing.TestSshd;

/** One director's deploy against a real OpenSSH server on loopback. */
class DeployAgainstSshdTest extends AgainstOneSshd {

    private static final String NEW_CONFIG = "# new config\nvrrp_instance VI_1 {\n    priority 150\n}\n";
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);


    private static Deployer deployer() {
        return new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE, FIXED);
    }

    private static FakeDirector director(TestInfo test) throws IOException {
        return FakeDirector.create(sshd, test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void happyPathSwapsReloadsVerifiesAndKeepsABackup(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        RecordingProgress progress = new RecordingProgress();

        DeployResult result = deployer().deploy(d.item(NEW_CONFIG), progress);

        DeployResult.Ok ok = assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertEquals(NEW_CONFIG, d.liveConfigText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.liveConfig())));
        Path backup = d.liveConfig().resolveSibling("keepalived.conf.bak-20260304-050607");
        assertEquals(List.of(backup), d.backups());
        assertEquals(backup.toString(), ok.backupPath());
        assertEquals(FakeDirector.OLD_CONFIG, Files.readString(backup));
        assertEquals(List.of(), d.tempFiles());
        assertEquals(List.of("validate # new config", "reload # new config", "verify # new config"), d.calls());
        assertEquals(List.of(DeployStep.CONNECT, DeployStep.FETCH, DeployStep.DIFF, DeployStep.UPLOAD, DeployStep.VALIDATE,
                DeployStep.BACKUP, DeployStep.SWAP, DeployStep.RELOAD, DeployStep.VERIFY), progress.steps(d.name()));
        assertEquals(List.of(result), progress.finished());
        assertEquals(2, ok.diff().addedLines());
        assertEquals(2, ok.diff().removedLines());
        assertTrue(result.summaryLine().startsWith(d.name() + ": OK (+2 -2 lines; backup "), result.summaryLine());
    }

    /** The sudo file path (cat, mktemp + install, ln, mv, rm through sudo -n) as the test's own user. */
    @Test
    void withSudoTheFileOperationsGoThroughSudoAndLeaveNoTempFile(TestInfo test) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed");
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root, whose sudo -n needs no password");
        FakeDirector d = director(test);

        DeployResult result = deployer().deploy(new DeployItem(d.target().withSudo(true), NEW_CONFIG), new RecordingProgress());

        assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertEquals(NEW_CONFIG, d.liveConfigText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.liveConfig())));
        assertEquals(1, d.backups().size());
        assertEquals(FakeDirector.OLD_CONFIG, Files.readString(d.backups().get(0)));
        assertEquals(List.of(), d.tempFiles());
    }

    @Test
    void secondDeployOfTheSameConfigIsANoOp(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        Deployer deployer = deployer();
        assertEquals(DeployStatus.OK, deployer.deploy(d.item(NEW_CONFIG), new RecordingProgress()).status());
        List<String> callsAfterFirst = d.calls();
        List<String> filesAfterFirst = d.configDirectory();

        RecordingProgress progress = new RecordingProgress();
        DeployResult second = deployer.deploy(d.item(NEW_CONFIG), progress);

        assertInstanceOf(DeployResult.NoChange.class, second);
        assertEquals(callsAfterFirst, d.calls());
        assertEquals(filesAfterFirst, d.configDirectory());
        assertEquals(List.of(DeployStep.CONNECT, DeployStep.FETCH, DeployStep.DIFF), progress.steps(d.name()));
    }

    @Test
    void firstDeployWithoutAPreviousFileCreatesItWithMode0600(TestInfo test) throws Exception {
        FakeDirector d = FakeDirector.createWithoutConfig(sshd, test.getTestMethod().orElseThrow().getName());
        Files.writeString(d.knownHosts(), sshd.knownHostsLine());

        DeployResult result = deployer().deploy(d.item(NEW_CONFIG), DeployProgress.NONE);

        DeployResult.Ok ok = assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertNull(ok.backupPath());
        assertEquals(NEW_CONFIG, d.liveConfigText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.liveConfig())));
        assertEquals(List.of("keepalived.conf"), d.configDirectory());
    }

    @Test
    void remoteValidationFailureReplacesNothing(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        List<String> before = d.configDirectory();

        DeployResult result = deployer().deploy(d.item(NEW_CONFIG + "VALIDATE_FAIL\n"), DeployProgress.NONE);

        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result, result.summaryLine());
        assertEquals(DeployStep.VALIDATE, failed.step());
        assertTrue(failed.cause().contains("unknown keyword 'VALIDATE_FAIL'"), failed.cause());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(before, d.configDirectory());
        assertTrue(d.reloads().isEmpty());
        assertTrue(result.summaryLine().endsWith("(nothing changed)"), result.summaryLine());
    }

    @Test
    void reloadFailureRestoresTheBackupAndReloadsAgain(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        List<String> before = d.configDirectory();

        DeployResult result = deployer().deploy(d.item(NEW_CONFIG + "# RELOAD_FAIL\n"), DeployProgress.NONE);

        DeployResult.RolledBack rolledBack = assertInstanceOf(DeployResult.RolledBack.class, result, result.summaryLine());
        assertEquals(DeployStep.RELOAD, rolledBack.step());
        assertTrue(rolledBack.cause().contains("reload refused: bad config"), rolledBack.cause());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(before, d.configDirectory(), "backup moved back into place, temp gone");
        assertEquals(List.of("reload # new config", "reload # old config"), d.reloads());
        // the restored file is the original inode: its original mode survives
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.liveConfig())));
    }

    @Test
    void verifyFailureRollsBack(TestInfo test) throws Exception {
        FakeDirector d = director(test);

        DeployResult result = deployer().deploy(d.item(NEW_CONFIG + "# VERIFY_FAIL\n"), DeployProgress.NONE);

        DeployResult.RolledBack rolledBack = assertInstanceOf(DeployResult.RolledBack.class, result, result.summaryLine());
        assertEquals(DeployStep.VERIFY, rolledBack.step());
        assertTrue(rolledBack.cause().contains("daemon is not running"), rolledBack.cause());
        assertTrue(rolledBack.rollbackDetail().contains("verify passes again"), rolledBack.rollbackDetail());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(List.of("validate # new config", "reload # new config", "verify # new config",
                "reload # old config", "verify # old config"), d.calls());
        assertEquals(List.of(), d.backups());
        assertEquals(List.of(), d.tempFiles());
    }

    @Test
    void dryRunShowsTheDiffAndChangesNothing(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        List<String> before = d.configDirectory();
        Deployer dryRun = new Deployer(DeployOptions.DEFAULTS.withDryRun(true), PassphraseProvider.NONE, FIXED);

        DeployResult result = dryRun.deploy(d.item(NEW_CONFIG), DeployProgress.NONE);

        DeployResult.WouldChange would = assertInstanceOf(DeployResult.WouldChange.class, result, result.summaryLine());
        assertTrue(would.validated());
        String diff = would.diff().render(true);
        assertTrue(diff.contains("\n-# old config\n"), diff);
        assertTrue(diff.contains("\n+    priority 150\n"), diff);
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(before, d.configDirectory());
        assertEquals(List.of("validate # new config"), d.calls(), "only the temp copy was validated");

        DeployResult invalid = dryRun.deploy(d.item("VALIDATE_FAIL\n"), DeployProgress.NONE);
        assertEquals(DeployStep.VALIDATE, assertInstanceOf(DeployResult.Failed.class, invalid).step());
        assertEquals(before, d.configDirectory());
        assertTrue(d.reloads().isEmpty());
    }

    @Test
    void cancellationBeforeTheSwapLeavesEverythingAsItWas(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        List<String> before = d.configDirectory();
        RecordingProgress cancelAfterBackup = new RecordingProgress((director, step) -> step == DeployStep.BACKUP);

        DeployResult result = deployer().deploy(d.item(NEW_CONFIG), cancelAfterBackup);

        DeployResult.Cancelled cancelled = assertInstanceOf(DeployResult.Cancelled.class, result, result.summaryLine());
        assertEquals(DeployStep.SWAP, cancelled.beforeStep());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(before, d.configDirectory(), "temp and backup removed");
        assertTrue(d.reloads().isEmpty());
    }

    @Test
    void cancellationIsIgnoredOnceTheNewFileIsLive(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        RecordingProgress cancelAfterSwap = new RecordingProgress((director, step) -> step == DeployStep.SWAP);

        DeployResult result = deployer().deploy(d.item(NEW_CONFIG), cancelAfterSwap);

        assertEquals(DeployStatus.OK, result.status(), result.summaryLine());
        assertEquals(List.of("reload # new config"), d.reloads());
    }

    @Test
    void connectionDroppedMidUploadLeavesTheOldConfigAndNoTempFile(TestInfo test) throws Exception {
        FakeDirector d = director(test);
        List<String> before = d.configDirectory();
        // large enough that the upload is still running when the connection is killed
        String big = "# big\n" + "# padding line to make the upload take a while ..........................\n".repeat(600_000);
        DropConnectionMidUpload dropper = new DropConnectionMidUpload(sshd, 1 << 20);

        DeployResult result = deployer().deploy(d.item(big), dropper);

        assertTrue(dropper.killed() > 0, "an sshd connection process was killed");
        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result, result.summaryLine());
        assertEquals(DeployStep.UPLOAD, failed.step());
        assertTrue(failed.cause().contains("connection lost"), failed.cause());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(before, d.configDirectory(), "the temp file was removed over a new connection");
        assertTrue(d.calls().isEmpty());
    }

    @Test
    void realKeepalivedValidatesTheUploadedTempFile(TestInfo test) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "needs keepalived (apt-get install keepalived)");
        String iface = KeepalivedConfigs.someNonLoopbackInterface();
        assumeTrue(iface != null, "needs a non-loopback interface name for keepalived -t");
        FakeDirector d = director(test);
        var target = d.target().withCommands("/usr/sbin/keepalived -t -f {file}", d.target().reloadCommand(), d.target().verifyCommand());
        String valid = KeepalivedConfigs.lvs1(iface);

        DeployResult ok = deployer().deploy(new org.vrrpstudio.deploy.DeployItem(target, valid), DeployProgress.NONE);
        assertEquals(DeployStatus.OK, ok.status(), ok.summaryLine());
        assertEquals(valid, d.liveConfigText());

        String broken = valid.replace("virtual_router_id 51", "virtual_router_id 300");
        DeployResult rejected = deployer().deploy(new org.vrrpstudio.deploy.DeployItem(target, broken), DeployProgress.NONE);
        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, rejected, rejected.summaryLine());
        assertEquals(DeployStep.VALIDATE, failed.step());
        assertTrue(failed.cause().contains("300"), failed.cause());
        assertFalse(failed.cause().contains("s3cr3tPW"), "secrets are masked in messages");
        assertEquals(valid, d.liveConfigText());
    }
}

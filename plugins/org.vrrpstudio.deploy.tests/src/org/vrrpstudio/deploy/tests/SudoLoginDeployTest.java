package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.testing.TestSshd;

/**
 * Deploy as a login user without root rights, the way sites that forbid root logins work: the director's config
 * folder is root's and closed (0700), so every file operation must go through {@code sudo -n}. The users exist only
 * for the test's sshd (its own mount namespace), never on the host.
 */
class SudoLoginDeployTest {

    private static final String NEW_CONFIG = "# new config\nvrrp_instance VI_1 {\n    priority 150\n}\n";
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    static Path tmp;
    static TestSshd sshd;

    @BeforeAll
    static void startSshdWithAccounts() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: the test's sshd gets its own account files in a mount namespace");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (Debian package sudo)");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        sshd = TestSshd.startWithAccounts(tmp.resolve("sshd"), null);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
            sshd = null;
        }
    }

    private static FakeDirector closedDirector(TestInfo test) throws IOException {
        FakeDirector d = FakeDirector.create(sshd, test.getTestMethod().orElseThrow().getName());
        Files.setPosixFilePermissions(d.liveConfig().getParent(), PosixFilePermissions.fromString("rwx------"));
        return d;
    }

    private static Deployer deployer() {
        return new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE, FIXED);
    }

    @Test
    void aSudoerWithoutPasswordDeploysARootOwned0600FileAndLeavesNoTempFolder(TestInfo test) throws Exception {
        FakeDirector d = closedDirector(test);
        List<Path> stagingBefore = stagingFoldersOf(4242);

        DeployResult result = deployer().deploy(new DeployItem(d.targetAsSudoer(TestSshd.SUDO_USER), NEW_CONFIG),
                DeployProgress.NONE);

        assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertEquals(NEW_CONFIG, d.liveConfigText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.liveConfig())));
        assertEquals(0, Files.getAttribute(d.liveConfig(), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, Files.getAttribute(d.liveConfig(), "unix:gid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(1, d.backups().size(), "the old file kept as a backup, listed through sudo");
        assertEquals(FakeDirector.OLD_CONFIG, Files.readString(d.backups().get(0)));
        assertEquals(List.of(), d.tempFiles());
        assertEquals(List.of("validate # new config", "reload # new config", "verify # new config"), d.calls());
        assertEquals(stagingBefore, stagingFoldersOf(4242), "the login user's private upload folder is removed");
        assertTrue(sshd.log().contains("Accepted publickey for " + TestSshd.SUDO_USER), "logged in as the non-root user");
    }

    @Test
    void aSecondDeployOfTheSameFileThroughSudoChangesNothing(TestInfo test) throws Exception {
        FakeDirector d = closedDirector(test);
        DeployItem item = new DeployItem(d.targetAsSudoer(TestSshd.SUDO_USER), NEW_CONFIG);
        assertInstanceOf(DeployResult.Ok.class, deployer().deploy(item, DeployProgress.NONE));
        List<String> folder = d.configDirectory();

        DeployResult second = deployer().deploy(item, DeployProgress.NONE);

        assertInstanceOf(DeployResult.NoChange.class, second, second.summaryLine());
        assertEquals(folder, d.configDirectory());
    }

    @Test
    void aSudoThatWantsAPasswordIsOneLineAndTheFileStaysAsItWas(TestInfo test) throws Exception {
        FakeDirector d = closedDirector(test);
        List<String> before = d.configDirectory();

        DeployResult result = deployer().deploy(new DeployItem(d.targetAsSudoer(TestSshd.PASSWORD_SUDO_USER), NEW_CONFIG),
                DeployProgress.NONE);

        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result, result.summaryLine());
        assertEquals(DeployStep.FETCH, failed.step());
        assertTrue(failed.cause().contains("sudo on 127.0.0.1 wants a password for " + TestSshd.PASSWORD_SUDO_USER),
                failed.cause());
        assertFalse(result.summaryLine().contains("\n"), result.summaryLine());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(before, d.configDirectory());
        assertEquals(List.of(), d.calls());
    }

    @Test
    void withoutSudoTheClosedFolderIsAClearFailureAndNothingChanges(TestInfo test) throws Exception {
        FakeDirector d = closedDirector(test);
        List<String> before = d.configDirectory();

        DeployResult result = deployer().deploy(
                new DeployItem(d.targetAsSudoer(TestSshd.SUDO_USER).withSudo(false), NEW_CONFIG), DeployProgress.NONE);

        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result, result.summaryLine());
        assertEquals(DeployStep.FETCH, failed.step());
        assertTrue(failed.cause().contains(d.liveConfig().toString()), failed.cause());
        assertFalse(result.summaryLine().contains("\n"), result.summaryLine());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
        assertEquals(before, d.configDirectory());
    }

    /** mktemp folders in /tmp owned by the uid: the staging folders of uploads through sudo. */
    private static List<Path> stagingFoldersOf(int uid) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/tmp"))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("tmp.")).filter(p -> {
                try {
                    return uid == (int) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                } catch (IOException gone) {
                    return false;
                }
            }).sorted().toList();
        }
    }
}

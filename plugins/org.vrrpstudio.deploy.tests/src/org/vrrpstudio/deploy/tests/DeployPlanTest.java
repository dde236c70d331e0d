package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStatus;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.testing.TestSshd;

/** Ordering, stop-on-failure within a pair, and bounded parallelism across pairs. */
class DeployPlanTest extends AgainstOneSshd {

    private static final String NEW = "# new\n";


    @Test
    void aPairStopsAtTheFirstFailureSoTheMasterKeepsItsConfig() throws Exception {
        FakeDirector backup = FakeDirector.create(sshd, "pair1-backup");
        FakeDirector master = FakeDirector.create(sshd, "pair1-master");
        DeployPlan plan = DeployPlan.sequential(List.of(backup.item("VALIDATE_FAIL\n"), master.item(NEW)));

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).run(plan, DeployProgress.NONE);

        assertEquals(List.of(DeployStatus.FAILED, DeployStatus.SKIPPED), result.results().stream().map(DeployResult::status).toList());
        assertEquals("pair1-master: SKIPPED (not attempted: pair1-backup ended FAILED)", result.results().get(1).summaryLine());
        assertEquals(FakeDirector.OLD_CONFIG, master.liveConfigText());
        assertTrue(master.calls().isEmpty());
        assertFalse(result.allSucceeded());
        assertEquals("1 FAILED, 1 SKIPPED", result.totals());
    }

    @Test
    void directorsOfAPairGoOneAfterTheOtherInTheGivenOrder() throws Exception {
        FakeDirector backup = FakeDirector.create(sshd, "pair2-backup");
        FakeDirector master = FakeDirector.create(sshd, "pair2-master");
        List<String> order = new ArrayList<>();
        DeployProgress progress = new DeployProgress() {
            @Override
            public synchronized void stepStarted(String director, DeployStep step) {
                order.add(director + ":" + step);
            }
        };

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE)
                .run(DeployPlan.sequential(List.of(backup.item(NEW), master.item(NEW))), progress);

        assertTrue(result.allSucceeded(), String.join("\n", result.summaryLines()));
        int lastBackupStep = order.lastIndexOf("pair2-backup:VERIFY");
        int firstMasterStep = order.indexOf("pair2-master:CONNECT");
        assertTrue(lastBackupStep >= 0 && lastBackupStep < firstMasterStep, order.toString());
    }

    @Test
    void independentPairsRunInParallelUpToTheBoundAndDoNotStopEachOther() throws Exception {
        List<List<DeployItem>> groups = new ArrayList<>();
        List<FakeDirector> directors = new ArrayList<>();
        for (int pair = 0; pair < 4; pair++) {
            FakeDirector b = FakeDirector.create(sshd, "par" + pair + "-backup");
            FakeDirector m = FakeDirector.create(sshd, "par" + pair + "-master");
            directors.add(b);
            directors.add(m);
            groups.add(List.of(b.item(pair == 1 ? "VALIDATE_FAIL\n" : NEW), m.item(NEW)));
        }
        ConcurrencyMeter meter = new ConcurrencyMeter();

        PlanResult result = new Deployer(DeployOptions.DEFAULTS.withMaxParallelGroups(2), PassphraseProvider.NONE)
                .run(DeployPlan.ofGroups(groups), meter);

        assertEquals(List.of("par0-backup", "par0-master", "par1-backup", "par1-master", "par2-backup", "par2-master",
                "par3-backup", "par3-master"), result.results().stream().map(DeployResult::director).toList());
        assertEquals(List.of(DeployStatus.OK, DeployStatus.OK, DeployStatus.FAILED, DeployStatus.SKIPPED, DeployStatus.OK,
                DeployStatus.OK, DeployStatus.OK, DeployStatus.OK), result.results().stream().map(DeployResult::status).toList());
        assertEquals(2, meter.maximum(), "two pairs at a time, never more");
        assertEquals(FakeDirector.OLD_CONFIG, directors.get(3).liveConfigText());
        assertEquals(NEW, directors.get(7).liveConfigText());
    }

    @Test
    void aDryRunShowsEveryDirectorEvenAfterAFailure() throws Exception {
        FakeDirector a = FakeDirector.create(sshd, "dry-a");
        FakeDirector b = FakeDirector.create(sshd, "dry-b");

        PlanResult result = new Deployer(DeployOptions.DEFAULTS.withDryRun(true), PassphraseProvider.NONE)
                .run(DeployPlan.sequential(List.of(a.item("VALIDATE_FAIL\n"), b.item(NEW))), DeployProgress.NONE);

        assertEquals(List.of(DeployStatus.FAILED, DeployStatus.WOULD_CHANGE), result.results().stream().map(DeployResult::status).toList());
        assertEquals(FakeDirector.OLD_CONFIG, b.liveConfigText());
        assertTrue(b.reloads().isEmpty());
    }

    @Test
    void parallelFirstContactsSharingOneKnownHostsFileAddTheKeyOnce() throws Exception {
        Path sharedKnownHosts = tmp.resolve("shared_known_hosts");
        List<DeployItem> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            FakeDirector d = FakeDirector.createWithoutConfig(sshd, "shared-kh-" + i);
            var t = d.target();
            items.add(new DeployItem(new org.vrrpstudio.deploy.DeployTarget(t.director(), t.host(), t.port(), t.user(),
                    t.identityFile(), sharedKnownHosts, t.remoteConfigPath(), t.kind(), t.validateCommand(), t.reloadCommand(),
                    t.verifyCommand()), NEW));
        }

        PlanResult result = new Deployer(DeployOptions.DEFAULTS.withAcceptNewHostKey(true).withMaxParallelGroups(6),
                PassphraseProvider.NONE).run(DeployPlan.independent(items), DeployProgress.NONE);

        assertTrue(result.allSucceeded(), String.join("\n", result.summaryLines()));
        assertEquals(sshd.knownHostsLine(), java.nio.file.Files.readString(sharedKnownHosts));
    }

    @Test
    void twoDirectorsWritingTheSameRemoteFileAreRejected() throws Exception {
        FakeDirector a = FakeDirector.create(sshd, "dup");
        var e = assertThrows(IllegalArgumentException.class, () -> DeployPlan.ofGroups(List.of(List.of(a.item(NEW)),
                List.of(new DeployItem(a.target().withCommands(null, null, null), NEW)))));
        assertTrue(e.getMessage().contains("both deploy to [127.0.0.1]:" + sshd.port()), e.getMessage());
    }

    /** Counts how many directors are between CONNECT and their result at the same time. */
    private static final class ConcurrencyMeter implements DeployProgress {
        private final Set<String> active = ConcurrentHashMap.newKeySet();
        private final AtomicInteger maximum = new AtomicInteger();

        @Override
        public void stepStarted(String director, DeployStep step) {
            if (step == DeployStep.CONNECT) {
                active.add(director);
                maximum.accumulateAndGet(active.size(), Math::max);
            }
        }

        @Override
        public void finished(DeployResult result) {
            active.remove(result.director());
        }

        int maximum() {
            return maximum.get();
        }
    }
}

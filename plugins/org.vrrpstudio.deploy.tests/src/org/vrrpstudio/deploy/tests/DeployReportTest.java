package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployReport;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStatus;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.deploy.diff.UnifiedDiff;
import org.vrrpstudio.testing.TestSshd;

/** What the CLI prints for a deploy: each director's masked diff (when asked for), then its one summary line. */
class DeployReportTest {

    private static final String LIVE = """
            vrrp_instance VI_1 {
                authentication {
                    auth_pass oldSecret1
                }
                priority 100
            }
            """;
    private static final String WANTED = LIVE.replace("oldSecret1", "newSecret2").replace("priority 100", "priority 150");

    @TempDir
    static Path tmp;
    static TestSshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        if (TestSshd.available()) {
            sshd = TestSshd.start(tmp.resolve("sshd"));
        }
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

    @Test
    void aDryRunShowsEachChangedDirectorsMaskedDiffBeforeItsSummaryLine() throws Exception {
        needSshd();
        FakeDirector changed = FakeDirector.create(sshd, "report-changed");
        changed.writeLiveConfig(LIVE);
        FakeDirector same = FakeDirector.create(sshd, "report-same");
        same.writeLiveConfig(WANTED);
        FakeDirector rejected = FakeDirector.create(sshd, "report-rejected");
        DeployPlan plan = DeployPlan.sequential(List.of(changed.item(WANTED), same.item(WANTED), rejected.item("VALIDATE_FAIL\n")));

        PlanResult result = new Deployer(DeployOptions.DEFAULTS.withDryRun(true), PassphraseProvider.NONE).run(plan, DeployProgress.NONE);
        String report = DeployReport.of(result, true);

        String live = changed.liveConfig().toString();
        assertEquals("--- " + live + " (on report-changed)\n"
                + "+++ " + live + " (new)\n"
                + """
                @@ -1,6 +1,6 @@
                 vrrp_instance VI_1 {
                     authentication {
                -        auth_pass ********
                +        auth_pass ********
                     }
                -    priority 100
                +    priority 150
                 }
                report-changed: WOULD_CHANGE (+2 -2 lines, validated on director; dry run, nothing changed)

                report-same: NO_CHANGE (config already up to date)
                """
                + result.results().get(2).summaryLine() + "\n", report);
        assertEquals(DeployStatus.FAILED, result.results().get(2).status(), "a rejected config has no diff to show, only why");
        assertFalse(report.contains("Secret"), "neither the old nor the new auth_pass is shown");
        assertEquals(LIVE, changed.liveConfigText(), "a dry run changes nothing");
        assertEquals(result.summaryLines(), summaryLinesIn(report), "grep '^NAME: ' still finds exactly the summary lines");
    }

    @Test
    void aRealDeployPrintsOnlySummaryLinesUnlessDiffsAreAskedFor() throws Exception {
        needSshd();
        FakeDirector d = FakeDirector.create(sshd, "report-real");
        d.writeLiveConfig(LIVE);
        Deployer deployer = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE);

        PlanResult first = deployer.run(DeployPlan.sequential(List.of(d.item(WANTED))), DeployProgress.NONE);

        assertEquals(DeployStatus.OK, first.results().get(0).status(), first.summaryLines()::toString);
        assertEquals(first.summaryLines().get(0) + "\n", DeployReport.of(first, false));
        String withDiff = DeployReport.of(first, true);
        assertTrue(withDiff.contains("\n-    priority 100\n+    priority 150\n"), withDiff);
        assertTrue(withDiff.endsWith("\n" + first.summaryLines().get(0) + "\n"), withDiff);
        assertFalse(withDiff.contains("Secret"), withDiff);

        PlanResult again = deployer.run(DeployPlan.sequential(List.of(d.item(WANTED))), DeployProgress.NONE);
        assertEquals("report-real: NO_CHANGE (config already up to date)\n", DeployReport.of(again, true), "no changes, no diff");
    }

    @Test
    void resultsWithoutAChangeToShowAreTheirSummaryLineEvenInDiffMode() {
        UnifiedDiff diff = UnifiedDiff.between("old", LIVE, "new", WANTED);
        DeployResult wouldChange = new DeployResult.WouldChange("a", diff, false);
        DeployResult rolledBack = new DeployResult.RolledBack("b", DeployStep.VERIFY, "verify failed (exit 1)", "previous config restored and reloaded");
        DeployResult skipped = new DeployResult.Skipped("c", "not attempted: b ended ROLLED_BACK");

        assertEquals(diff.render(true) + wouldChange.summaryLine() + "\n", DeployReport.director(wouldChange, true));
        assertTrue(diff.render(false).contains("newSecret2"), "the raw diff has the secret: the report is what masks it");
        assertEquals(rolledBack.summaryLine() + "\n", DeployReport.director(rolledBack, true));
        assertEquals(rolledBack.summaryLine() + "\n" + skipped.summaryLine() + "\n",
                DeployReport.of(new PlanResult(List.of(rolledBack, skipped)), true), "no blank lines between plain summary lines");
        assertEquals(wouldChange.summaryLine() + "\n", DeployReport.director(wouldChange, false));
    }

    private static List<String> summaryLinesIn(String report) {
        return report.lines().filter(line -> line.matches("^report-[a-z]+: .*")).toList();
    }
}

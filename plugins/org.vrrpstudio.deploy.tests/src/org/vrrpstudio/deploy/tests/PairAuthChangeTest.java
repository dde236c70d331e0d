package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.deploy.internal.AuthChange;

/** A deploy that changes a pair's authentication: warned about, and swapped on both directors or on neither. */
class PairAuthChangeTest extends AgainstOneSshd {

    private static String config(String password, String extra) {
        return """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    authentication {
                        auth_type AH
                        auth_pass %s
                    }
                    virtual_ipaddress {
                        192.0.2.10
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        192.0.2.11
                    }
                }
                %s""".formatted(password, extra);
    }

    @Test
    void authChangeNamesTheInstancesWhosePasswordOrTypeDiffersAndNoSecret() {
        assertEquals(List.of("VI_1"), AuthChange.between(config("old", ""), config("new", "")));
        assertEquals(List.of(), AuthChange.between(config("same", ""), config("same", "# a comment\n")));
        assertEquals(List.of("VI_1"), AuthChange.between(config("k@l!ve1", ""), config("\"k@l!ve1\"", "")),
                "k@l!ve1 is k@l to keepalived; quoted it is the whole word: a new password");
        List<String> changed = AuthChange.between(config("s3cretOld", ""), config("s3cretNew", ""));
        assertTrue(!AuthChange.warning(changed).contains("s3cret"), "the warning names instances, never passwords");
    }

    @Test
    void whenOneDirectorCannotTakeItsFileNeitherSwapsTheNewPassword() throws Exception {
        FakeDirector d1 = FakeDirector.create(sshd, "pairA1");
        FakeDirector d2 = FakeDirector.create(sshd, "pairA2");
        d1.writeLiveConfig(config("old", ""));
        d2.writeLiveConfig(config("old", ""));
        List<String> warnings = new CopyOnWriteArrayList<>();
        DeployProgress progress = new DeployProgress() {
            @Override
            public void warning(String director, String message) {
                warnings.add(director + ": " + message);
            }
        };

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).run(
                DeployPlan.sequential(List.of(d1.item(config("new", "")), d2.item(config("new", "# VALIDATE_FAIL\n")))), progress);

        DeployResult first = result.results().get(0);
        DeployResult.Skipped skipped = assertInstanceOf(DeployResult.Skipped.class, first, first.summaryLine());
        assertTrue(skipped.reason().startsWith("not swapped: pairA2 could not take its new file"), skipped.reason());
        assertInstanceOf(DeployResult.Failed.class, result.results().get(1), result.results().get(1).summaryLine());
        assertEquals(config("old", ""), d1.liveConfigText(), "no director runs the new password alone");
        assertEquals(config("old", ""), d2.liveConfigText());
        assertEquals(List.of(), d1.reloads());
        assertTrue(d1.tempFiles().isEmpty(), d1.tempFiles()::toString);
        assertTrue(warnings.contains("pairA1: " + AuthChange.warning(List.of("VI_1"))), warnings::toString);
    }

    @Test
    void bothSwapAndReloadWhenBothCan() throws Exception {
        FakeDirector d1 = FakeDirector.create(sshd, "pairB1");
        FakeDirector d2 = FakeDirector.create(sshd, "pairB2");
        d1.writeLiveConfig(config("old", ""));
        d2.writeLiveConfig(config("old", ""));
        List<String> warnings = new CopyOnWriteArrayList<>();
        DeployProgress progress = new DeployProgress() {
            @Override
            public void warning(String director, String message) {
                warnings.add(director + ": " + message);
            }
        };

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).run(
                DeployPlan.sequential(List.of(d1.item(config("new", "")), d2.item(config("new", "")))), progress);

        assertTrue(result.allSucceeded(), () -> String.join("\n", result.summaryLines()));
        assertEquals(config("new", ""), d1.liveConfigText());
        assertEquals(config("new", ""), d2.liveConfigText());
        assertEquals(1, d1.reloads().size());
        assertEquals(1, d2.reloads().size());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("pairB1: authentication changed on pairB1 and pairB2: reloaded ")),
                warnings::toString);
    }
}

package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.KeepalivedDataDump;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.internal.LiveStateQuery;
import org.vrrpstudio.deploy.internal.LiveStates;
import org.vrrpstudio.deploy.internal.SshConnector;
import org.vrrpstudio.testing.TestSshd;

/**
 * The keepalived verify and status commands against a real keepalived 2.2.7 in a namespace of its own, deployed to
 * through a real sshd: the director's reload is SIGHUP to that keepalived, its verify reads keepalived's data dump.
 */
class KeepalivedVerifyTest extends AgainstOneSshd {

    private static final Duration WAIT = Duration.ofSeconds(3);

    private KeepalivedInNamespace keepalived;

    @AfterEach
    void stopKeepalived() throws Exception {
        if (keepalived != null) {
            keepalived.close();
        }
    }

    /** keepalived tests a new file itself before it reloads (as a careful director would have it). */
    private static String config(String... instances) {
        StringBuilder text = new StringBuilder("global_defs {\n    reload_check_config\n}\n");
        int vrid = 50;
        for (String instance : instances) {
            String[] nameAndInterface = instance.split("@");
            text.append("""
                    vrrp_instance %s {
                        state BACKUP
                        interface %s
                        virtual_router_id %d
                        priority 100
                        advert_int 1
                        authentication {
                            auth_type PASS
                            auth_pass s3cr3tPW
                        }
                        virtual_ipaddress {
                            192.0.2.%d
                        }
                    }
                    """.formatted(nameAndInterface[0], nameAndInterface[1], ++vrid, vrid));
        }
        return text.toString();
    }

    private FakeDirector directorRunning(TestInfo test, String liveConfig, String... interfaces) throws Exception {
        assumeTrue(KeepalivedInNamespace.available(), "needs root, keepalived and iproute2");
        FakeDirector d = FakeDirector.create(sshd, test.getTestMethod().orElseThrow().getName());
        d.writeLiveConfig(liveConfig);
        keepalived = KeepalivedInNamespace.start(d.root().resolve("keepalived"), d.liveConfig(), interfaces);
        return d;
    }

    private DeployTarget target(FakeDirector d) {
        KeepalivedDataDump dump = keepalived.dataDump();
        return d.target().withCommands(keepalived.validateCommand(), keepalived.reloadCommand(), dump.verifyCommand(WAIT))
                .withStatusCommand(dump.statusCommand());
    }

    private static Deployer deployer() {
        return new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE);
    }

    @Test
    void aGoodDeployIsVerifiedByEveryInstanceReportingAState(TestInfo test) throws Exception {
        FakeDirector d = directorRunning(test, config("VI_1@vrrpt0"), "vrrpt0");
        String next = config("VI_1@vrrpt0", "VI_2@vrrpt0");

        DeployResult result = deployer().deploy(new DeployItem(target(d), next), DeployProgress.NONE);

        assertInstanceOf(DeployResult.Ok.class, result, result.summaryLine());
        assertEquals(next, d.liveConfigText());
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(keepalived.dataDump().dataFile())),
                "the verify removes the dump it asked for (it holds auth_pass in clear)");
        List<String> dumped = keepalived.dumpedStates();
        assertEquals(List.of("VI_1", "VI_2"), dumped.stream().map(s -> s.substring(0, s.indexOf(' '))).toList(), dumped::toString);

        // the status command before a pair's deploy reads the same dump: names and states, nothing else
        LiveStates live = new LiveStateQuery(new SshConnector(DeployOptions.DEFAULTS, PassphraseProvider.NONE)).read(target(d));
        assertEquals(List.of("VI_1", "VI_2"), List.copyOf(live.stateByInstance().keySet()));
        assertTrue(Set.of("MASTER", "BACKUP").containsAll(live.stateByInstance().values()), live::toString);
    }

    @Test
    void anInstanceKeepalivedCannotRunFailsTheVerifyAndIsRolledBack(TestInfo test) throws Exception {
        String running = config("VI_1@vrrpt0", "VI_2@vrrpt0");
        FakeDirector d = directorRunning(test, running, "vrrpt0", "vrrpt2");
        String next = config("VI_1@vrrpt0", "VI_3@vrrpt2"); // valid: vrrpt2 exists when keepalived -t checks it
        // ... and gone by the reload, so keepalived's own pre-reload test refuses the file and runs on with the old one
        DeployProgress interfaceVanishesAtTheSwap = new DeployProgress() {
            @Override
            public void stepStarted(String director, DeployStep step) {
                if (step == DeployStep.SWAP) {
                    try {
                        keepalived.deleteInterface("vrrpt2");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };

        DeployResult result = deployer().deploy(new DeployItem(target(d), next), interfaceVanishesAtTheSwap);

        DeployResult.RolledBack rolledBack = assertInstanceOf(DeployResult.RolledBack.class, result, result.summaryLine());
        assertEquals(DeployStep.VERIFY, rolledBack.step());
        assertEquals("verify failed (exit 1): keepalived reports no state for VI_3 (waited 3 s after the reload)", rolledBack.cause());
        assertEquals("previous config restored and reloaded, verify passes again", rolledBack.rollbackDetail());
        assertEquals(running, d.liveConfigText());
        assertTrue(keepalived.isRunning());
        List<String> dumped = keepalived.dumpedStates();
        assertEquals(List.of("VI_1", "VI_2"), dumped.stream().map(s -> s.substring(0, s.indexOf(' '))).toList(), dumped::toString);
        assertTrue(Files.readString(keepalived.log()).contains("New config failed validation"), "keepalived refused the reload");
    }

    @Test
    void aFileKeepalivedCannotRunIsRefusedAtValidateEvenWithTheAhWarningBesideIt(TestInfo test) throws Exception {
        String running = config("VI_1@vrrpt0");
        FakeDirector d = directorRunning(test, running, "vrrpt0");
        // keepalived warns about VI_2 (AH clears state MASTER) and refuses VI_3's virtual router id
        String next = running + """
                vrrp_instance VI_2 {
                    state MASTER
                    interface vrrpt0
                    virtual_router_id 60
                    priority 150
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.0.2.60
                    }
                }
                vrrp_instance VI_3 {
                    interface vrrpt0
                    virtual_router_id 300
                    virtual_ipaddress {
                        192.0.2.61
                    }
                }
                """;

        DeployResult result = deployer().deploy(new DeployItem(target(d), next), DeployProgress.NONE);

        DeployResult.Failed failed = assertInstanceOf(DeployResult.Failed.class, result, result.summaryLine());
        assertEquals(DeployStep.VALIDATE, failed.step());
        assertTrue(failed.cause().startsWith("the director rejected the new config (exit 5): "), failed.cause());
        assertTrue(failed.cause().contains("number '300' outside range"), failed.cause());
        assertEquals(running, d.liveConfigText());
    }

    @Test
    void aStoppedKeepalivedFailsTheVerifyNamingThePidFile(TestInfo test) throws Exception {
        FakeDirector d = FakeDirector.create(sshd, test.getTestMethod().orElseThrow().getName());
        Path pidFile = d.root().resolve("keepalived.pid"); // no keepalived wrote it
        KeepalivedDataDump dump = new KeepalivedDataDump(pidFile.toString(), d.root().resolve("keepalived.data").toString());
        DeployTarget target = d.target().withCommands(d.target().validateCommand(), d.target().reloadCommand(), dump.verifyCommand(WAIT));

        DeployResult result = deployer().deploy(new DeployItem(target, config("VI_1@eth0")), DeployProgress.NONE);

        DeployResult.RolledBack rolledBack = assertInstanceOf(DeployResult.RolledBack.class, result, result.summaryLine());
        assertEquals("verify failed (exit 1): keepalived is not running: no PID in " + pidFile, rolledBack.cause());
        assertTrue(rolledBack.rollbackDetail().contains("verify still fails with the previous config"), rolledBack.rollbackDetail());
        assertEquals(FakeDirector.OLD_CONFIG, d.liveConfigText());
    }
}

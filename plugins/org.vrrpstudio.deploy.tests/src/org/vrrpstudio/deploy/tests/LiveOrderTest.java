package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.GroupOrder;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.testing.TestSshd;

/**
 * A live-ordered pair asks both daemons who is MASTER now (one status command each, through a real sshd) and
 * deploys the director holding fewer instances first, whatever the plan's order; an unreadable status keeps the
 * plan's order and says why.
 */
class LiveOrderTest extends AgainstOneSshd {

    private static final String NEW_CONFIG = "# new config\nvrrp_instance VI_1 {\n    priority 150\n}\n";

    /** The agent's {@code status --json} document as StatusJson writes it: MASTER of VI_1 and VI_2. */
    private static final String AGENT_MASTER_OF_TWO = """
            {"time":"2026-12-04T10:00:00Z","instances":[\
            {"name":"VI_1","interface":"eth0","vrid":51,"state":"MASTER","priority":150,"master":"10.0.0.1","fault":null,\
            "vips":["192.0.2.10"]},\
            {"name":"VI_2","interface":"eth0","vrid":52,"state":"MASTER","priority":150,"master":"10.0.0.1","fault":null,\
            "vips":["192.0.2.11"]},\
            {"name":"VI_3","interface":"eth0","vrid":53,"state":"BACKUP","priority":100,"master":"10.0.0.2","fault":null,\
            "vips":[]}],\
            "counters":{"advertsSent":12,"advertsReceived":30,"rejected":{}},\
            "transitions":[{"time":"2026-12-04T09:59:00Z","instance":"VI_3","from":"MASTER","to":"BACKUP",\
            "reason":"HIGHER_PRIORITY_ADVERT"}]}
            """;
    /** What the keepalived status command prints: MASTER of VI_3 only. */
    private static final String KEEPALIVED_MASTER_OF_ONE = "VI_1 BACKUP\nVI_2 BACKUP\nVI_3 MASTER\n";


    private static FakeDirector director(TestInfo test, String name) throws Exception {
        return FakeDirector.create(sshd, test.getTestMethod().orElseThrow().getName() + "-" + name);
    }

    private static DeployPlan liveOrdered(FakeDirector first, FakeDirector second, String config) {
        return DeployPlan.sequential(List.of(first.item(config), second.item(config))).orderedByLiveState(true);
    }

    private static List<String> deployedOrder(PlanResult result) {
        return result.results().stream().map(DeployResult::director).toList();
    }

    @Test
    void theDirectorThatIsLiveMasterOfFewerInstancesGoesFirstAgainstThePlansOrder(TestInfo test) throws Exception {
        FakeDirector a = director(test, "a");
        FakeDirector b = director(test, "b");
        a.reportLiveStatus(AGENT_MASTER_OF_TWO);
        b.reportLiveStatus(KEEPALIVED_MASTER_OF_ONE);
        RecordingProgress progress = new RecordingProgress();

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).run(liveOrdered(a, b, NEW_CONFIG), progress);

        assertTrue(result.allSucceeded(), result.summaryLines()::toString);
        assertEquals(List.of(b.name(), a.name()), deployedOrder(result));
        GroupOrder order = result.orders().getFirst();
        assertTrue(order.live());
        assertEquals("order " + b.name() + ", " + a.name() + " by live state: " + b.name() + " MASTER of VI_3; " + a.name()
                + " MASTER of VI_1, VI_2", order.summaryLine());
        assertEquals(List.of(order.summaryLine()), result.orderLines());
        // one status command per director, before anything else; then b is deployed completely before a starts
        assertEquals(List.of("status", "validate # new config", "reload # new config", "verify # new config"), a.calls());
        assertEquals(List.of("status", "validate # new config", "reload # new config", "verify # new config"), b.calls());
        List<String> events = progress.events();
        assertEquals("ORDER " + order.summaryLine(), events.getFirst());
        assertTrue(events.indexOf(b.name() + ":VERIFY") < events.indexOf(a.name() + ":CONNECT"), events::toString);
    }

    @Test
    void theOtherWayRoundTheLiveStateAgainDecides(TestInfo test) throws Exception {
        FakeDirector a = director(test, "a");
        FakeDirector b = director(test, "b");
        a.reportLiveStatus("VI_1 BACKUP\nVI_2 BACKUP\nVI_3 BACKUP\n");
        b.reportLiveStatus(AGENT_MASTER_OF_TWO);

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).run(liveOrdered(b, a, NEW_CONFIG),
                new RecordingProgress());

        assertEquals(List.of(a.name(), b.name()), deployedOrder(result));
        assertEquals("order " + a.name() + ", " + b.name() + " by live state: " + a.name() + " MASTER of none; " + b.name()
                + " MASTER of VI_1, VI_2", result.orders().getFirst().summaryLine());
    }

    @Test
    void aBadConfigStopsOnTheLiveBackupAndNeverReachesTheLiveMaster(TestInfo test) throws Exception {
        FakeDirector a = director(test, "a");
        FakeDirector b = director(test, "b");
        a.reportLiveStatus(AGENT_MASTER_OF_TWO);
        b.reportLiveStatus(KEEPALIVED_MASTER_OF_ONE);

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE)
                .run(liveOrdered(a, b, NEW_CONFIG + "# RELOAD_FAIL\n"), new RecordingProgress());

        assertEquals(List.of(b.name(), a.name()), deployedOrder(result));
        assertInstanceOf(DeployResult.RolledBack.class, result.results().get(0), result.summaryLines()::toString);
        assertInstanceOf(DeployResult.Skipped.class, result.results().get(1));
        assertEquals(List.of("status"), a.calls(), "the live MASTER was only asked for its state");
        assertEquals(FakeDirector.OLD_CONFIG, a.liveConfigText());
    }

    @Test
    void anUnreadableLiveStateKeepsThePlansOrderAndSaysWhy(TestInfo test) throws Exception {
        FakeDirector a = director(test, "a");
        FakeDirector b = director(test, "b"); // no status: its status command fails like a stopped daemon
        a.reportLiveStatus(AGENT_MASTER_OF_TWO);
        RecordingProgress progress = new RecordingProgress();

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).run(liveOrdered(a, b, NEW_CONFIG), progress);

        assertTrue(result.allSucceeded(), result.summaryLines()::toString);
        assertEquals(List.of(a.name(), b.name()), deployedOrder(result), "the plan's (model) order");
        GroupOrder order = result.orders().getFirst();
        assertFalse(order.live());
        assertEquals("order " + a.name() + ", " + b.name() + " from the model: the live state could not be read (" + b.name()
                + ": status failed (exit 2): no daemon answers on its status socket)", order.summaryLine());
        assertEquals("ORDER " + order.summaryLine(), progress.events().getFirst());
    }

    @Test
    void anUnparsableStatusAlsoFallsBack(TestInfo test) throws Exception {
        FakeDirector a = director(test, "a");
        FakeDirector b = director(test, "b");
        a.reportLiveStatus("{\"instances\":[{\"name\":\"VI_1\"");
        b.reportLiveStatus(KEEPALIVED_MASTER_OF_ONE);

        PlanResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).run(liveOrdered(a, b, NEW_CONFIG),
                new RecordingProgress());

        assertEquals(List.of(a.name(), b.name()), deployedOrder(result));
        String reason = result.orders().getFirst().reason();
        assertTrue(reason.startsWith("the live state could not be read (" + a.name() + ": unreadable status: not JSON"), reason);
    }

    @Test
    void aDryRunAndAPlanWithoutLiveOrderAskNoDaemon(TestInfo test) throws Exception {
        FakeDirector a = director(test, "a");
        FakeDirector b = director(test, "b");
        a.reportLiveStatus(AGENT_MASTER_OF_TWO);
        b.reportLiveStatus(KEEPALIVED_MASTER_OF_ONE);

        PlanResult dry = new Deployer(DeployOptions.DEFAULTS.withDryRun(true), PassphraseProvider.NONE)
                .run(liveOrdered(a, b, NEW_CONFIG), new RecordingProgress());
        assertEquals(List.of(a.name(), b.name()), deployedOrder(dry));
        assertEquals(List.of(), dry.orders());

        PlanResult planOrder = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE)
                .run(liveOrdered(a, b, NEW_CONFIG).orderedByLiveState(false), new RecordingProgress());
        assertEquals(List.of(a.name(), b.name()), deployedOrder(planOrder));
        assertEquals(List.of(), planOrder.orders());

        assertEquals(List.of("validate # new config", "validate # new config", "reload # new config", "verify # new config"),
                a.calls(), "dry run validated, real deploy ran; no status was asked");
        assertFalse(b.calls().contains("status"), b.calls()::toString);
    }
}

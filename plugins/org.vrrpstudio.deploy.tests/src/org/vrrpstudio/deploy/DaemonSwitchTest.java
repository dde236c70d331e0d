package org.vrrpstudio.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.model.Cluster;

/**
 * The switch's order, hand-over, confirmation, restore and refusals against a simulated pair (no SSH): each director
 * runs at most one daemon; a stopped daemon hands its instances to the peer at once (priority 0), unless the test
 * says the peer ignores it; with both up every instance sits where the model intends it.
 */
class DaemonSwitchTest {

    private static final DaemonSwitch.Timing FAST = new DaemonSwitch.Timing(Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMillis(300),
            Duration.ofMillis(300), Duration.ofMillis(10));

    /** The simulated pair: who runs what, what is installed, and the log of starts and stops. */
    static final class Pair {
        final Map<String, DaemonKind> running = new HashMap<>();
        final Map<String, Set<DaemonKind>> installed = new HashMap<>();
        final Set<String> failingStart = new HashSet<>(); // "director:daemon"
        final Set<String> unhealthy = new HashSet<>(); // directors whose instances show FAULT
        final List<String> log = new ArrayList<>();
        boolean peerIgnoresPriorityZero;
        boolean peerIgnoresDrain;
        boolean stoppedBeforeTakeOver;
        final Map<String, Long> files = new HashMap<>(); // "director:path" -> value; missing = 0
        final Map<String, String> intended;

        Pair(Map<String, String> intended) {
            this.intended = intended;
            for (String d : List.of("lvs1", "lvs2")) {
                running.put(d, DaemonKind.KEEPALIVED);
                installed.put(d, new HashSet<>(Set.of(DaemonKind.KEEPALIVED, DaemonKind.AGENT)));
            }
        }

        Map<String, String> states(String director) {
            Map<String, String> states = new LinkedHashMap<>();
            String peer = director.equals("lvs1") ? "lvs2" : "lvs1";
            boolean alone = running.get(peer) == null;
            // a drained director's priorities are below its peer's: the peer preempts, unless told to ignore it
            boolean drained = drained(director) && !drained(peer) && !peerIgnoresDrain;
            boolean peerDrained = drained(peer) && !drained(director) && !peerIgnoresDrain;
            for (Map.Entry<String, String> e : intended.entrySet()) {
                String state = unhealthy.contains(director) ? "FAULT"
                        : alone && !peerIgnoresPriorityZero ? "MASTER"
                        : drained ? "BACKUP"
                        : peerDrained ? "MASTER"
                        : e.getValue().equals(director) ? "MASTER" : "BACKUP";
                states.put(e.getKey(), state);
            }
            return states;
        }

        boolean drained(String director) {
            return files.entrySet().stream().anyMatch(e -> e.getKey().startsWith(director + ":") && e.getValue() != 0);
        }

        DaemonSwitch.Connector connector() {
            return member -> new DaemonControl() {
                final String d = member.director();

                @Override
                public Map<String, String> states(DaemonKind kind) throws Failure {
                    if (running.get(d) != kind) {
                        throw new Failure(kind.word() + " is not running");
                    }
                    return Pair.this.states(d);
                }

                @Override
                public void requireInstalled(DaemonKind kind) throws Failure {
                    if (!installed.get(d).contains(kind)) {
                        throw new Failure("the agent is not installed (vrrpstudio-agent --version: not found); run install-agent first");
                    }
                }

                @Override
                public void requireAccepts(DaemonKind kind) {
                }

                @Override
                public void start(DaemonKind kind) throws Failure {
                    log.add(d + " start " + kind.word());
                    if (failingStart.contains(d + ":" + kind.word())) {
                        throw new Failure("start of " + kind.word() + " failed (exit 1): Job failed");
                    }
                    running.put(d, kind);
                }

                @Override
                public void stop(DaemonKind kind) {
                    log.add(d + " stop " + kind.word());
                    if (running.get(d) == kind) {
                        running.remove(d);
                    }
                }

                @Override
                public long readNumber(String path) {
                    return files.getOrDefault(d + ":" + path, 0L);
                }

                @Override
                public void writeNumber(String path, long value) {
                    log.add(d + " write " + path + " " + value);
                    files.put(d + ":" + path, value);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static DaemonSwitch.Plan plan(Map<String, String> intended) {
        List<DaemonSwitch.Member> members = List.of(
                new DaemonSwitch.Member("lvs1", null, DaemonKind.KEEPALIVED, null, null),
                new DaemonSwitch.Member("lvs2", null, DaemonKind.KEEPALIVED, null, null));
        return new DaemonSwitch.Plan(members, List.copyOf(intended.keySet()), intended, Duration.ofSeconds(1));
    }

    private static Map<String, String> threeOnLvs1() {
        Map<String, String> intended = new LinkedHashMap<>();
        intended.put("VI_1", "lvs1");
        intended.put("VI_2", "lvs1");
        intended.put("VI_3", "lvs1");
        intended.put("VI_4", "lvs2");
        return intended;
    }

    @Test
    void theDirectorThatIsMasterOfFewerGoesFirstAndEachIsConfirmedBeforeTheNext() {
        Pair pair = new Pair(threeOnLvs1());
        List<String> recorded = new ArrayList<>();
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(plan(pair.intended), DaemonKind.AGENT, null,
                (d, what) -> { }, s -> recorded.add(s.director()));
        assertEquals(List.of("lvs2", "lvs1"), results.stream().map(SwitchResult::director).toList());
        results.forEach(r -> assertInstanceOf(SwitchResult.Switched.class, r, r.line()));
        assertEquals(List.of("lvs2 stop keepalived", "lvs2 start agent", "lvs1 stop keepalived", "lvs1 start agent"), pair.log);
        assertEquals(List.of("lvs2", "lvs1"), recorded, "the model is told about each director once it is confirmed");
        assertEquals(DaemonKind.AGENT, pair.running.get("lvs1"));
        assertTrue(results.getFirst().line().startsWith("lvs2: switched keepalived -> agent (peer MASTER of all "),
                results.getFirst().line());
    }

    @Test
    void theModelsIntendedMastersAndAdvertIntervalMakeThePlan() {
        Cluster cluster = ClusterDeploymentTest.seed();
        DaemonSwitch.Plan plan = DaemonSwitch.plan(cluster, Path.of("target", "known_hosts"));
        assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"), plan.instances());
        assertEquals(Map.of("VI_1", "lvs1", "VI_2", "lvs1", "VI_3", "lvs2", "VI_4", "lvs2"), plan.intendedMaster());
        assertEquals(Duration.ofSeconds(1), plan.advertInterval());
        assertEquals(Duration.ofSeconds(8), DaemonSwitch.Timing.forAdvert(plan.advertInterval()).confirm());
        assertEquals(Duration.ofSeconds(5), DaemonSwitch.Timing.forAdvert(plan.advertInterval()).handOver());
        assertEquals(Duration.ZERO, DaemonSwitch.Timing.forAdvert(plan.advertInterval()).quiet());
        DaemonSwitch.Member lvs1 = plan.members().getFirst();
        assertEquals("systemctl enable --now vrrpstudio-agent.service", lvs1.command(lvs1.startCommand(), DaemonKind.AGENT));
        assertEquals("systemctl disable --now keepalived.service", lvs1.command(lvs1.stopCommand(), DaemonKind.KEEPALIVED));
        cluster.getDirectors().getFirst().setStartCommand("labctl start {daemon} {file}");
        DaemonSwitch.Member own = DaemonSwitch.plan(cluster, Path.of("target", "known_hosts")).members().getFirst();
        assertEquals("labctl start agent '/etc/keepalived/keepalived.conf'", own.command(own.startCommand(), DaemonKind.AGENT));
    }

    @Test
    void anAgentMissingOnADirectorRefusesBeforeAnythingChanges() {
        Pair pair = new Pair(threeOnLvs1());
        pair.installed.get("lvs1").remove(DaemonKind.AGENT);
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(plan(pair.intended), DaemonKind.AGENT, null,
                (d, what) -> { }, s -> { });
        assertEquals("lvs1: refused: the agent is not installed (vrrpstudio-agent --version: not found); run install-agent first",
                results.getFirst().line());
        assertInstanceOf(SwitchResult.Skipped.class, results.get(1));
        assertEquals(List.of(), pair.log, "nothing was stopped or started");
    }

    @Test
    void anUnhealthyPeerRefusesTheSwitchOfTheOtherDirector() {
        Pair pair = new Pair(threeOnLvs1());
        pair.unhealthy.add("lvs2");
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(plan(pair.intended), DaemonKind.AGENT, "lvs1",
                (d, what) -> { }, s -> { });
        SwitchResult refused = results.stream().filter(r -> r.director().equals("lvs2")).findFirst().orElseThrow();
        assertEquals("lvs2: refused: not healthy: lvs2: VI_1 FAULT (intended BACKUP), VI_2 FAULT (intended BACKUP),"
                + " VI_3 FAULT (intended BACKUP), VI_4 FAULT (intended MASTER)", refused.line());
        assertTrue(results.stream().noneMatch(SwitchResult::succeeded));
        assertEquals(List.of(), pair.log);
    }

    @Test
    void aDaemonTheModelDoesNotKnowRefuses() {
        Pair pair = new Pair(threeOnLvs1());
        pair.running.put("lvs2", DaemonKind.AGENT); // the model says keepalived
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(plan(pair.intended), DaemonKind.AGENT, null,
                (d, what) -> { }, s -> { });
        assertEquals("lvs2: refused: cannot read the live state of keepalived (the daemon the model says it runs):"
                + " keepalived is not running", results.getFirst().line());
        assertEquals(List.of(), pair.log);
    }

    @Test
    void aNewDaemonThatDoesNotStartRestoresThePreviousOneAndStops() {
        Pair pair = new Pair(threeOnLvs1());
        pair.failingStart.add("lvs2:agent");
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(plan(pair.intended), DaemonKind.AGENT, null,
                (d, what) -> { }, s -> { });
        assertEquals("lvs2: failed, keepalived restored: agent did not start: start of agent failed (exit 1): Job failed",
                results.getFirst().line());
        assertEquals("lvs1: skipped (an earlier director did not succeed)", results.get(1).line());
        assertEquals(List.of("lvs2 stop keepalived", "lvs2 start agent", "lvs2 stop agent", "lvs2 start keepalived"), pair.log);
        assertEquals(DaemonKind.KEEPALIVED, pair.running.get("lvs2"));
        assertEquals(DaemonKind.KEEPALIVED, pair.running.get("lvs1"));
    }

    @Test
    void aPeerThatDoesNotTakeOverGetsThePreviousDaemonBack() {
        Pair pair = new Pair(threeOnLvs1());
        pair.peerIgnoresPriorityZero = true;
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(plan(pair.intended), DaemonKind.AGENT, null,
                (d, what) -> { }, s -> { });
        SwitchResult first = results.getFirst();
        assertInstanceOf(SwitchResult.Restored.class, first, first.line());
        assertEquals("lvs2: failed, keepalived restored: lvs1 did not take over within 0.3 s of stopping keepalived"
                + " (lvs1: VI_4 BACKUP)", first.line());
        assertEquals(List.of("lvs2 stop keepalived", "lvs2 stop agent", "lvs2 start keepalived"), pair.log);
    }

    @Test
    void aDirectorAlreadyOnTheDaemonIsLeftAlone() {
        Pair pair = new Pair(threeOnLvs1());
        pair.running.put("lvs1", DaemonKind.AGENT);
        DaemonSwitch.Plan plan = new DaemonSwitch.Plan(List.of(
                new DaemonSwitch.Member("lvs1", null, DaemonKind.AGENT, null, null),
                new DaemonSwitch.Member("lvs2", null, DaemonKind.KEEPALIVED, null, null)), List.copyOf(pair.intended.keySet()),
                pair.intended, Duration.ofSeconds(1));
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(plan, DaemonKind.AGENT, null, (d, what) -> { }, s -> { });
        assertEquals(List.of("lvs1: already agent"), results.stream().limit(1).map(SwitchResult::line).toList());
        assertInstanceOf(SwitchResult.Switched.class, results.get(1));
        assertEquals(List.of("lvs2 stop keepalived", "lvs2 start agent"), pair.log);
    }
    private static DaemonSwitch.Plan drainPlan(Map<String, String> intended) {
        DaemonSwitch.Plan plain = plan(intended);
        return new DaemonSwitch.Plan(plain.members(), plain.instances(), plain.intendedMaster(), plain.advertInterval(),
                Map.of("lvs1", List.of("/k/m-VG1", "/k/m-VG2"), "lvs2", List.of("/k/m-VG1", "/k/m-VG2")));
    }

    @Test
    void withMaintenanceTracksEachDirectorIsDrainedBeforeItsDaemonChangesAndUndrainedAfter() {
        Pair pair = new Pair(threeOnLvs1());
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(drainPlan(pair.intended), DaemonKind.AGENT, null,
                (d, what) -> { }, s -> { });
        results.forEach(r -> assertInstanceOf(SwitchResult.Switched.class, r, r.line()));
        assertEquals(List.of("lvs2 write /k/m-VG1 1", "lvs2 write /k/m-VG2 1", "lvs2 stop keepalived", "lvs2 start agent",
                "lvs2 write /k/m-VG1 0", "lvs2 write /k/m-VG2 0",
                "lvs1 write /k/m-VG1 1", "lvs1 write /k/m-VG2 1", "lvs1 stop keepalived", "lvs1 start agent",
                "lvs1 write /k/m-VG1 0", "lvs1 write /k/m-VG2 0"), pair.log);
        assertTrue(pair.files.values().stream().allMatch(v -> v == 0), pair.files::toString);
        assertEquals(DaemonKind.AGENT, pair.running.get("lvs2"));
        assertTrue(results.getFirst().line().matches("lvs2: switched keepalived -> agent \\(peer MASTER of all \\d+ ms after the drain;"
                + " intended distribution \\d+ ms after agent answered and the director was undrained\\)"), results.getFirst().line());
    }

    @Test
    void aDrainedDirectorWhoseNewDaemonDoesNotStartGetsItsDaemonAndFilesBack() {
        Pair pair = new Pair(threeOnLvs1());
        pair.failingStart.add("lvs2:agent");
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(drainPlan(pair.intended), DaemonKind.AGENT,
                "lvs2", (d, what) -> { }, s -> { });
        SwitchResult first = results.stream().filter(r -> r.director().equals("lvs2")).findFirst().orElseThrow();
        assertInstanceOf(SwitchResult.Restored.class, first, first.line());
        assertEquals(List.of("lvs2 write /k/m-VG1 1", "lvs2 write /k/m-VG2 1", "lvs2 stop keepalived", "lvs2 start agent",
                "lvs2 stop agent", "lvs2 start keepalived", "lvs2 write /k/m-VG1 0", "lvs2 write /k/m-VG2 0"), pair.log);
        assertEquals(DaemonKind.KEEPALIVED, pair.running.get("lvs2"));
    }

    @Test
    void aPeerThatDoesNotTakeOverAfterTheDrainLeavesTheDaemonAloneAndTheFilesAsTheyWere() {
        Pair pair = new Pair(threeOnLvs1());
        pair.peerIgnoresDrain = true;
        List<SwitchResult> results = new DaemonSwitch(pair.connector(), FAST).run(drainPlan(pair.intended), DaemonKind.AGENT, null,
                (d, what) -> { }, s -> { });
        SwitchResult first = results.getFirst();
        assertInstanceOf(SwitchResult.Restored.class, first, first.line());
        assertTrue(first.line().startsWith("lvs2: failed, keepalived restored: lvs1 did not take over within 0.3 s of the drain"),
                first.line());
        assertEquals(List.of("lvs2 write /k/m-VG1 1", "lvs2 write /k/m-VG2 1", "lvs2 write /k/m-VG1 0", "lvs2 write /k/m-VG2 0"),
                pair.log, "the daemon was never stopped");
    }

    @Test
    void thePlanDrainsOnlyWhenEveryUnitHasItsMaintenanceTrack() {
        Cluster cluster = ClusterDeploymentTest.seed();
        assertEquals(Map.of(), DaemonSwitch.plan(cluster, Path.of("target", "known_hosts")).drainFiles());
        org.vrrpstudio.cluster.Maintenance.enable(cluster);
        DaemonSwitch.Plan plan = DaemonSwitch.plan(cluster, Path.of("target", "known_hosts"));
        assertEquals(List.of("/etc/keepalived/vrrpstudio-maint-VG1", "/etc/keepalived/vrrpstudio-maint-VG2"), plan.drainFiles("lvs1"));
        assertEquals(plan.drainFiles("lvs1"), plan.drainFiles("lvs2"));
    }
}

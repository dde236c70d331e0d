package org.vrrpstudio.deploy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.deploy.internal.SshDaemonControl;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.VrrpInstance;

/**
 * Replaces keepalived by the agent (or back) on a live pair without losing a VIP. Before anything changes, every
 * director must answer its current daemon's status with each instance MASTER or BACKUP where the model intends it,
 * and on each director to switch the new daemon must be installed and accept the live file; otherwise the switch is
 * refused and nothing is touched. Then one director at a time, the one that is live MASTER of fewer instances first:
 * its daemon is stopped with SIGTERM (it sends priority 0, so the peer takes its instances at once — the hand-over),
 * the peer must hold every instance within {@link Timing#handOver()}; the new daemon is started on the same
 * keepalived.conf, must answer within {@link Timing#daemonUp()}, and the live state of both directors must show
 * the intended distribution within {@link Timing#confirm()} (its Master_Down_Interval and a margin) before
 * the next director. A failure stops the new daemon, starts the previous one, waits for the distribution again and
 * ends the switch, saying what happened in one line.
 */
public final class DaemonSwitch {

    /** Default start and stop commands: systemd, so the choice also holds after a reboot. */
    public static final String DEFAULT_START = "systemctl enable --now {unit}";
    public static final String DEFAULT_STOP = "systemctl disable --now {unit}";

    /**
     * One director of the pair. In the commands {@code {daemon}} becomes keepalived or agent, {@code {unit}} its
     * systemd unit and {@code {file}} the shell-quoted live config path.
     */
    public record Member(String director, DeployTarget target, DaemonKind running, String startCommand, String stopCommand) {
        public Member {
            Objects.requireNonNull(director, "director");
            Objects.requireNonNull(running, "running");
            startCommand = startCommand == null || startCommand.isBlank() ? DEFAULT_START : startCommand;
            stopCommand = stopCommand == null || stopCommand.isBlank() ? DEFAULT_STOP : stopCommand;
        }

        /** The same director once it runs {@code kind}. */
        public Member running(DaemonKind kind) {
            return new Member(director, target, kind, startCommand, stopCommand);
        }

        /** The command for {@code kind} as it runs on the director. */
        public String command(String template, DaemonKind kind) {
            String file = target == null ? "" : org.vrrpstudio.deploy.internal.RemoteNames.shellQuote(target.remoteConfigPath());
            return template.replace("{daemon}", kind.word()).replace("{unit}", kind.unit()).replace("{file}", file);
        }
    }

    /**
     * The pair in the model's order, each instance's intended MASTER (instance → director; absent when the model does
     * not say), the longest advert interval of the instances and, when every unit has its maintenance track
     * ({@link Maintenance}), each director's maintenance files: then a director is drained before its daemon changes.
     */
    public record Plan(List<Member> members, List<String> instances, Map<String, String> intendedMaster, Duration advertInterval,
            Map<String, List<String>> drainFiles) {
        public Plan {
            members = List.copyOf(members);
            instances = List.copyOf(instances);
            intendedMaster = Map.copyOf(intendedMaster);
            Objects.requireNonNull(advertInterval, "advertInterval");
            drainFiles = Map.copyOf(drainFiles);
        }

        /** A plan without maintenance files: each director hands over by its daemon's SIGTERM. */
        public Plan(List<Member> members, List<String> instances, Map<String, String> intendedMaster, Duration advertInterval) {
            this(members, instances, intendedMaster, advertInterval, Map.of());
        }

        /** The director's maintenance files (the model's drain tracks); empty when the model has none. */
        public List<String> drainFiles(String director) {
            return drainFiles.getOrDefault(director, List.of());
        }
    }

    /**
     * How long each step may take, how often the live state is read meanwhile, and how long a director stays silent
     * between its old daemon's stop and the new daemon's start ({@code quiet}).
     */
    public record Timing(Duration handOver, Duration quiet, Duration daemonUp, Duration confirm, Duration poll) {
        /**
         * 3 × advert + 2 s for the hand-over (a priority-0 advert moves the peer after its Skew_Time, under 1 s; the
         * bound also covers a lost one: the peer's Master_Down_Interval, plus the status reads — up to 2.4 s seen in
         * the lab on a loaded machine); 30 s for a daemon to answer after its start; 3 × advert + 5 s for the
         * confirmation: a starting daemon is BACKUP and, hearing the peer's lower-priority adverts, takes its instances
         * back only when its Master_Down_Interval (3 × advert + Skew_Time, RFC 3768 6.4.2) ends — keepalived 2.2.7
         * and the agent both do, measured in the namespace lab: up to 5.3 s on a loaded machine — plus the status
         * reads (a keepalived dump each). No quiet time: the new daemon may start at once (with AH the agent continues
         * above the sequence numbers it hears, as keepalived does, so a keepalived peer does not drop its adverts).
         */
        public static Timing forAdvert(Duration advert) {
            return new Timing(advert.multipliedBy(3).plusSeconds(2), Duration.ZERO, Duration.ofSeconds(30),
                    advert.multipliedBy(3).plusSeconds(5), Duration.ofMillis(100));
        }
    }

    /** Opens the control of one director (an SSH connection in the product). */
    @FunctionalInterface
    public interface Connector {
        DaemonControl open(Member member) throws DaemonControl.Failure;
    }

    private final Connector connector;
    private final Timing timing;

    public DaemonSwitch(Connector connector, Timing timing) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** The product's connector: one SSH connection per director with the deploy's host-key, key and sudo rules. */
    public static Connector overSsh(DeployOptions options, PassphraseProvider passphrases) {
        return member -> SshDaemonControl.open(member, options, passphrases);
    }

    /**
     * The cluster's directors as a pair to switch. Throws {@link IllegalArgumentException} naming what is missing (a
     * host, a user, a config path) or when the cluster is not a pair.
     */
    public static Plan plan(Cluster cluster, Path knownHosts) {
        if (cluster.getDirectors().size() != 2) {
            throw new IllegalArgumentException("switch-daemon needs a pair of directors, the cluster has "
                    + cluster.getDirectors().size());
        }
        List<Member> members = new ArrayList<>();
        for (Director d : cluster.getDirectors()) {
            DeployTarget target = ClusterDeployment.target(d, d.getName(), knownHosts);
            members.add(new Member(d.getName(), target, target.kind(), d.getStartCommand(), d.getStopCommand()));
        }
        List<String> instances = new ArrayList<>();
        Map<String, String> intended = new LinkedHashMap<>();
        BigDecimal advert = BigDecimal.ONE;
        boolean first = true;
        for (VrrpInstance instance : cluster.getInstances()) {
            instances.add(instance.getName());
            BigDecimal own = instance.getAdvertInterval() == null ? BigDecimal.ONE : instance.getAdvertInterval();
            advert = first || own.compareTo(advert) > 0 ? own : advert;
            first = false;
            intendedMaster(cluster, instance).ifPresent(d -> intended.put(instance.getName(), d));
        }
        Map<String, List<String>> drainFiles = new LinkedHashMap<>();
        List<Maintenance.Unit> units = Maintenance.units(cluster);
        if (!units.isEmpty() && units.stream().allMatch(u -> Maintenance.enabled(cluster, u))) {
            for (Director d : cluster.getDirectors()) {
                drainFiles.put(d.getName(), units.stream().map(u -> Maintenance.remoteFile(d, u)).toList());
            }
        }
        return new Plan(members, instances, intended, Duration.ofMillis(advert.movePointRight(3).longValue()), drainFiles);
    }

    /** The director the model starts as MASTER, else the one with the highest priority; none on a tie. */
    private static java.util.Optional<String> intendedMaster(Cluster cluster, VrrpInstance instance) {
        List<DirectorInstance> settings = cluster.getDirectors().stream().flatMap(d -> d.getInstanceSettings().stream())
                .filter(s -> s.getInstance() == instance).toList();
        List<DirectorInstance> masters = settings.stream().filter(s -> s.getInitialState() == InitialState.MASTER).toList();
        if (masters.size() == 1) {
            return java.util.Optional.of(masters.getFirst().getDirector().getName());
        }
        List<DirectorInstance> byPriority = settings.stream().sorted(Comparator.comparingInt(DirectorInstance::getPriority).reversed()).toList();
        if (byPriority.size() >= 2 && byPriority.get(0).getPriority() == byPriority.get(1).getPriority()) {
            return java.util.Optional.empty();
        }
        return byPriority.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(byPriority.getFirst().getDirector().getName());
    }

    /**
     * Switches the pair's directors ({@code only} null: both) to {@code to}. Results in the order the directors were
     * handled; {@code switched} is told about each director as soon as it runs {@code to} (to record it in the model).
     *
     * @param progress (director, what happens now)
     */
    public List<SwitchResult> run(Plan plan, DaemonKind to, String only, BiConsumer<String, String> progress,
            Consumer<SwitchResult.Switched> switched) {
        if (plan.members().size() != 2) {
            throw new IllegalArgumentException("switch-daemon needs a pair of directors, got " + plan.members().size());
        }
        if (only != null && plan.members().stream().noneMatch(m -> m.director().equals(only))) {
            throw new IllegalArgumentException("the cluster has no director '" + only + "'");
        }
        Map<String, DaemonControl> controls = new LinkedHashMap<>();
        try {
            List<SwitchResult> refused = new ArrayList<>();
            for (Member m : plan.members()) {
                progress.accept(m.director(), "connecting");
                try {
                    controls.put(m.director(), connector.open(m));
                } catch (DaemonControl.Failure e) {
                    refused.add(new SwitchResult.Refused(m.director(), e.getMessage()));
                }
            }
            if (!refused.isEmpty()) {
                return withSkipped(plan, refused);
            }
            return switchPair(plan, to, only, controls, progress, switched);
        } finally {
            controls.values().forEach(DaemonControl::close);
        }
    }

    private List<SwitchResult> switchPair(Plan plan, DaemonKind to, String only, Map<String, DaemonControl> controls,
            BiConsumer<String, String> progress, Consumer<SwitchResult.Switched> switched) {
        // 1. up front: both daemons healthy on the intended distribution, the new daemon ready where it will run
        Map<String, Map<String, String>> live = new LinkedHashMap<>();
        List<SwitchResult> refused = new ArrayList<>();
        for (Member m : plan.members()) {
            progress.accept(m.director(), "reading " + m.running().word() + "'s live state");
            try {
                live.put(m.director(), controls.get(m.director()).states(m.running()));
            } catch (DaemonControl.Failure e) {
                refused.add(new SwitchResult.Refused(m.director(), "cannot read the live state of " + m.running().word()
                        + " (the daemon the model says it runs): " + e.getMessage()));
            }
        }
        if (refused.isEmpty()) {
            for (Member m : plan.members()) {
                String wrong = distributionProblem(plan, m.director(), live.get(m.director()));
                if (wrong != null) {
                    refused.add(new SwitchResult.Refused(m.director(), "not healthy: " + wrong));
                }
            }
        }
        List<Member> toSwitch = plan.members().stream().filter(m -> only == null || m.director().equals(only))
                .filter(m -> m.running() != to).toList();
        for (Member m : toSwitch) {
            DaemonControl control = controls.get(m.director());
            try {
                progress.accept(m.director(), "checking that " + to.word() + " is installed and accepts the live file");
                control.requireInstalled(to);
                control.requireAccepts(to);
            } catch (DaemonControl.Failure e) {
                refused.add(new SwitchResult.Refused(m.director(), e.getMessage()));
            }
        }
        if (!refused.isEmpty()) {
            return withSkipped(plan, refused);
        }
        // 2. one director at a time, the one that is live MASTER of fewer instances first (ties: the model's order)
        List<Member> ordered = new ArrayList<>(toSwitch);
        ordered.sort(Comparator.comparingLong(m -> live.get(m.director()).values().stream().filter("MASTER"::equals).count()));
        List<SwitchResult> results = new ArrayList<>();
        for (Member m : plan.members()) {
            if ((only == null || m.director().equals(only)) && m.running() == to) {
                results.add(new SwitchResult.AlreadyRunning(m.director(), to));
            }
        }
        Map<String, Member> now = new LinkedHashMap<>(); // what each director runs as the switch goes on
        plan.members().forEach(m -> now.put(m.director(), m));
        for (Member m : ordered) {
            if (!results.isEmpty() && !results.getLast().succeeded()) {
                results.add(new SwitchResult.Skipped(m.director(), "an earlier director did not succeed"));
                continue;
            }
            Member peer = now.values().stream().filter(p -> !p.director().equals(m.director())).findFirst().orElseThrow();
            SwitchResult result = switchOne(plan, m, peer, to, controls.get(m.director()), controls.get(peer.director()), progress);
            if (result instanceof SwitchResult.Switched s) {
                now.put(m.director(), m.running(to));
                switched.accept(s);
            }
            results.add(result);
        }
        return results;
    }

    private SwitchResult switchOne(Plan plan, Member m, Member peer, DaemonKind to, DaemonControl control,
            DaemonControl peerControl, BiConsumer<String, String> progress) {
        if (!plan.drainFiles(m.director()).isEmpty()) {
            return switchDrained(plan, m, peer, to, control, peerControl, progress);
        }
        String d = m.director();
        DaemonKind from = m.running();
        // the hand-over: SIGTERM makes the daemon send priority 0 for its instances, so the peer takes them at once
        progress.accept(d, "stopping " + from.word() + " (its instances go to " + peer.director() + ")");
        long stopped;
        try {
            control.stop(from);
            stopped = System.nanoTime();
        } catch (DaemonControl.Failure e) {
            return restore(plan, m, peer, to, control, peerControl, progress, "stopping " + from.word() + " failed: " + e.getMessage());
        }
        String notTaken = await(timing.handOver(), () -> peerHoldsAll(plan, peer, peerControl));
        if (notTaken != null) {
            return restore(plan, m, peer, to, control, peerControl, progress, peer.director() + " did not take over within "
                    + seconds(timing.handOver()) + " of stopping " + from.word() + " (" + notTaken + ")");
        }
        Duration handOver = Duration.ofNanos(System.nanoTime() - stopped);
        long quietLeft = stopped + timing.quiet().toNanos() - System.nanoTime();
        progress.accept(d, peer.director() + " holds every instance (" + handOver.toMillis() + " ms)"
                + (quietLeft > 0 ? "; silent for " + seconds(timing.quiet()) + " after the stop" : "") + "; starting " + to.word());
        if (quietLeft > 0) {
            try {
                Thread.sleep(Duration.ofNanos(quietLeft));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return restore(plan, m, peer, to, control, peerControl, progress, "interrupted");
            }
        }
        try {
            control.start(to);
        } catch (DaemonControl.Failure e) {
            return restore(plan, m, peer, to, control, peerControl, progress, to.word() + " did not start: " + e.getMessage());
        }
        String down = await(timing.daemonUp(), () -> answers(plan, control, to));
        if (down != null) {
            return restore(plan, m, peer, to, control, peerControl, progress, to.word() + " did not answer within "
                    + seconds(timing.daemonUp()) + " of its start: " + down);
        }
        long up = System.nanoTime();
        progress.accept(d, to.word() + " answers; waiting for the intended distribution");
        String off = await(timing.confirm(), () -> pairProblem(plan, m, to, control, peer, peerControl));
        if (off != null) {
            return restore(plan, m, peer, to, control, peerControl, progress, "the intended distribution was not reached within "
                    + seconds(timing.confirm()) + " of " + to.word() + " answering (" + off + ")");
        }
        return new SwitchResult.Switched(d, from, to, handOver, Duration.ofNanos(System.nanoTime() - up));
    }

    /**
     * The hitless switch when the model has the maintenance tracks: the director is drained while its old daemon still
     * runs (its maintenance files say 1: its priorities drop below the peer's, which takes over by preemption, with no
     * moment when nobody answers), then the daemon changes, the new one starts on the same files (so it comes up
     * drained and takes nothing), and only then the files get their previous values back and the director takes its
     * instances back by preemption. Any failure puts the files back and the previous daemon.
     */
    private SwitchResult switchDrained(Plan plan, Member m, Member peer, DaemonKind to, DaemonControl control,
            DaemonControl peerControl, BiConsumer<String, String> progress) {
        String d = m.director();
        DaemonKind from = m.running();
        List<String> files = plan.drainFiles(d);
        Map<String, Long> previous = new LinkedHashMap<>();
        try {
            for (String file : files) {
                previous.put(file, control.readNumber(file));
            }
        } catch (DaemonControl.Failure e) {
            return new SwitchResult.Refused(d, "cannot read its maintenance files: " + e.getMessage());
        }
        progress.accept(d, "draining (its instances go to " + peer.director() + " while " + from.word() + " still runs)");
        long drained = System.nanoTime();
        try {
            for (String file : files) {
                control.writeNumber(file, 1);
            }
        } catch (DaemonControl.Failure e) {
            return restoreDrained(plan, m, peer, to, control, peerControl, progress, previous, false, "draining failed: " + e.getMessage());
        }
        // a preemption, not a release: the peer hears lower-priority adverts and takes over when its
        // Master_Down_Interval ends (3.2-3.6 s measured with keepalived 2.2.7 and the agent), so the confirmation's bound
        String notTaken = await(timing.confirm(), () -> peerHoldsAll(plan, peer, peerControl));
        if (notTaken != null) {
            return restoreDrained(plan, m, peer, to, control, peerControl, progress, previous, false, peer.director()
                    + " did not take over within " + seconds(timing.confirm()) + " of the drain (" + notTaken + ")");
        }
        Duration handOver = Duration.ofNanos(System.nanoTime() - drained);
        progress.accept(d, peer.director() + " holds every instance (" + handOver.toMillis() + " ms); replacing " + from.word()
                + " by " + to.word());
        try {
            control.stop(from);
        } catch (DaemonControl.Failure e) {
            return restoreDrained(plan, m, peer, to, control, peerControl, progress, previous, true,
                    "stopping " + from.word() + " failed: " + e.getMessage());
        }
        try {
            control.start(to);
        } catch (DaemonControl.Failure e) {
            return restoreDrained(plan, m, peer, to, control, peerControl, progress, previous, true,
                    to.word() + " did not start: " + e.getMessage());
        }
        String down = await(timing.daemonUp(), () -> answers(plan, control, to));
        if (down != null) {
            return restoreDrained(plan, m, peer, to, control, peerControl, progress, previous, true, to.word()
                    + " did not answer within " + seconds(timing.daemonUp()) + " of its start: " + down);
        }
        long up = System.nanoTime();
        progress.accept(d, to.word() + " answers, drained; undraining");
        try {
            writeBack(control, previous);
        } catch (DaemonControl.Failure e) {
            return restoreDrained(plan, m, peer, to, control, peerControl, progress, previous, true,
                    "undraining failed: " + e.getMessage());
        }
        String off = await(timing.confirm(), () -> pairProblem(plan, m, to, control, peer, peerControl));
        if (off != null) {
            return restoreDrained(plan, m, peer, to, control, peerControl, progress, previous, true,
                    "the intended distribution was not reached within " + seconds(timing.confirm()) + " of undraining (" + off + ")");
        }
        return new SwitchResult.Switched(d, from, to, handOver, Duration.ofNanos(System.nanoTime() - up), true);
    }

    /**
     * Puts a drained director back: when its daemon was already changed ({@code replaced}), the new daemon is stopped
     * and the previous one started while still drained, then the files get their previous values and the intended
     * distribution is awaited.
     */
    private SwitchResult restoreDrained(Plan plan, Member m, Member peer, DaemonKind to, DaemonControl control,
            DaemonControl peerControl, BiConsumer<String, String> progress, Map<String, Long> previous, boolean replaced,
            String reason) {
        DaemonKind from = m.running();
        progress.accept(m.director(), reason + "; restoring " + from.word() + (previous.isEmpty() ? "" : " and its maintenance files"));
        if (replaced) {
            try {
                control.stop(to);
            } catch (DaemonControl.Failure ignored) {
                // it was not running; the previous daemon's start is what counts
            }
            try {
                control.start(from);
            } catch (DaemonControl.Failure e) {
                return new SwitchResult.RestoreFailed(m.director(), from, reason + "; starting " + from.word()
                        + " again failed: " + e.getMessage());
            }
            String down = await(timing.daemonUp(), () -> answers(plan, control, from));
            if (down != null) {
                return new SwitchResult.RestoreFailed(m.director(), from, reason + "; " + from.word() + " started again but " + down);
            }
        }
        try {
            writeBack(control, previous);
        } catch (DaemonControl.Failure e) {
            return new SwitchResult.RestoreFailed(m.director(), from, reason + "; its maintenance files could not be put back: "
                    + e.getMessage());
        }
        String off = await(timing.confirm(), () -> pairProblem(plan, m, from, control, peer, peerControl));
        if (off != null) {
            return new SwitchResult.RestoreFailed(m.director(), from, reason + "; " + from.word() + " runs again but " + off);
        }
        return new SwitchResult.Restored(m.director(), from, reason);
    }

    private static void writeBack(DaemonControl control, Map<String, Long> previous) throws DaemonControl.Failure {
        for (Map.Entry<String, Long> e : previous.entrySet()) {
            control.writeNumber(e.getKey(), e.getValue());
        }
    }

    /** Stops the new daemon, starts the previous one and waits for the intended distribution again. */
    private SwitchResult restore(Plan plan, Member m, Member peer, DaemonKind to, DaemonControl control,
            DaemonControl peerControl, BiConsumer<String, String> progress, String reason) {
        DaemonKind previous = m.running();
        progress.accept(m.director(), reason + "; restoring " + previous.word());
        try {
            control.stop(to); // also when it did not start: a half-started daemon must not stay
        } catch (DaemonControl.Failure ignored) {
            // it was not running; the previous daemon's start is what counts
        }
        try {
            control.start(previous);
        } catch (DaemonControl.Failure e) {
            return new SwitchResult.RestoreFailed(m.director(), previous, reason + "; starting " + previous.word()
                    + " again failed: " + e.getMessage());
        }
        String down = await(timing.daemonUp(), () -> answers(plan, control, previous));
        String off = down != null ? down : await(timing.confirm(), () -> pairProblem(plan, m, previous, control, peer, peerControl));
        if (off != null) {
            return new SwitchResult.RestoreFailed(m.director(), previous, reason + "; " + previous.word()
                    + " started again but " + off);
        }
        return new SwitchResult.Restored(m.director(), previous, reason);
    }

    @FunctionalInterface
    private interface Check {
        /** null when satisfied, else what is not yet. */
        String problem();
    }

    /** Polls until the check is satisfied (null) or {@code bound} has passed (what was last wrong). */
    private String await(Duration bound, Check check) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            String problem = check.problem();
            if (problem == null) {
                return null;
            }
            if (System.nanoTime() >= deadline) {
                return problem;
            }
            try {
                Thread.sleep(timing.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return problem + " (interrupted)";
            }
        }
    }

    private static String peerHoldsAll(Plan plan, Member peer, DaemonControl peerControl) {
        Map<String, String> states;
        try {
            states = peerControl.states(peer.running());
        } catch (DaemonControl.Failure e) {
            return peer.director() + ": " + e.getMessage();
        }
        List<String> notMaster = plan.instances().stream().filter(i -> !"MASTER".equals(states.get(i)))
                .map(i -> i + " " + states.getOrDefault(i, "unknown")).toList();
        return notMaster.isEmpty() ? null : peer.director() + ": " + String.join(", ", notMaster);
    }

    /** null when {@code kind} reports a state for every instance. */
    private static String answers(Plan plan, DaemonControl control, DaemonKind kind) {
        try {
            Map<String, String> states = control.states(kind);
            List<String> missing = plan.instances().stream().filter(i -> !states.containsKey(i)).toList();
            return missing.isEmpty() ? null : "no state for " + String.join(", ", missing);
        } catch (DaemonControl.Failure e) {
            return e.getMessage();
        }
    }

    private static String pairProblem(Plan plan, Member m, DaemonKind kind, DaemonControl control, Member peer,
            DaemonControl peerControl) {
        try {
            String own = distributionProblem(plan, m.director(), control.states(kind));
            if (own != null) {
                return own;
            }
        } catch (DaemonControl.Failure e) {
            return m.director() + ": " + e.getMessage();
        }
        try {
            return distributionProblem(plan, peer.director(), peerControl.states(peer.running()));
        } catch (DaemonControl.Failure e) {
            return peer.director() + ": " + e.getMessage();
        }
    }

    /** null when the director has every instance MASTER where the model intends it and BACKUP elsewhere. */
    static String distributionProblem(Plan plan, String director, Map<String, String> states) {
        List<String> wrong = new ArrayList<>();
        for (String instance : plan.instances()) {
            String state = states.getOrDefault(instance, "unknown");
            String intended = plan.intendedMaster().get(instance);
            String want = intended == null ? null : intended.equals(director) ? "MASTER" : "BACKUP";
            if (want == null ? !state.equals("MASTER") && !state.equals("BACKUP") : !state.equals(want)) {
                wrong.add(instance + " " + state + (want == null ? "" : " (intended " + want + ")"));
            }
        }
        return wrong.isEmpty() ? null : director + ": " + String.join(", ", wrong);
    }

    private static List<SwitchResult> withSkipped(Plan plan, List<SwitchResult> refused) {
        List<SwitchResult> results = new ArrayList<>(refused);
        for (Member m : plan.members()) {
            if (refused.stream().noneMatch(r -> r.director().equals(m.director()))) {
                results.add(new SwitchResult.Skipped(m.director(), "nothing changed: the switch was refused"));
            }
        }
        return results;
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

package org.vrrpstudio.simulation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.InstanceLive;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.TrackFile;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * Checks a drain or a move before anything is written: on the model (the maintenance tracks and their weights,
 * {@code nopreempt}, sync groups, address owners), on the live state (the peer reachable, not FAULT, running what the
 * model says) and through the what-if simulation (the same engine the agent runs), which must end with exactly one
 * MASTER per instance, the moved ones on the director asked for. Pure: no SSH, no clock.
 */
public final class MaintenancePreflight {

    /** Simulated time before the change (start-up and convergence) and after it. */
    static final Duration SETTLE = Duration.ofSeconds(15);

    private MaintenancePreflight() {
    }

    /**
     * The maintenance files on each director now: the units whose file holds a non-zero number.
     *
     * @param since when each director's files were last written (the newest file's time), for "drained since"
     */
    public record State(Map<String, Set<String>> unitsByDirector, Map<String, Instant> since) {

        public State {
            Map<String, Set<String>> copy = new TreeMap<>();
            unitsByDirector.forEach((d, units) -> copy.put(d, Set.copyOf(units)));
            unitsByDirector = Map.copyOf(copy);
            since = Map.copyOf(since);
        }

        public static State none() {
            return new State(Map.of(), Map.of());
        }

        public Set<String> units(String director) {
            return unitsByDirector.getOrDefault(director, Set.of());
        }

        public boolean isSet(String director, String unit) {
            return units(director).contains(unit);
        }
    }

    /**
     * The verdict.
     *
     * @param refusals        why not (empty: go ahead)
     * @param writes          director → file name on the director → the number to write (1 give away, 0 normal),
     *                        only what changes
     * @param expectedMasters the director each instance whose MASTER changes must end on
     * @param moves           one line per such instance, e.g. {@code VI_1 (VG1): d1 -> d2}
     * @param bound           how long the live state may take to show the result
     * @param simulated       the simulation's longest takeover after the change
     * @param timeline        the simulation's lines from the change on
     */
    public record Plan(MaintenanceAction action, List<String> refusals, Map<String, Map<String, Long>> writes,
            Map<String, String> expectedMasters, List<String> moves, Duration bound, Duration simulated, List<String> timeline,
            State after) {

        public Plan {
            refusals = List.copyOf(refusals);
            writes = Map.copyOf(writes);
            expectedMasters = Map.copyOf(expectedMasters);
            moves = List.copyOf(moves);
            timeline = List.copyOf(timeline);
        }

        public boolean allowed() {
            return refusals.isEmpty();
        }
    }

    /**
     * @param live the latest snapshot of each director (a missing one counts as unreachable)
     * @param now  the maintenance files as they are
     */
    public static Plan check(Cluster cluster, MaintenanceAction action, Map<String, DirectorSnapshot> live, State now) {
        List<String> refusals = new ArrayList<>();
        List<String> directors = cluster.getDirectors().stream().map(Director::getName).toList();
        List<Maintenance.Unit> units = Maintenance.units(cluster);
        Map<String, Set<String>> after = new TreeMap<>();
        directors.forEach(d -> after.put(d, new LinkedHashSet<>(now.units(d))));

        switch (action) {
            case MaintenanceAction.Drain d -> {
                if (known(directors, d.director(), refusals)) {
                    units.stream().filter(u -> runs(cluster, d.director(), u)).forEach(u -> after.get(d.director()).add(u.name()));
                }
            }
            case MaintenanceAction.Undrain u -> {
                if (known(directors, u.director(), refusals)) {
                    after.get(u.director()).clear();
                }
            }
            case MaintenanceAction.Move m -> {
                Optional<Maintenance.Unit> unit = m.instance() ? Maintenance.unitOf(cluster, m.name()) : Maintenance.unit(cluster, m.name());
                if (unit.isEmpty() || (!m.instance() && !unit.get().isGroup())) {
                    refusals.add(m.instance() ? "no instance '" + m.name() + "' in the cluster"
                            : "no sync group '" + m.name() + "' in the cluster" + (unit.isPresent() ? " (" + m.name() + " is an instance: use --instance)" : ""));
                } else if (m.instance() && unit.get().isGroup()) {
                    refusals.add(m.name() + " is in " + unit.get().describe() + ": moving it alone would split the group;"
                            + " move the group (--group " + unit.get().name() + ")");
                } else if (known(directors, m.to(), refusals)) {
                    if (!runs(cluster, m.to(), unit.get())) {
                        refusals.add(m.to() + " does not run " + unit.get().describe());
                    } else if (drained(cluster, now, m.to())) {
                        refusals.add(m.to() + " is drained: undrain it first");
                    } else {
                        for (String d : directors) {
                            if (d.equals(m.to())) {
                                after.get(d).remove(unit.get().name());
                            } else if (runs(cluster, d, unit.get())) {
                                after.get(d).add(unit.get().name());
                            }
                        }
                    }
                }
            }
            case MaintenanceAction.Back b -> {
                for (String d : directors) {
                    if (!drained(cluster, now, d)) {
                        after.get(d).clear();
                    }
                }
            }
        }
        State afterState = new State(new TreeMap<>(after), now.since());
        if (!refusals.isEmpty()) {
            return refused(action, refusals, afterState);
        }

        // what changes, unit by unit
        Map<String, Map<String, Long>> writes = new TreeMap<>();
        Set<Maintenance.Unit> touched = new LinkedHashSet<>();
        for (String d : directors) {
            for (Maintenance.Unit unit : units) {
                boolean was = now.isSet(d, unit.name());
                boolean will = afterState.isSet(d, unit.name());
                if (was != will) {
                    writes.computeIfAbsent(d, x -> new TreeMap<>()).put(unit.fileName(), will ? 1L : 0L);
                    touched.add(unit);
                }
            }
        }
        if (touched.isEmpty()) {
            refusals.add("nothing to do: " + switch (action) {
                case MaintenanceAction.Drain d -> d.director() + " is already drained";
                case MaintenanceAction.Undrain u -> u.director() + " is not drained";
                case MaintenanceAction.Move m -> m.name() + " is already where it was asked to be";
                case MaintenanceAction.Back b -> "nothing is moved";
            });
            return refused(action, refusals, afterState);
        }

        // the model: the mechanism is there and nothing fights it
        for (Maintenance.Unit unit : touched) {
            if (Maintenance.hasOwner(cluster, unit)) {
                refusals.add(unit.describe() + ": a director owns its address (priority 255); an owner cannot be moved");
                continue;
            }
            if (!Maintenance.enabled(cluster, unit)) {
                refusals.add(unit.describe() + " has no maintenance track in the model: add them (`vrrpstudio maintenance"
                        + " CLUSTER --enable`, or in the console Drain and Move > Add Drain and Move Tracks to the Model),"
                        + " deploy, then retry");
                continue;
            }
            if (unit.isGroup() && !Maintenance.tracksWeight(unit.group())) {
                refusals.add("sync group " + unit.name() + " lacks sync_group_tracking_weight: keepalived would force its"
                        + " members to FAULT instead of lowering their priority");
            }
            for (VrrpInstance instance : unit.instances()) {
                if (instance.isNopreempt()) {
                    refusals.add(instance.getName() + " has nopreempt: its peer would not take over from a lower MASTER;"
                            + " the move would do nothing");
                }
            }
        }
        if (!refusals.isEmpty()) {
            return refused(action, refusals, afterState);
        }

        // somebody else must be there to take over
        if (action instanceof MaintenanceAction.Drain d) {
            for (Maintenance.Unit unit : touched) {
                List<String> others = directors.stream().filter(o -> !o.equals(d.director()) && runs(cluster, o, unit)).toList();
                if (others.isEmpty()) {
                    refusals.add("no other director runs " + unit.describe() + ": draining " + d.director()
                            + " would leave it without a MASTER");
                } else if (others.stream().allMatch(o -> afterState.isSet(o, unit.name()))) {
                    refusals.add("draining " + d.director() + " would leave " + unit.describe() + " without a MASTER elsewhere: "
                            + String.join(", ", others) + (others.size() == 1 ? " is" : " are") + " drained too (undrain first)");
                }
            }
            if (!refusals.isEmpty()) {
                return refused(action, refusals, afterState);
            }
        }

        // who is MASTER before and after, by the effective priorities
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> moves = new ArrayList<>();
        Duration bound = Duration.ZERO;
        for (Maintenance.Unit unit : touched) {
            for (VrrpInstance instance : unit.instances()) {
                int weight = Maintenance.track(instance, unit).map(TrackFile::getWeight).orElse(0);
                Optional<String> before = liveMaster(live, instance.getName()).or(() -> winner(cluster, instance, unit, weight, now, refusals));
                Optional<String> afterMaster = winner(cluster, instance, unit, weight, afterState, refusals);
                if (afterMaster.isEmpty()) {
                    continue;
                }
                if (action instanceof MaintenanceAction.Drain d && afterMaster.get().equals(d.director())) {
                    refusals.add(instance.getName() + ": weight " + weight + " is too small: " + d.director() + " stays MASTER at "
                            + effective(cluster, d.director(), instance, unit, weight, afterState) + " (peer " + peerLine(cluster, instance, unit, weight, afterState, d.director()) + ")");
                } else if (action instanceof MaintenanceAction.Move m && !afterMaster.get().equals(m.to())) {
                    refusals.add(instance.getName() + ": weight " + weight + " is too small: " + afterMaster.get() + " stays MASTER at "
                            + effective(cluster, afterMaster.get(), instance, unit, weight, afterState) + ", " + m.to() + " would have "
                            + effective(cluster, m.to(), instance, unit, weight, afterState));
                }
                if (before.isEmpty() || !before.get().equals(afterMaster.get())) {
                    expected.put(instance.getName(), afterMaster.get());
                    moves.add(instance.getName() + (unit.isGroup() ? " (" + unit.name() + ")" : "") + ": " + before.orElse("nobody")
                            + " -> " + afterMaster.get());
                    bound = max(bound, bound(instance));
                } else {
                    expected.put(instance.getName(), afterMaster.get());
                }
            }
        }
        if (!refusals.isEmpty()) {
            return refused(action, refusals, afterState);
        }

        // the live state: whoever takes over must be there and healthy, whoever gets a file must be reachable
        Set<String> involved = new LinkedHashSet<>(writes.keySet());
        expected.values().forEach(involved::add);
        for (String d : involved) {
            DirectorSnapshot snapshot = live.get(d);
            if (snapshot == null || !snapshot.reachable()) {
                refusals.add(d + " is unreachable" + (snapshot == null ? "" : " (" + snapshot.error() + ")"));
            } else if (snapshot.drift() != null) {
                refusals.add(d + " runs a config that differs from the model (" + snapshot.drift() + "): deploy first");
            }
        }
        for (String instance : expected.keySet()) {
            List<String> masters = live.values().stream().filter(DirectorSnapshot::reachable)
                    .filter(s -> s.instances().get(instance) != null && s.instances().get(instance).isMaster())
                    .map(DirectorSnapshot::director).sorted().toList();
            if (masters.size() > 1) {
                refusals.add(instance + " is MASTER on " + String.join(" and ", masters) + " now (split brain): fix that first");
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            DirectorSnapshot snapshot = live.get(e.getValue());
            if (snapshot == null || !snapshot.reachable()) {
                continue;
            }
            InstanceLive state = snapshot.instances().get(e.getKey());
            if (state == null) {
                refusals.add(e.getValue() + " does not run " + e.getKey() + " now: it cannot take it over");
            } else if (!state.state().equals("MASTER") && !state.state().equals("BACKUP")) {
                refusals.add(e.getKey() + " is " + state.state() + " on " + e.getValue() + ": it cannot take over"
                        + (state.priorityNote().isEmpty() ? "" : " (" + state.priorityNote() + ")"));
            }
        }
        if (!refusals.isEmpty()) {
            return refused(action, refusals, afterState);
        }

        // the what-if simulation: the same engine, the files as now, then as after
        List<String> timeline = new ArrayList<>();
        Duration simulated = Duration.ZERO;
        try {
            WhatIfSimulation simulation = WhatIfSimulation.of(cluster);
            for (String d : directors) {
                for (String unit : now.units(d)) {
                    simulation.add(new ScenarioEvent.FileValue(Duration.ZERO, d, Maintenance.TRACK_PREFIX + unit, 1));
                }
            }
            for (Map.Entry<String, Map<String, Long>> w : writes.entrySet()) {
                for (Map.Entry<String, Long> file : w.getValue().entrySet()) {
                    String unit = file.getKey().substring(Maintenance.FILE_PREFIX.length());
                    simulation.add(new ScenarioEvent.FileValue(SETTLE, w.getKey(), Maintenance.TRACK_PREFIX + unit, file.getValue()));
                }
            }
            SimulationReport report = simulation.run(SETTLE.plus(SETTLE));
            double change = SETTLE.toNanos() / 1e9;
            report.timeline().stream().filter(l -> seconds(l) >= change).forEach(timeline::add);
            for (Map.Entry<String, String> e : expected.entrySet()) {
                List<String> holders = report.mastersByDirector().entrySet().stream().filter(m -> m.getValue().contains(e.getKey()))
                        .map(Map.Entry::getKey).sorted().toList();
                if (holders.isEmpty()) {
                    refusals.add("the what-if simulation leaves " + e.getKey() + " without a MASTER");
                } else if (!holders.equals(List.of(e.getValue()))) {
                    refusals.add("the what-if simulation ends with " + e.getKey() + " MASTER on " + String.join(" and ", holders)
                            + ", not on " + e.getValue());
                }
                for (StateTransition t : report.transitions()) {
                    Duration at = Duration.between(Instant.EPOCH, t.time());
                    if (t.instance().equals(e.getKey()) && t.to() == VrrpState.MASTER && at.compareTo(SETTLE) >= 0) {
                        simulated = max(simulated, at.minus(SETTLE));
                    }
                }
            }
            // a drained director stays BACKUP, ready to take over: FAULT would mean the weight is not applied
            report.transitions().stream().filter(t -> t.to() == VrrpState.FAULT)
                    .filter(t -> Duration.between(Instant.EPOCH, t.time()).compareTo(SETTLE) >= 0)
                    .map(t -> "the what-if simulation puts " + t.instance() + " on " + t.node() + " in FAULT (" + t.reason().text()
                            + "), not BACKUP")
                    .distinct().forEach(refusals::add);
            for (String instance : report.splitBrain()) {
                refusals.add("the what-if simulation ends with " + instance + " MASTER on two directors");
            }
        } catch (BindingException | IllegalArgumentException e) {
            refusals.add("the what-if simulation cannot run this model: " + e.getMessage());
        }
        // a backup that hears a lower MASTER waits for its Master_Down_Interval (RFC 3768 6.4.2): the bound covers
        // what the engine shows, with a second to spare for the live reads
        bound = max(bound, simulated.plusSeconds(1));
        return new Plan(action, refusals, refusals.isEmpty() ? writes : Map.of(), expected, moves, bound, simulated, timeline, afterState);
    }

    private static Plan refused(MaintenanceAction action, List<String> refusals, State after) {
        return new Plan(action, refusals, Map.of(), Map.of(), List.of(), Duration.ZERO, Duration.ZERO, List.of(), after);
    }

    private static boolean known(List<String> directors, String name, List<String> refusals) {
        if (!directors.contains(name)) {
            refusals.add("no director '" + name + "' in the cluster (it has " + String.join(", ", directors) + ")");
            return false;
        }
        return true;
    }

    /** Whether the director runs every instance of the unit. */
    static boolean runs(Cluster cluster, String director, Maintenance.Unit unit) {
        Director d = director(cluster, director);
        return d != null && unit.instances().stream().allMatch(i -> Maintenance.priority(d, i).isPresent());
    }

    /** Whether every unit the director runs has its file set (drained, not a single move). */
    public static boolean drained(Cluster cluster, State state, String director) {
        List<String> its = Maintenance.units(cluster).stream().filter(u -> runs(cluster, director, u)).map(Maintenance.Unit::name).toList();
        return !its.isEmpty() && state.units(director).containsAll(its);
    }

    private static Director director(Cluster cluster, String name) {
        return cluster.getDirectors().stream().filter(d -> d.getName().equals(name)).findFirst().orElse(null);
    }

    /** keepalived's effective priority: the base plus the file's number times the weight, within [1, 254]. */
    static int effective(Cluster cluster, String director, VrrpInstance instance, Maintenance.Unit unit, int weight, State state) {
        int base = Maintenance.priority(director(cluster, director), instance).orElseThrow();
        int value = state.isSet(director, unit.name()) ? 1 : 0;
        return Math.max(1, Math.min(254, base + value * weight));
    }

    private static String peerLine(Cluster cluster, VrrpInstance instance, Maintenance.Unit unit, int weight, State state, String except) {
        List<String> peers = new ArrayList<>();
        for (Director d : cluster.getDirectors()) {
            if (!d.getName().equals(except) && Maintenance.priority(d, instance).isPresent()) {
                peers.add(d.getName() + " " + effective(cluster, d.getName(), instance, unit, weight, state));
            }
        }
        return String.join(", ", peers);
    }

    /** The director with the highest effective priority; a tie is refused (the higher address would decide). */
    private static Optional<String> winner(Cluster cluster, VrrpInstance instance, Maintenance.Unit unit, int weight, State state,
            List<String> refusals) {
        String best = null;
        int bestPriority = -1;
        boolean tie = false;
        for (Director d : cluster.getDirectors()) {
            if (Maintenance.priority(d, instance).isEmpty()) {
                continue;
            }
            int p = effective(cluster, d.getName(), instance, unit, weight, state);
            if (p > bestPriority) {
                best = d.getName();
                bestPriority = p;
                tie = false;
            } else if (p == bestPriority) {
                tie = true;
            }
        }
        if (tie) {
            refusals.add(instance.getName() + ": weight " + weight + " is too small: two directors would tie at priority "
                    + bestPriority + " and the higher address would decide");
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }

    private static Optional<String> liveMaster(Map<String, DirectorSnapshot> live, String instance) {
        List<String> masters = live.values().stream().filter(DirectorSnapshot::reachable)
                .filter(s -> s.instances().get(instance) != null && s.instances().get(instance).isMaster()).map(DirectorSnapshot::director)
                .toList();
        return masters.size() == 1 ? Optional.of(masters.getFirst()) : Optional.empty();
    }

    /** Two advert intervals plus a second: what the issue asks the live state to show the result within. */
    static Duration bound(VrrpInstance instance) {
        BigDecimal advert = instance.getAdvertInterval() == null ? BigDecimal.ONE : instance.getAdvertInterval();
        return Duration.ofMillis(advert.movePointRight(3).longValue() * 2 + 1000);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static double seconds(String timelineLine) {
        try {
            return Double.parseDouble(timelineLine.substring(2, timelineLine.indexOf(' ')));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}

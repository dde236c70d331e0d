package org.vrrpstudio.ui.logic.whatif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.vrrpstudio.cluster.EffectiveSettings;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.simulation.SimulationReport;
import org.vrrpstudio.simulation.WhatIfSimulation;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * The Distribution view's questions, asked of the engine's simulation: who holds what once the cluster has
 * settled, and after a failure. Runs in virtual time (milliseconds of CPU, deterministic).
 */
public final class WhatIf {

    /** Long enough for every backup's Master_Down_Interval at the largest VRRPv2 advert interval we expect. */
    public static final Duration SETTLE = Duration.ofSeconds(10);
    /** After the failure: detection plus hand-over of sync groups. */
    public static final Duration AFTER = Duration.ofSeconds(15);

    private WhatIf() {
    }

    /** The failures that make sense for this cluster: per director, each interface it uses, a stop, a crash. */
    public static List<Failure> failures(Cluster cluster) {
        List<Failure> failures = new ArrayList<>();
        for (Director director : cluster.getDirectors()) {
            for (String itf : interfaces(director)) {
                failures.add(new Failure.LinkDown(director.getName(), itf));
            }
            failures.add(new Failure.Stop(director.getName()));
            failures.add(new Failure.Crash(director.getName()));
        }
        return failures;
    }

    private static Set<String> interfaces(Director director) {
        Set<String> interfaces = new LinkedHashSet<>();
        for (DirectorInstance settings : director.getInstanceSettings()) {
            String itf = EffectiveSettings.interfaceOf(settings);
            if (itf != null) {
                interfaces.add(itf);
            }
        }
        return interfaces;
    }

    /**
     * Settles the cluster, injects {@code failure} (none: only the steady state) and reports both
     * distributions; with a failure the timeline starts at it. Throws BindingException with the reason when the engine cannot run the cluster.
     */
    public static WhatIfOutcome run(Cluster cluster, Optional<Failure> failure) throws BindingException {
        List<String> directors = cluster.getDirectors().stream().map(Director::getName).toList();
        List<String> instances = cluster.getInstances().stream().map(VrrpInstance::getName).toList();
        SimulationReport steady = WhatIfSimulation.of(cluster).run(SETTLE);
        if (failure.isEmpty()) {
            List<InstanceStates> states = states(steady, instances, Set.of());
            return new WhatIfOutcome(directors, states, steady.timeline(), states);
        }
        WhatIfSimulation withFailure = WhatIfSimulation.of(cluster).add(failure.get().event(SETTLE));
        SimulationReport report = withFailure.run(SETTLE.plus(AFTER));
        Set<String> down = failure.get() instanceof Failure.LinkDown ? Set.of() : Set.of(failure.get().director());
        return new WhatIfOutcome(directors, states(steady, instances, Set.of()), fromFailureOn(report.timeline()),
                states(report, instances, down));
    }

    /** The timeline from the failure on: the start-up before it is the steady state already shown. */
    private static List<String> fromFailureOn(List<String> timeline) {
        double failureAt = SETTLE.toMillis() / 1000.0;
        return timeline.stream().filter(line -> secondsOf(line) >= failureAt - 1e-9).toList();
    }

    /** Lines read "t=12.345 ..." (see SimulationReport). */
    private static double secondsOf(String line) {
        int space = line.indexOf(' ');
        try {
            return line.startsWith("t=") && space > 2 ? Double.parseDouble(line.substring(2, space)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Each instance's state per director: MASTER where the report says a director holds it, otherwise the last
     * transition (BACKUP, FAULT). A director that is {@code down} (crashed: no transition is ever reported)
     * and one never heard of are INITIALIZE.
     */
    private static List<InstanceStates> states(SimulationReport report, List<String> instances, Set<String> down) {
        Map<String, Map<String, VrrpState>> byInstance = new HashMap<>();
        for (StateTransition transition : report.transitions()) {
            VrrpState state = transition.to() == VrrpState.MASTER ? VrrpState.BACKUP : transition.to();
            byInstance.computeIfAbsent(transition.instance(), i -> new HashMap<>()).put(transition.node(), state);
        }
        report.mastersByDirector().forEach((director, masters) -> masters.forEach(
                instance -> byInstance.computeIfAbsent(instance, i -> new HashMap<>()).put(director, VrrpState.MASTER)));
        byInstance.values().forEach(states -> down.forEach(director -> states.put(director, VrrpState.INITIALIZE)));
        return instances.stream().map(i -> new InstanceStates(i, byInstance.getOrDefault(i, Map.of()))).toList();
    }
}

package org.vrrpstudio.simulation;

import java.util.List;
import java.util.Map;

import org.vrrpstudio.vrrp.engine.StateTransition;

/**
 * What happened: every transition (formatted like {@code t=3.609 d2 VI_1 BACKUP->MASTER (master down timer)}),
 * the scenario's events in the same time frame, and who is MASTER of what at the end.
 */
public record SimulationReport(List<String> timeline, List<StateTransition> transitions,
        Map<String, List<String>> mastersByDirector, List<String> splitBrain, String distribution) {

    public SimulationReport {
        timeline = List.copyOf(timeline);
        transitions = List.copyOf(transitions);
        mastersByDirector = Map.copyOf(mastersByDirector);
        splitBrain = List.copyOf(splitBrain);
    }
}

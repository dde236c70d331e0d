package org.vrrpstudio.ui.logic.whatif;

import java.util.List;

/** The steady state before the failure, the timeline of the run, and the distribution after it. */
public record WhatIfOutcome(List<String> directors, List<InstanceStates> before, List<String> timeline,
        List<InstanceStates> after) {

    public WhatIfOutcome {
        directors = List.copyOf(directors);
        before = List.copyOf(before);
        timeline = List.copyOf(timeline);
        after = List.copyOf(after);
    }

    public List<String> splitBrainAfter() {
        return after.stream().filter(InstanceStates::splitBrain).map(InstanceStates::instance).toList();
    }
}

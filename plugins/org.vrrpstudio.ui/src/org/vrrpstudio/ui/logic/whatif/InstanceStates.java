package org.vrrpstudio.ui.logic.whatif;

import java.util.List;
import java.util.Map;

import org.vrrpstudio.vrrp.engine.VrrpState;

/** Which state each director holds one instance in; two or more MASTERs is a split brain. */
public record InstanceStates(String instance, Map<String, VrrpState> stateByDirector) {

    public InstanceStates {
        stateByDirector = Map.copyOf(stateByDirector);
    }

    public List<String> masters() {
        return stateByDirector.entrySet().stream().filter(e -> e.getValue() == VrrpState.MASTER)
                .map(Map.Entry::getKey).sorted().toList();
    }

    public boolean splitBrain() {
        return masters().size() > 1;
    }

    /** Nobody holds the virtual addresses. */
    public boolean unserved() {
        return masters().isEmpty();
    }

    public VrrpState state(String director) {
        return stateByDirector.getOrDefault(director, VrrpState.INITIALIZE);
    }
}

package org.vrrpstudio.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vrrpstudio.vrrp.config.SyncGroupConfig;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * The state of each {@code vrrp_sync_group} as a whole, from its members' transitions, for the group's notify scripts
 * and FIFO lines. keepalived runs a group's MASTER/BACKUP/FAULT notifies when the group as a whole changes state:
 * <ul>
 * <li>FAULT as soon as a member is in FAULT;</li>
 * <li>MASTER once every member is MASTER, BACKUP once every member is BACKUP;</li>
 * <li>STOP once every member has stopped;</li>
 * <li>otherwise (members still following one another, or some not started yet) the group keeps its state.</li>
 * </ul>
 * Pure: fed on the engine thread, one transition after another.
 */
final class SyncGroupStates {

    /** @param state MASTER, BACKUP, FAULT or STOP (keepalived's words) */
    record Change(String group, String state) {
    }

    private List<SyncGroupConfig> groups = List.of();
    private final Map<String, VrrpState> memberStates = new HashMap<>();
    private final Map<String, String> groupStates = new HashMap<>();

    /**
     * The groups from now on (start, reload). A group with the same members keeps its state, so a reload that keeps
     * it says nothing again; a new or changed one starts without a state.
     */
    void use(List<SyncGroupConfig> next) {
        Map<String, String> kept = new HashMap<>();
        for (SyncGroupConfig group : next) {
            boolean same = groups.stream().anyMatch(g -> g.name().equals(group.name()) && g.members().equals(group.members()));
            if (same && groupStates.containsKey(group.name())) {
                kept.put(group.name(), groupStates.get(group.name()));
            }
        }
        groups = List.copyOf(next);
        groupStates.clear();
        groupStates.putAll(kept);
    }

    /** The group change this instance transition makes, if any. */
    Optional<Change> onTransition(StateTransition transition) {
        memberStates.put(transition.instance(), transition.to());
        for (SyncGroupConfig group : groups) {
            if (group.members().contains(transition.instance())) {
                return stateOf(group).filter(state -> !state.equals(groupStates.get(group.name()))).map(state -> {
                    groupStates.put(group.name(), state);
                    return new Change(group.name(), state);
                });
            }
        }
        return Optional.empty();
    }

    private Optional<String> stateOf(SyncGroupConfig group) {
        List<VrrpState> states = group.members().stream().map(m -> memberStates.getOrDefault(m, VrrpState.INITIALIZE)).toList();
        if (states.contains(VrrpState.FAULT)) {
            return Optional.of("FAULT");
        }
        if (states.stream().allMatch(s -> s == VrrpState.INITIALIZE)) {
            // a group that never had a state (all members still starting) has nothing to stop
            return groupStates.containsKey(group.name()) ? Optional.of("STOP") : Optional.empty();
        }
        if (states.stream().allMatch(s -> s == VrrpState.MASTER)) {
            return Optional.of("MASTER");
        }
        if (states.stream().allMatch(s -> s == VrrpState.BACKUP)) {
            return Optional.of("BACKUP");
        }
        return Optional.empty();
    }
}

package org.vrrpstudio.live;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One instance on one director as its daemon reports it now.
 *
 * @param state              MASTER, BACKUP, FAULT, INIT (the daemon's word)
 * @param priority           effective priority now
 * @param configuredPriority the priority the director's file gives (-1: not said)
 * @param vips               the instance's virtual addresses actually present on the director
 * @param lastTransition     when the instance entered its state, by the director's clock (null: not said)
 * @param priorityNote       what lowered the priority when the daemon says (e.g. "track_interface eth1"), else ""
 */
public record InstanceLive(String instance, int vrid, String state, int priority, int configuredPriority,
        List<String> vips, Instant lastTransition, String priorityNote) {

    public InstanceLive {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(state, "state");
        vips = List.copyOf(vips);
        priorityNote = priorityNote == null ? "" : priorityNote;
    }

    public boolean isMaster() {
        return state.equals("MASTER");
    }

    public InstanceLive withVips(List<String> present) {
        return new InstanceLive(instance, vrid, state, priority, configuredPriority, present, lastTransition, priorityNote);
    }

    public InstanceLive withConfiguredPriority(int configured) {
        return new InstanceLive(instance, vrid, state, priority, configured, vips, lastTransition, priorityNote);
    }
}

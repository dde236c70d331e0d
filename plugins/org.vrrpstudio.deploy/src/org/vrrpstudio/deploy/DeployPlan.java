package org.vrrpstudio.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which directors to deploy and in what order. Directors of one group (a failover pair) are deployed one
 * after another in the given order -- pass the BACKUP side first -- and a group stops at its first
 * director that does not succeed (the rest are skipped), so a bad config never reaches the MASTER.
 * Different groups are independent and may run in parallel ({@link DeployOptions#maxParallelGroups()}).
 *
 * @param orderByLiveState before a group of two or more runs (not in a dry run), ask each director's daemon which
 *                         instances it is MASTER of now ({@link DeployTarget#statusCommand()}) and deploy the one
 *                         that holds fewer first; the given order is the fallback when a live state cannot be read
 *                         and decides ties. The {@link PlanResult} and {@link DeployProgress#orderChosen} say which.
 */
public record DeployPlan(List<List<DeployItem>> groups, boolean orderByLiveState) {

    /** A plan whose groups run in the given order. */
    public DeployPlan(List<List<DeployItem>> groups) {
        this(groups, false);
    }

    public DeployPlan {
        List<List<DeployItem>> copy = new ArrayList<>();
        Map<String, String> directorByFile = new HashMap<>();
        for (List<DeployItem> group : groups) {
            if (group.isEmpty()) {
                continue;
            }
            for (DeployItem item : group) {
                DeployTarget t = item.target();
                String file = KnownHostsFile.hostEntryName(t.host(), t.port()) + ":" + t.remoteConfigPath();
                String other = directorByFile.putIfAbsent(file, t.director());
                if (other != null) {
                    throw new IllegalArgumentException("directors " + other + " and " + t.director() + " both deploy to " + file);
                }
            }
            copy.add(List.copyOf(group));
        }
        groups = List.copyOf(copy);
    }

    /** One director at a time, in this order, stopping at the first that does not succeed. */
    public static DeployPlan sequential(List<DeployItem> items) {
        return new DeployPlan(List.of(items));
    }

    /** Every director on its own: all may run in parallel (up to the bound), none stops another. */
    public static DeployPlan independent(List<DeployItem> items) {
        return new DeployPlan(items.stream().map(List::of).toList());
    }

    public static DeployPlan ofGroups(List<List<DeployItem>> groups) {
        return new DeployPlan(groups);
    }

    /** The same groups, reordered by the live state before each runs (see {@link #orderByLiveState()}). */
    public DeployPlan orderedByLiveState(boolean value) {
        return new DeployPlan(groups, value);
    }

    public List<DeployItem> items() {
        return groups.stream().flatMap(List::stream).toList();
    }
}

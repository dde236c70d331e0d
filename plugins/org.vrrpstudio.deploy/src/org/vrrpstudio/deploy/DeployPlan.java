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
 */
public record DeployPlan(List<List<DeployItem>> groups) {

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

    public List<DeployItem> items() {
        return groups.stream().flatMap(List::stream).toList();
    }
}

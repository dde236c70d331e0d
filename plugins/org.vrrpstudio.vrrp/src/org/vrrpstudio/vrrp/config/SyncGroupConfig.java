package org.vrrpstudio.vrrp.config;

import java.util.List;
import java.util.Objects;

/**
 * A {@code vrrp_sync_group}: its members change state together.
 *
 * @param trackingWeight keepalived's {@code sync_group_tracking_weight}; without it member track weights count as 0
 */
public record SyncGroupConfig(String name, List<String> members, boolean trackingWeight) {
    public SyncGroupConfig {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
    }

    public SyncGroupConfig(String name, List<String> members) {
        this(name, members, false);
    }
}

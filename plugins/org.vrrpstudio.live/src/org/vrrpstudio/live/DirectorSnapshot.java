package org.vrrpstudio.live;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one director said at one refresh, or why it could not say anything.
 *
 * @param reachable  false: {@link #error} says why (host key, auth, timeout, daemon not running, sudo)
 * @param updated    when this snapshot was taken (local clock)
 * @param instances  by instance name, in the daemon's order
 * @param authErrors authentication errors the daemon counted so far (all instances); -1 when not known
 * @param drift      how the director's file differs from the model's export, or null when it does not (or is
 *                   not known)
 */
public record DirectorSnapshot(String director, boolean reachable, String error, Instant updated,
        Map<String, InstanceLive> instances, long authErrors, String drift, Map<String, Instant> maintenance) {

    /**
     * @param maintenance the units the director gives away by its maintenance files (a non-zero number in
     *                    {@code vrrpstudio-maint-UNIT}), each with the time its file was written; empty when none
     */
    public DirectorSnapshot {
        Objects.requireNonNull(director, "director");
        Objects.requireNonNull(updated, "updated");
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        error = reachable ? null : Objects.requireNonNullElse(error, "unknown error");
        maintenance = Collections.unmodifiableMap(new LinkedHashMap<>(maintenance));
    }

    public DirectorSnapshot(String director, boolean reachable, String error, Instant updated,
            Map<String, InstanceLive> instances, long authErrors, String drift) {
        this(director, reachable, error, updated, instances, authErrors, drift, Map.of());
    }

    /** The same snapshot with what the director's maintenance files say. */
    public DirectorSnapshot withMaintenance(Map<String, Instant> units) {
        return new DirectorSnapshot(director, reachable, error, updated, instances, authErrors, drift, units);
    }

    public static DirectorSnapshot reachable(String director, Instant updated, List<InstanceLive> instances,
            long authErrors, String drift) {
        Map<String, InstanceLive> byName = new LinkedHashMap<>();
        instances.forEach(i -> byName.put(i.instance(), i));
        return new DirectorSnapshot(director, true, null, updated, byName, authErrors, drift);
    }

    public static DirectorSnapshot unreachable(String director, Instant updated, String error) {
        return new DirectorSnapshot(director, false, error, updated, Map.of(), -1, null);
    }

    public DirectorSnapshot named(String name) {
        return new DirectorSnapshot(name, reachable, error, updated, instances, authErrors, drift, maintenance);
    }

    public DirectorSnapshot withDrift(String detail) {
        return new DirectorSnapshot(director, reachable, error, updated, instances, authErrors, detail, maintenance);
    }

    public long masterCount() {
        return instances.values().stream().filter(InstanceLive::isMaster).count();
    }
}

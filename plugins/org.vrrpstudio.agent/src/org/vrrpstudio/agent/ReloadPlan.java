package org.vrrpstudio.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reload does, unit by unit: units whose configuration is equal keep running as they are; changed ones are
 * stopped (priority 0 if MASTER, VIPs removed) and started again with the new configuration; gone ones stop; new
 * ones start. Pure, so the decision is tested without a network.
 */
record ReloadPlan(List<String> kept, List<EngineUnit> replaced, List<String> removed, List<EngineUnit> added) {

    ReloadPlan {
        kept = List.copyOf(kept);
        replaced = List.copyOf(replaced);
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    static ReloadPlan between(List<EngineUnit> running, List<EngineUnit> next) {
        Map<String, EngineUnit> old = new LinkedHashMap<>();
        running.forEach(u -> old.put(u.name(), u));
        List<String> kept = new ArrayList<>();
        List<EngineUnit> replaced = new ArrayList<>();
        List<EngineUnit> added = new ArrayList<>();
        for (EngineUnit unit : next) {
            EngineUnit before = old.remove(unit.name());
            if (before == null) {
                added.add(unit);
            } else if (before.equals(unit)) {
                kept.add(unit.name());
            } else {
                replaced.add(unit);
            }
        }
        return new ReloadPlan(kept, replaced, List.copyOf(old.keySet()), added);
    }

    boolean changesNothing() {
        return replaced.isEmpty() && removed.isEmpty() && added.isEmpty();
    }

    /** One log line: {@code reload: kept VG1; replaced VG2; removed -; added VI_5}. */
    String summary() {
        return "kept " + names(kept) + "; replaced " + names(replaced.stream().map(EngineUnit::name).toList())
                + "; removed " + names(removed) + "; added " + names(added.stream().map(EngineUnit::name).toList());
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "-" : String.join(", ", names);
    }
}

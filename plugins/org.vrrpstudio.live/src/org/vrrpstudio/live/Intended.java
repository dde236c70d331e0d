package org.vrrpstudio.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the model says the pair should look like: the directors in the model's order, and per instance the
 * director that should be MASTER, each director's configured priority and the virtual addresses.
 */
public record Intended(List<String> directors, List<Intended.Instance> instances, Map<String, List<String>> units) {

    /**
     * @param intendedMaster the director whose file says MASTER, or the one with the highest priority; null when
     *                       the model does not say
     * @param priorities     configured priority by director
     * @param vips           the instance's virtual addresses, without prefix length
     */
    public record Instance(String name, int vrid, String intendedMaster, Map<String, Integer> priorities, List<String> vips) {
        public Instance {
            Objects.requireNonNull(name, "name");
            priorities = Map.copyOf(priorities);
            vips = List.copyOf(vips);
        }
    }

    /**
     * @param units the units a director can give away by its maintenance files (a sync group, or an instance in none)
     *              and their instances, in the model's order
     */
    public Intended {
        directors = List.copyOf(directors);
        instances = List.copyOf(instances);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        units.forEach((unit, members) -> copy.put(unit, List.copyOf(members)));
        units = java.util.Collections.unmodifiableMap(copy);
    }

    /** Without sync groups: each instance is a unit of its own. */
    public Intended(List<String> directors, List<Intended.Instance> instances) {
        this(directors, instances, eachAlone(instances));
    }

    private static Map<String, List<String>> eachAlone(List<Intended.Instance> instances) {
        Map<String, List<String>> units = new LinkedHashMap<>();
        instances.forEach(i -> units.put(i.name(), List.of(i.name())));
        return units;
    }

    /** The unit the instance belongs to; the instance's own name when none lists it. */
    public String unitOf(String instance) {
        return units.entrySet().stream().filter(e -> e.getValue().contains(instance)).map(Map.Entry::getKey).findFirst()
                .orElse(instance);
    }

    public Map<String, Instance> byName() {
        Map<String, Instance> byName = new LinkedHashMap<>();
        instances.forEach(i -> byName.put(i.name(), i));
        return byName;
    }
}

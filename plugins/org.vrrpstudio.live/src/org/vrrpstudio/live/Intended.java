package org.vrrpstudio.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the model says the pair should look like: the directors in the model's order, and per instance the
 * director that should be MASTER, each director's configured priority and the virtual addresses.
 */
public record Intended(List<String> directors, List<Intended.Instance> instances) {

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

    public Intended {
        directors = List.copyOf(directors);
        instances = List.copyOf(instances);
    }

    public Map<String, Instance> byName() {
        Map<String, Instance> byName = new LinkedHashMap<>();
        instances.forEach(i -> byName.put(i.name(), i));
        return byName;
    }
}

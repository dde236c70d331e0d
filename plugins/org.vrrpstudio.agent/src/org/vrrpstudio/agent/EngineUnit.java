package org.vrrpstudio.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.VipPlacement;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;

/**
 * A part of the director that runs on an engine node of its own: one sync group with its members, or one instance
 * outside any group. Instances of different units never influence each other, so a reload can replace one unit and
 * leave the others running untouched (no transition, no gap in adverts).
 *
 * @param name the sync group's or the lone instance's name
 * @param node the engine configuration of just this unit (with only the interfaces its instances use)
 * @param placements how its VIPs go onto the host; part of the unit's identity: a changed label or prefix is a change
 */
record EngineUnit(String name, NodeConfig node, Map<String, List<VipPlacement>> placements) {

    EngineUnit {
        placements = Map.copyOf(placements);
    }

    /** The director's units in configuration order (a group where its first member stands). */
    static List<EngineUnit> split(BoundDirector director) {
        NodeConfig whole = director.node();
        Map<String, SyncGroupConfig> groupOf = new LinkedHashMap<>();
        whole.syncGroups().forEach(g -> g.members().forEach(m -> groupOf.put(m, g)));
        List<EngineUnit> units = new ArrayList<>();
        Set<String> groupsDone = new HashSet<>();
        for (InstanceConfig instance : whole.instances()) {
            SyncGroupConfig group = groupOf.get(instance.name());
            if (group == null) {
                units.add(unit(director, instance.name(), List.of(instance.name()), List.of()));
            } else if (groupsDone.add(group.name())) {
                units.add(unit(director, group.name(), group.members(), List.of(group)));
            }
        }
        return units;
    }

    private static EngineUnit unit(BoundDirector director, String name, List<String> members, List<SyncGroupConfig> groups) {
        NodeConfig whole = director.node();
        List<InstanceConfig> instances = whole.instances().stream().filter(i -> members.contains(i.name())).toList();
        Set<String> used = new LinkedHashSet<>();
        instances.forEach(i -> used.add(i.interfaceName()));
        List<InterfaceConfig> interfaces = whole.interfaces().stream().filter(i -> used.contains(i.name())).toList();
        Map<String, List<VipPlacement>> placements = new LinkedHashMap<>();
        instances.forEach(i -> placements.put(i.name(), director.placements().getOrDefault(i.name(), List.of())));
        return new EngineUnit(name, new NodeConfig(whole.name(), interfaces, instances, groups, whole.groupTakeover()), placements);
    }

    /** The interfaces this unit sends and receives on. */
    Set<String> interfaces() {
        Set<String> names = new LinkedHashSet<>();
        node.interfaces().forEach(i -> names.add(i.name()));
        return names;
    }

    /** The VRIDs this unit answers, as {@code interface/vrid/family} keys for packet routing. */
    Set<String> routingKeys() {
        Set<String> keys = new HashSet<>();
        node.instances().forEach(i -> keys.add(PacketRouting.key(i.interfaceName(), i.vrid(), i.isIpv6())));
        return keys;
    }
}

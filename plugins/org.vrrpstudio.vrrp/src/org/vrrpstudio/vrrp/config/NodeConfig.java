package org.vrrpstudio.vrrp.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One director: its interfaces, VRRP instances and sync groups.
 *
 * @param groupTakeover what a priority-0 advert from the current master does (see {@link GroupTakeover});
 *        {@link GroupTakeover#OFF} (keepalived's behaviour) unless the host chooses otherwise
 */
public record NodeConfig(String name, List<InterfaceConfig> interfaces, List<InstanceConfig> instances,
        List<SyncGroupConfig> syncGroups, GroupTakeover groupTakeover) {
    public NodeConfig(String name, List<InterfaceConfig> interfaces, List<InstanceConfig> instances,
            List<SyncGroupConfig> syncGroups) {
        this(name, interfaces, instances, syncGroups, GroupTakeover.OFF);
    }

    public NodeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(groupTakeover, "groupTakeover");
        interfaces = List.copyOf(interfaces);
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        Set<String> interfaceNames = new HashSet<>();
        interfaces.forEach(i -> interfaceNames.add(i.name()));
        Set<String> instanceNames = new HashSet<>();
        Set<String> vridKeys = new HashSet<>();
        for (InstanceConfig instance : instances) {
            String where = "director " + name + ", instance " + instance.name();
            if (!instanceNames.add(instance.name())) {
                throw new IllegalArgumentException(where + ": duplicate instance name");
            }
            if (!interfaceNames.contains(instance.interfaceName())) {
                throw new IllegalArgumentException(where + ": unknown interface " + instance.interfaceName());
            }
            if (!vridKeys.add(instance.interfaceName() + "/" + instance.vrid() + "/" + instance.isIpv6())) {
                throw new IllegalArgumentException(where + ": VRID " + instance.vrid() + " used twice on " + instance.interfaceName());
            }
        }
        Set<String> grouped = new HashSet<>();
        for (SyncGroupConfig group : syncGroups) {
            for (String member : group.members()) {
                if (!instanceNames.contains(member)) {
                    throw new IllegalArgumentException("director " + name + ", sync group " + group.name() + ": unknown instance " + member);
                }
                if (!grouped.add(member)) {
                    throw new IllegalArgumentException("director " + name + ", sync group " + group.name() + ": instance " + member + " is already in a sync group");
                }
            }
        }
    }

    public NodeConfig withGroupTakeover(GroupTakeover mode) {
        return new NodeConfig(name, interfaces, instances, syncGroups, mode);
    }

    public InterfaceConfig iface(String interfaceName) {
        return interfaces.stream().filter(i -> i.name().equals(interfaceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown interface " + interfaceName));
    }
}

package org.vrrpstudio.vrrp.binding;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;

/**
 * One director's engine configuration, the LAN (the model's logical interface name) each of its physical
 * interfaces is on, how each VIP goes onto the host, and what the engine does not run yet (said, not silently
 * dropped).
 *
 * @param placements per instance name, its VIPs in configuration order with prefix, device, label
 */
public record BoundDirector(NodeConfig node, Map<String, String> segmentByInterface, List<String> notRun,
        Map<String, List<VipPlacement>> placements) {

    public BoundDirector {
        segmentByInterface = Collections.unmodifiableMap(new LinkedHashMap<>(segmentByInterface)); // interface order kept
        notRun = List.copyOf(notRun);
        Map<String, List<VipPlacement>> copy = new LinkedHashMap<>();
        placements.forEach((instance, vips) -> copy.put(instance, List.copyOf(vips)));
        placements = Collections.unmodifiableMap(copy);
    }

    /** Without placement details: every VIP bare (full prefix on the instance's interface), as the simulation needs. */
    public BoundDirector(NodeConfig node, Map<String, String> segmentByInterface, List<String> notRun) {
        this(node, segmentByInterface, notRun, bare(node));
    }

    /** The placement of {@code address} in {@code instance}; bare when the binding has no details for it. */
    public VipPlacement placement(String instance, InetAddress address) {
        return placements.getOrDefault(instance, List.of()).stream().filter(p -> p.address().equals(address)).findFirst()
                .orElseGet(() -> VipPlacement.bare(address));
    }

    private static Map<String, List<VipPlacement>> bare(NodeConfig node) {
        Map<String, List<VipPlacement>> placements = new LinkedHashMap<>();
        for (InstanceConfig instance : node.instances()) {
            placements.put(instance.name(), instance.virtualAddresses().stream().map(VipPlacement::bare).toList());
        }
        return placements;
    }
}

package org.vrrpstudio.vrrp.binding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vrrpstudio.vrrp.config.NodeConfig;

/**
 * One director's engine configuration, the LAN (the model's logical interface name) each of its physical
 * interfaces is on, and what the engine does not run yet (said, not silently dropped).
 */
public record BoundDirector(NodeConfig node, Map<String, String> segmentByInterface, List<String> notRun) {

    public BoundDirector {
        segmentByInterface = Collections.unmodifiableMap(new LinkedHashMap<>(segmentByInterface)); // interface order kept
        notRun = List.copyOf(notRun);
    }
}

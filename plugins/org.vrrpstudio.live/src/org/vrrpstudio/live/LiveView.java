package org.vrrpstudio.live;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One refresh of one cluster: the model's intent, every director's snapshot and what follows from them.
 *
 * @param name the cluster's name as shown (file name without extension); "" when there is one cluster
 */
public record LiveView(String name, Intended intended, Map<String, DirectorSnapshot> snapshots, List<Finding> findings, Instant time) {

    public LiveView {
        snapshots = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(snapshots));
        findings = List.copyOf(findings);
    }

    public static LiveView of(String name, Intended intended, Map<String, DirectorSnapshot> now,
            Map<String, DirectorSnapshot> previous, Instant time) {
        return new LiveView(name, intended, now, Findings.evaluate(intended, now, previous), time);
    }

    public boolean healthy() {
        return Findings.healthy(findings);
    }
}

package org.vrrpstudio.deploy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Results of a plan, in the plan's director order. */
public record PlanResult(List<DeployResult> results) {

    public PlanResult {
        results = List.copyOf(results);
    }

    public boolean allSucceeded() {
        return results.stream().allMatch(r -> r.status().isSuccess());
    }

    public List<String> summaryLines() {
        return results.stream().map(DeployResult::summaryLine).toList();
    }

    public Map<DeployStatus, Long> countByStatus() {
        return results.stream().collect(Collectors.groupingBy(DeployResult::status, () -> new EnumMap<>(DeployStatus.class),
                Collectors.counting()));
    }

    /** e.g. "2 OK, 1 ROLLED_BACK". */
    public String totals() {
        return countByStatus().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}

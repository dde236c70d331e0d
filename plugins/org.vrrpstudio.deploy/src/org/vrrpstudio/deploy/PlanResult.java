package org.vrrpstudio.deploy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Results of a plan, in the order the directors were deployed (the plan's order unless a group was ordered by the
 * live state), and for a live-ordered plan the order each group of two or more took, and why.
 */
public record PlanResult(List<DeployResult> results, List<GroupOrder> orders) {

    public PlanResult {
        results = List.copyOf(results);
        orders = List.copyOf(orders);
    }

    public PlanResult(List<DeployResult> results) {
        this(results, List.of());
    }

    /** One line per ordered group, e.g. {@code "order lvs2, lvs1 by live state: ..."}. */
    public List<String> orderLines() {
        return orders.stream().map(GroupOrder::summaryLine).toList();
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

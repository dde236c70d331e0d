package org.vrrpstudio.deploy;

import java.util.List;
import java.util.Objects;

/**
 * The order a group (failover pair) of a live-ordered plan was deployed in, and why: by the daemons' live state
 * (the director that is MASTER of fewer instances right now first), or the plan's own order from the model when
 * some director's live state could not be read.
 *
 * @param directors the directors in the order they were deployed
 * @param live      true when the live state decided the order, false when the plan's order was kept
 * @param reason    the live MASTER instances per director, or why the live state could not be read
 */
public record GroupOrder(List<String> directors, boolean live, String reason) {

    public GroupOrder {
        directors = List.copyOf(directors);
        Objects.requireNonNull(reason, "reason");
    }

    /** e.g. {@code "order lvs2, lvs1 by live state: lvs2 MASTER of none; lvs1 MASTER of VI_1, VI_2"}. */
    public String summaryLine() {
        return "order " + String.join(", ", directors) + (live ? " by live state: " : " from the model: ") + reason;
    }
}

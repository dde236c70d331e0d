package org.vrrpstudio.vrrp.packet;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Counts rejected packets by reason; the agent exports these as metrics. Not thread-safe (the engine is single-threaded). */
public final class RejectCounters {
    private final EnumMap<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);

    public void count(RejectReason reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    public long get(RejectReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** An immutable copy with every reason present (zero when never seen). */
    public Map<RejectReason, Long> snapshot() {
        EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            copy.put(reason, get(reason));
        }
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "RejectCounters" + counts;
    }
}

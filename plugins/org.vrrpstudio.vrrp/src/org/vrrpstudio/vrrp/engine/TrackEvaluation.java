package org.vrrpstudio.vrrp.engine;

import java.util.Optional;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.TrackConfig;

/**
 * The effect of tracking on one instance, following keepalived.conf(5):
 * <ul>
 * <li>weight 0: a failure (or, with reverse, a success) puts the instance in FAULT;</li>
 * <li>positive weight: added while OK; negative weight: added (i.e. subtracted) while failed; reverse flips the sign;</li>
 * <li>track_file: value × weight is added; below −253 means FAULT; weight 0 treats a non-zero value as failure;</li>
 * <li>the effective priority is clamped to 1..254, and an address owner (255) is never changed by weights;</li>
 * <li>in a sync group (without {@code sync_group_tracking_weight}) weights count as 0.</li>
 * </ul>
 *
 * @param faultCause present when the instance must be in FAULT
 * @param interfaceFault whether the fault comes from an interface (for the transition reason)
 */
record TrackEvaluation(int effectivePriority, Optional<String> faultCause, boolean interfaceFault) {
    private static final int MAX_ADJUSTED = 254;
    private static final int FAULT_BELOW = -253;

    static TrackEvaluation of(InstanceConfig config, TrackInputs inputs, boolean weightsIgnored) {
        if (config.trackPrimaryInterface() && !inputs.linkUp(config.interfaceName())) {
            return fault(config, "interface " + config.interfaceName() + " down", true);
        }
        long adjustment = 0;
        for (TrackConfig track : config.tracks()) {
            int weight = weightsIgnored ? 0 : track.weight();
            boolean ok = inputs.ok(track);
            if (track instanceof TrackConfig.File file && weight != 0) {
                long contribution = inputs.fileValue(file.name()) * weight * (track.reverse() ? -1 : 1);
                if (contribution < FAULT_BELOW) {
                    return fault(config, "track_file " + file.name() + " reads " + inputs.fileValue(file.name()), false);
                }
                adjustment += contribution;
            } else if (weight == 0) {
                if (ok == track.reverse()) {
                    return fault(config, describe(track) + (ok ? " OK (reverse)" : " failed"), track instanceof TrackConfig.Interface);
                }
            } else {
                int contribution = weight > 0 ? (ok ? weight : 0) : (ok ? 0 : weight);
                adjustment += track.reverse() ? -contribution : contribution;
            }
        }
        if (config.isAddressOwner()) {
            return new TrackEvaluation(255, Optional.empty(), false);
        }
        long adjusted = Math.clamp(config.priority() + adjustment, 1, MAX_ADJUSTED);
        return new TrackEvaluation((int) adjusted, Optional.empty(), false);
    }

    private static TrackEvaluation fault(InstanceConfig config, String cause, boolean interfaceFault) {
        return new TrackEvaluation(config.priority(), Optional.of(cause), interfaceFault);
    }

    private static String describe(TrackConfig track) {
        return switch (track) {
            case TrackConfig.Interface i -> "track_interface " + i.name();
            case TrackConfig.Script s -> "track_script " + s.name();
            case TrackConfig.File f -> "track_file " + f.name();
        };
    }

    boolean isFault() {
        return faultCause.isPresent();
    }
}

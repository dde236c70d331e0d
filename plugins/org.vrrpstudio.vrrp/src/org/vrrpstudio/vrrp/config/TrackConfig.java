package org.vrrpstudio.vrrp.config;

import java.util.Objects;

/**
 * Something an instance tracks (keepalived {@code track_interface}, {@code track_script}, {@code track_file}).
 * Weight 0 means "failure puts the instance in FAULT"; otherwise the weight adjusts the effective priority
 * with keepalived's rules (see {@code TrackEvaluation}). {@code reverse} flips the direction.
 */
public sealed interface TrackConfig {
    String name();

    int weight();

    boolean reverse();

    record Interface(String name, int weight, boolean reverse) implements TrackConfig {
        public Interface {
            Objects.requireNonNull(name, "name");
            checkRange(name, weight, 253);
        }
    }

    record Script(String name, int weight, boolean reverse) implements TrackConfig {
        public Script {
            Objects.requireNonNull(name, "name");
            checkRange(name, weight, 253);
        }
    }

    /** The tracked file's numeric value is multiplied by the weight (weight 0: non-zero value = failure). */
    record File(String name, int weight, boolean reverse) implements TrackConfig {
        public File {
            Objects.requireNonNull(name, "name");
            checkRange(name, weight, 254);
        }
    }

    private static void checkRange(String name, int weight, int limit) {
        if (weight < -limit || weight > limit) {
            throw new IllegalArgumentException("track " + name + ": weight " + weight + " outside -" + limit + ".." + limit);
        }
    }
}

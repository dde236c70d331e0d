package org.vrrpstudio.simulation;

import java.time.Duration;
import java.util.Objects;

/** Something that happens to a director at a point of simulated time (offset from the start). */
public sealed interface ScenarioEvent {

    Duration at();

    String director();

    /** The link of {@code interfaceName} goes down ({@code up = false}) or comes back. */
    record Link(Duration at, String director, String interfaceName, boolean up) implements ScenarioEvent {
        public Link {
            Objects.requireNonNull(interfaceName, "interfaceName");
        }
    }

    /** The daemon stops cleanly: masters send priority 0 and release their addresses. */
    record Stop(Duration at, String director) implements ScenarioEvent {
    }

    /** The director dies without a word (power loss): the peer only notices when the adverts stop. */
    record Crash(Duration at, String director) implements ScenarioEvent {
    }

    /** A stopped or crashed director starts again (fresh engine, sequence numbers from the start). */
    record Restart(Duration at, String director) implements ScenarioEvent {
    }

    /**
     * The number in a {@code track_file} changes (keepalived and our agent read it at once): {@code name} is the
     * track_file block's name.
     */
    record FileValue(Duration at, String director, String name, long value) implements ScenarioEvent {
        public FileValue {
            Objects.requireNonNull(name, "name");
        }
    }

    default String describe() {
        return switch (this) {
            case Link l -> l.director() + " " + l.interfaceName() + (l.up() ? " up" : " down");
            case Stop s -> s.director() + " stops (priority 0)";
            case Crash c -> c.director() + " crashes";
            case Restart r -> r.director() + " restarts";
            case FileValue f -> f.director() + " track_file " + f.name() + " = " + f.value();
        };
    }
}

package org.vrrpstudio.ui.logic.whatif;

import java.time.Duration;
import java.util.Objects;

import org.vrrpstudio.simulation.ScenarioEvent;

/** A failure the user can inject into the what-if run, on one director. */
public sealed interface Failure {

    String director();

    /** The scenario event for the simulation, at {@code at}. */
    ScenarioEvent event(Duration at);

    /** For the failure chooser. */
    String label();

    /** One interface loses its link (cable pulled, switch port down). */
    record LinkDown(String director, String interfaceName) implements Failure {
        public LinkDown {
            Objects.requireNonNull(director);
            Objects.requireNonNull(interfaceName);
        }

        public ScenarioEvent event(Duration at) {
            return new ScenarioEvent.Link(at, director, interfaceName, false);
        }

        public String label() {
            return director + ": " + interfaceName + " down";
        }
    }

    /** The daemon is stopped cleanly (masters hand over at once with priority 0). */
    record Stop(String director) implements Failure {
        public ScenarioEvent event(Duration at) {
            return new ScenarioEvent.Stop(at, director);
        }

        public String label() {
            return director + ": keepalived stopped";
        }
    }

    /** The director dies silently (power loss): the peer notices only when adverts stop. */
    record Crash(String director) implements Failure {
        public ScenarioEvent event(Duration at) {
            return new ScenarioEvent.Crash(at, director);
        }

        public String label() {
            return director + ": crash";
        }
    }
}

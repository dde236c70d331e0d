package org.vrrpstudio.simulation;

import java.util.Objects;

/** What the operator asks for (issue 14: drain and move). */
public sealed interface MaintenanceAction {

    /** Every instance the director is MASTER of goes to its peer; the director stays BACKUP. */
    record Drain(String director) implements MaintenanceAction {
        public Drain {
            Objects.requireNonNull(director, "director");
        }
    }

    /** The director takes back what the model intends for it. */
    record Undrain(String director) implements MaintenanceAction {
        public Undrain {
            Objects.requireNonNull(director, "director");
        }
    }

    /**
     * A sync group, or an instance outside any group ({@code instance} true: the name is an instance's, which must
     * not be in a group), goes to {@code to}.
     */
    record Move(String name, boolean instance, String to) implements MaintenanceAction {
        public Move {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Every moved unit (not a drained director's) returns to its intended director. */
    record Back() implements MaintenanceAction {
    }

    default String describe() {
        return switch (this) {
            case Drain d -> "drain " + d.director();
            case Undrain u -> "undrain " + u.director();
            case Move m -> "move " + (m.instance() ? "instance " : "group ") + m.name() + " to " + m.to();
            case Back b -> "move back";
        };
    }
}

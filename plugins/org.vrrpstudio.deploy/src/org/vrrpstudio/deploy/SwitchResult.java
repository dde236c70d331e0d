package org.vrrpstudio.deploy;

import java.time.Duration;

/** How one director ended in a {@link DaemonSwitch}; one line each, as the command line and the console show it. */
public sealed interface SwitchResult {

    String director();

    /** {@code DIRECTOR: what happened}. */
    String line();

    default boolean succeeded() {
        return this instanceof Switched || this instanceof AlreadyRunning;
    }

    /**
     * The director runs {@code to} now and the live state showed every instance where the model wants it;
     * {@code drained}: it handed over by its maintenance files before the daemon changed, not by the daemon's stop.
     */
    record Switched(String director, DaemonKind from, DaemonKind to, Duration handOver, Duration confirmed, boolean drained)
            implements SwitchResult {
        public Switched(String director, DaemonKind from, DaemonKind to, Duration handOver, Duration confirmed) {
            this(director, from, to, handOver, confirmed, false);
        }

        public String line() {
            return director + ": switched " + word(from) + " -> " + word(to) + " (peer MASTER of all " + ms(handOver)
                    + (drained ? " after the drain" : " after the stop") + "; intended distribution " + ms(confirmed)
                    + " after " + word(to) + (drained ? " answered and the director was undrained)" : " answered)");
        }
    }

    /** The director already runs {@code kind}; nothing done. */
    record AlreadyRunning(String director, DaemonKind kind) implements SwitchResult {
        public String line() {
            return director + ": already " + word(kind);
        }
    }

    /** Refused before anything changed on any director. */
    record Refused(String director, String reason) implements SwitchResult {
        public String line() {
            return director + ": refused: " + reason;
        }
    }

    /** The switch failed on this director and its previous daemon runs again with the instances where they were. */
    record Restored(String director, DaemonKind previous, String reason) implements SwitchResult {
        public String line() {
            return director + ": failed, " + word(previous) + " restored: " + reason;
        }
    }

    /** The switch failed and the previous daemon could not be brought back: the director needs a hand. */
    record RestoreFailed(String director, DaemonKind previous, String reason) implements SwitchResult {
        public String line() {
            return director + ": FAILED, " + word(previous) + " NOT restored: " + reason;
        }
    }

    /** Not touched: the switch stopped at an earlier director or refused. */
    record Skipped(String director, String why) implements SwitchResult {
        public String line() {
            return director + ": skipped (" + why + ")";
        }
    }

    static String word(DaemonKind kind) {
        return kind == DaemonKind.AGENT ? "agent" : "keepalived";
    }

    private static String ms(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

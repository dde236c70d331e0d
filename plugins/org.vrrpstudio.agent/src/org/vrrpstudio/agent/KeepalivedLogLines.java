package org.vrrpstudio.agent;

import java.util.Optional;

import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * The log lines keepalived users' alerting greps for, in keepalived 2.2.7's wording (as its VRRP process writes them,
 * seen in a namespace lab): {@code (VI_1) Entering MASTER STATE}, {@code (VI_1) Entering BACKUP STATE},
 * {@code (VI_1) Entering BACKUP STATE (init)} at start, {@code (VI_1) Entering FAULT STATE},
 * {@code (VI_1) Receive advertisement timeout} before a MASTER taken on the master down timer, and
 * {@code VRRP_Group(G1) Syncing instances to MASTER state}. The agent logs them beside its own line that says why.
 */
final class KeepalivedLogLines {

    private KeepalivedLogLines() {
    }

    /** The line keepalived writes before it enters this state, if it writes one. */
    static Optional<String> cause(StateTransition t) {
        if (t.to() == VrrpState.MASTER && t.reason() == TransitionReason.MASTER_DOWN_TIMER) {
            return Optional.of("(" + t.instance() + ") Receive advertisement timeout");
        }
        return Optional.empty();
    }

    /** keepalived's line for entering this state; none for INITIALIZE (stop), where keepalived writes none either. */
    static Optional<String> entering(StateTransition t) {
        return switch (t.to()) {
            case MASTER -> Optional.of("(" + t.instance() + ") Entering MASTER STATE");
            case BACKUP -> Optional.of("(" + t.instance() + ") Entering BACKUP STATE"
                    + (t.from() == VrrpState.INITIALIZE && t.reason() == TransitionReason.STARTUP ? " (init)" : ""));
            case FAULT -> Optional.of("(" + t.instance() + ") Entering FAULT STATE");
            case INITIALIZE -> Optional.empty();
        };
    }

    /** keepalived's line for a sync group moving as a whole (MASTER, BACKUP or FAULT; nothing for STOP). */
    static Optional<String> group(SyncGroupStates.Change change) {
        return switch (change.state()) {
            case "MASTER", "BACKUP", "FAULT" ->
                Optional.of("VRRP_Group(" + change.group() + ") Syncing instances to " + change.state() + " state");
            default -> Optional.empty();
        };
    }
}

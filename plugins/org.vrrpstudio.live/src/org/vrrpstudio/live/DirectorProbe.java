package org.vrrpstudio.live;

import java.util.List;

/**
 * Reads one director's live state: over SSH for a real director, from the engine for a simulated one. A probe
 * keeps its connection between refreshes and never throws from {@link #refresh}: a director it cannot read is an
 * unreachable snapshot with the reason.
 */
public interface DirectorProbe extends AutoCloseable {

    /** The director's name in the model. */
    String director();

    /** One refresh; blocks at most about the connect or command timeout. */
    DirectorSnapshot refresh(Intended intended);

    /** The transitions seen since the last call, oldest first (agent events, journal lines). */
    List<Transition> drainTransitions();

    /**
     * Also tells {@code listener} about each transition the moment it arrives, on the probe's own thread, for probes
     * whose daemon pushes them (the agent's event stream); the others only report them at the next refresh. The
     * transitions still come out of {@link #drainTransitions()} as well.
     */
    default void onTransition(java.util.function.Consumer<Transition> listener) {
    }

    @Override
    void close();
}

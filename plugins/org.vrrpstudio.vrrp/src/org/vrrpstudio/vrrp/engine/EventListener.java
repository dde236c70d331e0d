package org.vrrpstudio.vrrp.engine;

import org.vrrpstudio.vrrp.packet.Rejection;

/** Receives engine events (notify scripts, status API, the console timeline). Called on the engine thread. */
@FunctionalInterface
public interface EventListener {
    void onTransition(StateTransition transition);

    /** A received packet was refused; already counted in the node's reject counters. */
    default void onRejected(String node, String interfaceName, Rejection rejection) {
    }
}

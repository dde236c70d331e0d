package org.vrrpstudio.vrrp.engine;

import java.time.Instant;

/** The engine's only source of time (virtual in simulations, real in the agent). */
@FunctionalInterface
public interface Clock {
    Instant now();
}

package org.vrrpstudio.vrrp.engine;

import java.util.Objects;

/** Everything the engine needs from its host: time, timers, packet output and address changes. */
public record EngineIo(Clock clock, Scheduler scheduler, PacketSender sender, AddressActions addresses) {
    public EngineIo {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(addresses, "addresses");
    }
}

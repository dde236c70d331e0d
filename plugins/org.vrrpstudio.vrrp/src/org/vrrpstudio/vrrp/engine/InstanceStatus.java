package org.vrrpstudio.vrrp.engine;

import java.net.InetAddress;
import java.util.Optional;

/** A read-only snapshot of one instance for status displays. */
public record InstanceStatus(String name, String interfaceName, int vrid, VrrpState state, int effectivePriority,
        Optional<InetAddress> masterAddress, Optional<String> faultCause) {
}

package org.vrrpstudio.vrrp.binding;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Optional;

/**
 * The primary addresses of a director's interface: the agent reads them from the live interface, the simulation
 * makes them up. They are the adverts' source addresses and break ties between equal priorities: the primary IPv4
 * address for IPv4 instances, the link-local IPv6 address for IPv6 (VRRPv3) ones.
 */
@FunctionalInterface
public interface InterfaceAddresses {

    /** Asked only for interfaces with IPv4 instances. */
    Optional<Inet4Address> primaryIpv4(String interfaceName);

    /** Asked only for interfaces with IPv6 instances. */
    default Optional<Inet6Address> linkLocalIpv6(String interfaceName) {
        return Optional.empty();
    }
}

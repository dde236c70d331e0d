package org.vrrpstudio.vrrp.binding;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * The primary IPv4 address of a director's interface: the agent reads it from the live interface, the simulation
 * makes one up. It is the advert's source address and breaks ties between equal priorities.
 */
@FunctionalInterface
public interface InterfaceAddresses {

    Optional<Inet4Address> primaryIpv4(String interfaceName);
}

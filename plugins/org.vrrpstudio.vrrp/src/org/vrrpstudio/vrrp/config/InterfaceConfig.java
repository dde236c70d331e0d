package org.vrrpstudio.vrrp.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Objects;
import java.util.Optional;

/**
 * A director's network interface and its primary addresses, the adverts' source addresses: the IPv4 one for IPv4
 * instances, the link-local IPv6 one for IPv6 (VRRPv3) instances. An interface needs the one its instances use, so an
 * IPv6-only interface has no IPv4 address here.
 */
public record InterfaceConfig(String name, Optional<Inet4Address> primaryIpv4, Optional<Inet6Address> linkLocalIpv6) {
    public InterfaceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primaryIpv4, "primaryIpv4");
        Objects.requireNonNull(linkLocalIpv6, "linkLocalIpv6");
        if (primaryIpv4.isEmpty() && linkLocalIpv6.isEmpty()) {
            throw new IllegalArgumentException("interface " + name + " has neither an IPv4 nor a link-local IPv6 address");
        }
    }

    public InterfaceConfig(String name, Inet4Address primaryIpv4) {
        this(name, Optional.of(primaryIpv4), Optional.empty());
    }

    public InterfaceConfig(String name, Inet4Address primaryIpv4, Optional<Inet6Address> linkLocalIpv6) {
        this(name, Optional.of(primaryIpv4), linkLocalIpv6);
    }
}

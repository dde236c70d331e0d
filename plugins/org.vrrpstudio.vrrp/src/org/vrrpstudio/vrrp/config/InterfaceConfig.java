package org.vrrpstudio.vrrp.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Objects;
import java.util.Optional;

/** A director's network interface and its primary addresses (the advert source addresses). */
public record InterfaceConfig(String name, Inet4Address primaryIpv4, Optional<Inet6Address> linkLocalIpv6) {
    public InterfaceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primaryIpv4, "primaryIpv4");
        Objects.requireNonNull(linkLocalIpv6, "linkLocalIpv6");
    }

    public InterfaceConfig(String name, Inet4Address primaryIpv4) {
        this(name, primaryIpv4, Optional.empty());
    }
}

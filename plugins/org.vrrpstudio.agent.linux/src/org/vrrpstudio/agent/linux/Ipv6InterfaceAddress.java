package org.vrrpstudio.agent.linux;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * An IPv6 address on an interface, as added with RTM_NEWADDR and listed by RTM_GETADDR: a keepalived
 * {@code virtual_ipaddress} line such as {@code 2001:db8::10/64 dev eth0}, or the interface's link-local address
 * VRRPv3 adverts come from.
 *
 * @param ifindex interface index
 * @param address the address (without a scope id)
 * @param prefixLength 0..128
 * @param scope address scope (link for fe80::/10)
 * @param tentative duplicate address detection is still running: the kernel does not send from it yet
 */
public record Ipv6InterfaceAddress(int ifindex, Inet6Address address, int prefixLength, AddressScope scope,
        boolean tentative) {

    public Ipv6InterfaceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scope, "scope");
        if (ifindex <= 0) {
            throw new IllegalArgumentException("interface index must be positive: " + ifindex);
        }
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0..128: " + prefixLength);
        }
    }

    /** A virtual address to add: link scope for fe80::/10, global otherwise, as {@code ip addr add} would give it. */
    public static Ipv6InterfaceAddress of(int ifindex, Inet6Address address, int prefixLength) {
        return new Ipv6InterfaceAddress(ifindex, address, prefixLength,
                address.isLinkLocalAddress() ? AddressScope.LINK : AddressScope.GLOBAL, false);
    }

    public Ipv6InterfaceAddress withScope(AddressScope newScope) {
        return new Ipv6InterfaceAddress(ifindex, address, prefixLength, newScope, tentative);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " ifindex " + ifindex + " scope " + scope.keyword()
                + (tentative ? " tentative" : "");
    }
}

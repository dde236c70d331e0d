package org.vrrpstudio.agent.linux;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * An IPv4 address on an interface, as added with RTM_NEWADDR and listed by RTM_GETADDR; the same facts
 * a keepalived {@code virtual_ipaddress} line gives ({@code 192.0.2.100/24 brd 192.0.2.255 dev eth0
 * scope global label eth0:1}).
 *
 * @param ifindex interface index
 * @param address the local address
 * @param prefixLength 0..32
 * @param broadcast broadcast address, or null for none
 * @param label interface label such as {@code eth0:1}, or null for the default (the interface name);
 *              the kernel allows at most 15 characters
 * @param scope address scope
 */
public record Ipv4InterfaceAddress(int ifindex, Inet4Address address, int prefixLength, Inet4Address broadcast,
        String label, AddressScope scope) {

    public Ipv4InterfaceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scope, "scope");
        if (ifindex <= 0) {
            throw new IllegalArgumentException("interface index must be positive: " + ifindex);
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0..32: " + prefixLength);
        }
    }

    /** An address with global scope, no broadcast and no label. */
    public static Ipv4InterfaceAddress of(int ifindex, Inet4Address address, int prefixLength) {
        return new Ipv4InterfaceAddress(ifindex, address, prefixLength, null, null, AddressScope.GLOBAL);
    }

    public Ipv4InterfaceAddress withBroadcast(Inet4Address newBroadcast) {
        return new Ipv4InterfaceAddress(ifindex, address, prefixLength, newBroadcast, label, scope);
    }

    public Ipv4InterfaceAddress withLabel(String newLabel) {
        return new Ipv4InterfaceAddress(ifindex, address, prefixLength, broadcast, newLabel, scope);
    }

    public Ipv4InterfaceAddress withScope(AddressScope newScope) {
        return new Ipv4InterfaceAddress(ifindex, address, prefixLength, broadcast, label, newScope);
    }

    /** Same interface, address and prefix: what the kernel matches when deleting. */
    public boolean sameAddressAs(Ipv4InterfaceAddress other) {
        return ifindex == other.ifindex && address.equals(other.address) && prefixLength == other.prefixLength;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(address.getHostAddress()).append('/').append(prefixLength);
        if (broadcast != null) {
            text.append(" brd ").append(broadcast.getHostAddress());
        }
        text.append(" ifindex ").append(ifindex).append(" scope ").append(scope.keyword());
        if (label != null) {
            text.append(" label ").append(label);
        }
        return text.toString();
    }
}

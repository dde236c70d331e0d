package org.vrrpstudio.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vrrpstudio.agent.linux.Ipv4InterfaceAddress;
import org.vrrpstudio.agent.linux.Ipv6InterfaceAddress;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.vrrp.config.InstanceConfig;

/** What the host's interfaces say, asked through rtnetlink: the addresses adverts come from, and unicast sanity. */
final class HostQueries {

    private HostQueries() {
    }

    /** The interface's own IPv4 address that is not one of {@code vips} (the advert source, the tie-breaker). */
    static Optional<Inet4Address> primaryIpv4(Netlink netlink, String name, List<InetAddress> vips) {
        try {
            int ifindex = netlink.interfaceIndex(name);
            return netlink.addresses(ifindex).stream().map(Ipv4InterfaceAddress::address)
                    .filter(a -> !vips.contains(a)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What the live interfaces say about unicast instances: a unicast_src_ip the interface does not have (the peers'
     * adverts to it would not arrive) and peers outside every subnet of the interface (routed: a router drops them,
     * TTL 255 is required). IPv6 link-local peers are on the link by definition.
     */
    static List<String> unicastWarnings(Netlink netlink, List<InstanceConfig> instances) {
        List<String> warnings = new ArrayList<>();
        for (InstanceConfig instance : instances) {
            if (!instance.isUnicast()) {
                continue;
            }
            record Own(InetAddress address, int prefixLength) {
            }
            List<Own> own;
            try {
                int ifindex = netlink.interfaceIndex(instance.interfaceName());
                own = instance.isIpv6()
                        ? netlink.ipv6Addresses(ifindex).stream().map(a -> new Own(a.address(), a.prefixLength())).toList()
                        : netlink.addresses(ifindex).stream().map(a -> new Own(a.address(), a.prefixLength())).toList();
            } catch (IOException e) {
                continue; // binding has already said what is wrong with the interface
            }
            String where = "vrrp_instance " + instance.name() + ": ";
            instance.sourceAddress().filter(src -> own.stream().noneMatch(a -> a.address().equals(src))).ifPresent(src ->
                    warnings.add(where + "unicast_src_ip " + src.getHostAddress() + " is not an address of "
                            + instance.interfaceName() + "; the peers' adverts to it will not arrive"));
            for (InetAddress peer : instance.unicastPeers()) {
                if (!peer.isLinkLocalAddress() && own.stream().noneMatch(a -> sameSubnet(a.address(), a.prefixLength(), peer))) {
                    warnings.add(where + "unicast_peer " + peer.getHostAddress() + " is not in a subnet of "
                            + instance.interfaceName() + " " + own.stream().filter(a -> !a.address().isLinkLocalAddress())
                                    .map(a -> a.address().getHostAddress() + "/" + a.prefixLength()).toList()
                            + "; adverts to it are routed and a router drops them");
                }
            }
        }
        return warnings;
    }

    /** Whether {@code other} lies in {@code own}/{@code prefixLength} (same family; any family's bytes). */
    static boolean sameSubnet(InetAddress own, int prefixLength, InetAddress other) {
        byte[] a = own.getAddress();
        byte[] b = other.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int bits = Math.min(prefixLength, a.length * 8);
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The interface's IPv6 link-local address (VRRPv3 adverts come from it and it breaks ties): one that finished
     * duplicate address detection if there is one.
     */
    static Optional<Inet6Address> linkLocalIpv6(Netlink netlink, String name) {
        try {
            List<Ipv6InterfaceAddress> linkLocal = netlink.ipv6Addresses(netlink.interfaceIndex(name)).stream()
                    .filter(a -> a.address().isLinkLocalAddress()).toList();
            return linkLocal.stream().filter(a -> !a.tentative()).findFirst().or(() -> linkLocal.stream().findFirst())
                    .map(Ipv6InterfaceAddress::address);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

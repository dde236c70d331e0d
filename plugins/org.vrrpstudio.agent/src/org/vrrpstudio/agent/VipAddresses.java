package org.vrrpstudio.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.vrrpstudio.agent.linux.AddressChange;
import org.vrrpstudio.agent.linux.AddressScope;
import org.vrrpstudio.agent.linux.GratuitousArp;
import org.vrrpstudio.agent.linux.Ipv4InterfaceAddress;
import org.vrrpstudio.agent.linux.Ipv6InterfaceAddress;
import org.vrrpstudio.agent.linux.NeighbourAdvertisement;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.vrrp.binding.VipPlacement;
import org.vrrpstudio.vrrp.engine.AddressActions;

/**
 * The VIPs on the host: added and removed with rtnetlink, with their configured prefix, device, broadcast, scope and
 * label ({@link VipPlacement}); announced with gratuitous ARP (IPv4) or unsolicited neighbour advertisements (IPv6,
 * added without duplicate address detection) when taken over. A VRRP interface's ARP socket is opened with its VRRP
 * sockets ({@link #prepare}), so a host that refuses it says so at start, not at the first takeover.
 */
final class VipAddresses implements AddressActions, AutoCloseable {

    private final Netlink netlink;
    private final AgentLog log;
    private final Map<String, GratuitousArp> arpSockets = new ConcurrentHashMap<>();
    private final Map<String, NeighbourAdvertisement> neighbourAdvertisers = new ConcurrentHashMap<>();
    private volatile Map<InetAddress, VipPlacement> placements = Map.of();

    VipAddresses(Netlink netlink, AgentLog log) {
        this.netlink = netlink;
        this.log = log;
    }

    /** Opens the ARP socket of a VRRP interface (when not open yet). */
    void prepare(String device) throws IOException {
        if (!arpSockets.containsKey(device)) {
            arpSockets.put(device, GratuitousArp.open(device));
        }
    }

    /** Closes the ARP socket of an interface a reload left without instances. */
    void release(String device) {
        GratuitousArp arp = arpSockets.remove(device);
        if (arp != null) {
            arp.close();
        }
    }

    @Override
    public void addAddresses(String interfaceName, List<InetAddress> addresses) {
        changeAddresses(interfaceName, addresses, true);
    }

    @Override
    public void removeAddresses(String interfaceName, List<InetAddress> addresses) {
        changeAddresses(interfaceName, addresses, false);
    }

    /** The placements (prefix, device, label...) of the current configuration; replaced on reload. */
    void usePlacements(Map<InetAddress, VipPlacement> byAddress) {
        placements = Map.copyOf(byAddress);
    }

    private VipPlacement placement(InetAddress address) {
        return placements.getOrDefault(address, VipPlacement.bare(address));
    }

    private void changeAddresses(String interfaceName, List<InetAddress> addresses, boolean add) {
        for (InetAddress address : addresses) {
            if (address instanceof Inet6Address v6) {
                changeAddress6(interfaceName, v6, add);
                continue;
            }
            if (!(address instanceof Inet4Address v4)) {
                continue;
            }
            VipPlacement placement = placement(address);
            String device = placement.deviceOr(interfaceName);
            String what = device + ": " + (add ? "adding " : "removing ") + v4.getHostAddress() + "/" + placement.prefixLength();
            try {
                Ipv4InterfaceAddress vip = new Ipv4InterfaceAddress(netlink.interfaceIndex(device), v4, placement.prefixLength(),
                        placement.broadcast().map(b -> (Inet4Address) b).orElse(null), placement.label().orElse(null),
                        placement.scope().flatMap(AddressScope::fromKeyword).orElse(AddressScope.GLOBAL));
                report(what, add ? netlink.addAddress(vip) : netlink.removeAddress(vip));
            } catch (IOException e) {
                log.warn(what + " failed: " + e.getMessage());
            }
        }
    }

    private void changeAddress6(String interfaceName, Inet6Address address, boolean add) {
        VipPlacement placement = placement(address);
        String device = placement.deviceOr(interfaceName);
        String what = device + ": " + (add ? "adding " : "removing ") + address.getHostAddress() + "/" + placement.prefixLength();
        try {
            Ipv6InterfaceAddress vip = Ipv6InterfaceAddress.of(netlink.interfaceIndex(device), address, placement.prefixLength());
            vip = placement.scope().flatMap(AddressScope::fromKeyword).map(vip::withScope).orElse(vip);
            report(what, add ? netlink.addAddress(vip) : netlink.removeAddress(vip));
        } catch (IOException e) {
            log.warn(what + " failed: " + e.getMessage());
        }
    }

    private void report(String what, AddressChange change) {
        switch (change) {
            case AddressChange.Applied applied -> log.debug(what);
            case AddressChange.AlreadyPresent present -> log.warn(what + ": already present on the host (kept)");
            case AddressChange.NotPresent gone -> log.debug(what + ": was not present");
            case AddressChange.LabelTooLong tooLong -> log.warn(what + ": label " + tooLong.label() + " is too long (max 15)");
            case AddressChange.Refused refused -> log.warn(what + " refused: " + refused.reason());
        }
    }

    @Override
    public void announce(String interfaceName, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            if (address instanceof Inet6Address v6) {
                String device = placement(address).deviceOr(interfaceName);
                try {
                    neighbourAdvertiser(device).announce(v6);
                } catch (IOException e) {
                    log.warn(device + ": neighbour advertisement for " + v6.getHostAddress() + " failed: " + e.getMessage());
                }
            }
            if (address instanceof Inet4Address v4) {
                String device = placement(address).deviceOr(interfaceName);
                try {
                    GratuitousArp arp = arp(device);
                    try {
                        arp.announce(v4);
                    } catch (IOException first) { // a packet socket reports ENETDOWN once after its link went down and up again
                        arp.announce(v4);
                    }
                } catch (IOException e) {
                    log.warn(device + ": gratuitous ARP for " + v4.getHostAddress() + " failed: " + e.getMessage());
                }
            }
        }
    }

    /** The ARP socket of a VRRP interface ({@link #prepare}d), or of a {@code dev} a VIP names, opened on first use. */
    private GratuitousArp arp(String device) throws IOException {
        GratuitousArp arp = arpSockets.get(device);
        if (arp == null) {
            arp = GratuitousArp.open(device);
            arpSockets.put(device, arp);
        }
        return arp;
    }

    /** The neighbour advertisement socket of a device, opened on first use (engine thread only). */
    private NeighbourAdvertisement neighbourAdvertiser(String device) throws IOException {
        NeighbourAdvertisement advertiser = neighbourAdvertisers.get(device);
        if (advertiser == null) {
            advertiser = NeighbourAdvertisement.open(device);
            neighbourAdvertisers.put(device, advertiser);
        }
        return advertiser;
    }

    @Override
    public void close() {
        arpSockets.values().forEach(GratuitousArp::close);
        arpSockets.clear();
        neighbourAdvertisers.values().forEach(NeighbourAdvertisement::close);
        neighbourAdvertisers.clear();
    }
}

package org.vrrpstudio.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.vrrpstudio.agent.linux.AddressChange;
import org.vrrpstudio.agent.linux.AddressScope;
import org.vrrpstudio.agent.linux.GratuitousArp;
import org.vrrpstudio.agent.linux.Ipv4InterfaceAddress;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.agent.linux.ReceivedPacket;
import org.vrrpstudio.vrrp.binding.VipPlacement;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.engine.AddressActions;
import org.vrrpstudio.vrrp.engine.PacketSender;

/**
 * The engine's view of the director's network: whole IPv4 packets out (IP_HDRINCL, so the AH ICV covers exactly
 * what is sent; to 224.0.0.18 or, for unicast_peer instances, to each peer), VRRP (112) and AH (51) packets in:
 * those addressed to the host always, those to 224.0.0.18 only while some instance on the interface is
 * multicast (the group is joined then and left when only unicast instances remain), VIPs added and removed with rtnetlink, and
 * gratuitous ARP for VIPs taken over. One receiver thread per socket posts packets to the engine thread. VIPs go on
 * with their configured prefix, device, broadcast, scope and label ({@link VipPlacement}).
 */
final class LinuxNetwork implements PacketSender, AddressActions, AutoCloseable {

    private static final Inet4Address VRRP_GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");
    private static final int MAX_PACKET = 2048;

    private final Netlink netlink;
    private final AgentLog log;
    private final Map<String, Interface> interfaces = new ConcurrentHashMap<>();
    private final Map<String, GratuitousArp> otherDevices = new HashMap<>();
    private volatile Map<InetAddress, VipPlacement> placements = Map.of();
    private volatile boolean closed;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    private record Interface(String name, int ifindex, RawIpSocket sender, List<RawIpSocket> receivers, GratuitousArp arp,
            AtomicBoolean joined) {
    }

    LinuxNetwork(Netlink netlink, AgentLog log) {
        this.netlink = netlink;
        this.log = log;
    }

    /**
     * Opens the sockets of {@code name} (when not open yet) and joins or leaves 224.0.0.18 as {@code multicast} says;
     * {@code onPacket} gets (interface, whole IP packet) on a receiver thread.
     */
    void open(String name, boolean multicast, BiConsumer<String, byte[]> onPacket) throws IOException {
        Interface open = interfaces.get(name);
        if (open != null) {
            membership(open, multicast);
            return;
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            int ifindex = netlink.interfaceIndex(name);
            RawIpSocket sender = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP);
            opened.add(sender);
            sender.headerIncluded(true).bindToDevice(name).multicastTtl(255).multicastLoop(false).multicastInterface(ifindex);
            List<RawIpSocket> sockets = new ArrayList<>();
            for (int protocol : new int[] {RawIpSocket.PROTOCOL_VRRP, RawIpSocket.PROTOCOL_AH}) {
                RawIpSocket socket = RawIpSocket.open(protocol);
                opened.add(socket);
                sockets.add(socket.bindToDevice(name).multicastLoop(false));
            }
            GratuitousArp arp = GratuitousArp.open(name);
            opened.add(arp);
            Interface iface = new Interface(name, ifindex, sender, sockets, arp, new AtomicBoolean());
            membership(iface, multicast);
            interfaces.put(name, iface);
            for (RawIpSocket socket : sockets) {
                Thread thread = new Thread(() -> receive(iface, socket, onPacket), "vrrp-receive-" + name + "-" + socket.protocol());
                thread.setDaemon(true);
                thread.setPriority(Thread.MAX_PRIORITY);
                thread.start();
            }
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable socket : opened) {
                try {
                    socket.close();
                } catch (Exception ignored) {
                    // already failing: the first error is the one to report
                }
            }
            throw e;
        }
    }

    /** Joins or leaves the VRRP group on every receiving socket of {@code iface}, when that changes. */
    private void membership(Interface iface, boolean multicast) throws IOException {
        if (iface.joined().get() == multicast) {
            return;
        }
        for (RawIpSocket socket : iface.receivers()) {
            if (multicast) {
                socket.joinGroup(VRRP_GROUP, iface.ifindex());
            } else {
                socket.leaveGroup(VRRP_GROUP, iface.ifindex());
            }
        }
        iface.joined().set(multicast);
        log.debug(iface.name() + ": " + (multicast ? "joined " : "left ") + VRRP_GROUP.getHostAddress());
    }

    /** Whether {@code name} listens on 224.0.0.18 (false for an interface with unicast instances only). */
    boolean joinedGroup(String name) {
        Interface iface = interfaces.get(name);
        return iface != null && iface.joined().get();
    }

    /** Runs until the agent closes or a reload closes this interface (the socket then returns empty at once). */
    private void receive(Interface iface, RawIpSocket socket, BiConsumer<String, byte[]> onPacket) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
        while (!closed && interfaces.get(iface.name()) == iface) {
            try {
                buffer.clear();
                Optional<ReceivedPacket> packet = socket.receive(buffer, 250);
                if (packet.isPresent() && !packet.get().truncated()) {
                    byte[] bytes = new byte[packet.get().length()];
                    buffer.flip();
                    buffer.get(bytes);
                    received.incrementAndGet();
                    onPacket.accept(iface.name(), bytes);
                }
            } catch (IOException e) {
                if (!closed && interfaces.get(iface.name()) == iface) {
                    log.warn(iface.name() + ": receive failed: " + e.getMessage());
                }
                return;
            }
        }
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
     * TTL 255 is required).
     */
    static List<String> unicastWarnings(Netlink netlink, List<InstanceConfig> instances) {
        List<String> warnings = new ArrayList<>();
        for (InstanceConfig instance : instances) {
            if (!instance.isUnicast() || instance.isIpv6()) {
                continue;
            }
            List<Ipv4InterfaceAddress> own;
            try {
                own = netlink.addresses(netlink.interfaceIndex(instance.interfaceName()));
            } catch (IOException e) {
                continue; // binding has already said what is wrong with the interface
            }
            String where = "vrrp_instance " + instance.name() + ": ";
            instance.sourceAddress().filter(src -> own.stream().noneMatch(a -> a.address().equals(src))).ifPresent(src ->
                    warnings.add(where + "unicast_src_ip " + src.getHostAddress() + " is not an address of "
                            + instance.interfaceName() + "; the peers' adverts to it will not arrive"));
            for (InetAddress peer : instance.unicastPeers()) {
                if (own.stream().noneMatch(a -> sameSubnet(a, peer))) {
                    warnings.add(where + "unicast_peer " + peer.getHostAddress() + " is not in a subnet of "
                            + instance.interfaceName() + " " + own.stream().map(a -> a.address().getHostAddress() + "/"
                                    + a.prefixLength()).toList() + "; adverts to it are routed and a router drops them");
                }
            }
        }
        return warnings;
    }

    private static boolean sameSubnet(Ipv4InterfaceAddress own, InetAddress other) {
        int prefix = own.prefixLength();
        if (prefix == 0) {
            return true;
        }
        int mask = prefix >= 32 ? -1 : -1 << (32 - prefix);
        return (ByteBuffer.wrap(own.address().getAddress()).getInt() & mask) == (ByteBuffer.wrap(other.getAddress()).getInt() & mask);
    }

    @Override
    public void send(String interfaceName, byte[] ipPacket) {
        Interface iface = interfaces.get(interfaceName);
        if (iface == null) {
            return;
        }
        byte[] destination = {ipPacket[16], ipPacket[17], ipPacket[18], ipPacket[19]};
        try {
            iface.sender().send(ByteBuffer.wrap(ipPacket), (Inet4Address) InetAddress.getByAddress(destination));
            sent.incrementAndGet();
        } catch (IOException e) {
            // a link that just went down refuses sends: the link monitor reports the fault, no need to shout twice
            log.debug(interfaceName + ": send failed: " + e.getMessage());
        }
    }

    long packetsSent() {
        return sent.get();
    }

    long packetsReceived() {
        return received.get();
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
                switch (add ? netlink.addAddress(vip) : netlink.removeAddress(vip)) {
                    case AddressChange.Applied applied -> log.debug(what);
                    case AddressChange.AlreadyPresent present -> log.warn(what + ": already present on the host (kept)");
                    case AddressChange.NotPresent gone -> log.debug(what + ": was not present");
                    case AddressChange.LabelTooLong tooLong -> log.warn(what + ": label " + tooLong.label() + " is too long (max 15)");
                    case AddressChange.Refused refused -> log.warn(what + " refused: " + refused.reason());
                }
            } catch (IOException e) {
                log.warn(what + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void announce(String interfaceName, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
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

    /** The ARP socket of a VRRP interface, or of a {@code dev} a VIP names, opened on first use. */
    private GratuitousArp arp(String device) throws IOException {
        Interface iface = interfaces.get(device);
        if (iface != null) {
            return iface.arp();
        }
        GratuitousArp arp = otherDevices.get(device);
        if (arp == null) {
            arp = GratuitousArp.open(device);
            otherDevices.put(device, arp);
        }
        return arp;
    }

    /** The interfaces with open sockets. */
    Set<String> openInterfaces() {
        return Set.copyOf(interfaces.keySet());
    }

    /** Closes the sockets of one interface (a reload left no instance on it). */
    void close(String name) {
        Interface iface = interfaces.remove(name);
        if (iface != null) {
            iface.receivers().forEach(RawIpSocket::close); // its receiver threads see the closed socket and end
            iface.sender().close();
            iface.arp().close();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (String name : Set.copyOf(interfaces.keySet())) {
            close(name);
        }
        otherDevices.values().forEach(GratuitousArp::close);
        otherDevices.clear();
    }
}

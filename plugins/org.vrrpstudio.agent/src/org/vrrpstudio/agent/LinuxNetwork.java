package org.vrrpstudio.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import org.vrrpstudio.agent.linux.AddressChange;
import org.vrrpstudio.agent.linux.AddressScope;
import org.vrrpstudio.agent.linux.GratuitousArp;
import org.vrrpstudio.agent.linux.Ipv4InterfaceAddress;
import org.vrrpstudio.agent.linux.Ipv6InterfaceAddress;
import org.vrrpstudio.agent.linux.NeighbourAdvertisement;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.agent.linux.RawIpv6Socket;
import org.vrrpstudio.agent.linux.ReceivedIpv6Packet;
import org.vrrpstudio.agent.linux.ReceivedPacket;
import org.vrrpstudio.vrrp.binding.VipPlacement;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.engine.AddressActions;
import org.vrrpstudio.vrrp.engine.PacketSender;
import org.vrrpstudio.vrrp.packet.VrrpWire;

/**
 * The engine's view of the director's network: whole IPv4 packets out (IP_HDRINCL, so the AH ICV covers exactly
 * what is sent; to 224.0.0.18 or, for unicast_peer instances, to each peer), VRRP (112) and AH (51) packets in:
 * those addressed to the host always, those to 224.0.0.18 only while some instance on the interface is
 * multicast (the group is joined then and left when only unicast instances remain), VIPs added and removed with rtnetlink, and
 * gratuitous ARP for VIPs taken over. One receiver thread per socket posts packets to the engine thread. VIPs go on
 * with their configured prefix, device, broadcast, scope and label ({@link VipPlacement}).
 *
 * <p>IPv6 (VRRPv3), on an interface with IPv6 instances: one raw IPv6 socket for protocol 112 sends (the kernel adds
 * the header with the engine's source address, hop limit 255, and fills in the checksum) and receives (joined
 * to ff02::12 while some IPv6 instance there is multicast); a received message goes to the engine with an IPv6
 * header rebuilt from the ancillary data, so both families take one path. IPv6 VIPs are added without duplicate
 * address detection and announced with unsolicited neighbour advertisements.
 */
final class LinuxNetwork implements PacketSender, AddressActions, AutoCloseable {

    private static final Inet4Address VRRP_GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");
    private static final int MAX_PACKET = 2048;
    private static final int IPV6_HEADER = 40;
    /** Where the checksum sits in a VRRP message; the kernel computes it over the IPv6 pseudo-header it sends with. */
    private static final int VRRP_CHECKSUM_OFFSET = 6;

    private final Netlink netlink;
    private final AgentLog log;
    private final Map<String, Interface> interfaces = new ConcurrentHashMap<>();
    private final Map<String, GratuitousArp> otherDevices = new HashMap<>();
    private final Map<String, NeighbourAdvertisement> neighbourAdvertisers = new HashMap<>();
    private volatile Map<InetAddress, VipPlacement> placements = Map.of();
    private volatile boolean closed;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    /**
     * Receivers wait without a timeout: closing a socket (reload, stop) wakes its waiter through the socket's eventfd
     * (NativeDescriptor), so nothing needs to look around periodically. The 250 ms timeout they used to have woke four
     * threads four times a second on the case study, each time through interpreted FFM calls: about two thirds of the
     * idle agent's CPU (issue 18, part 4).
     */
    private static final long WAIT_FOREVER = -1;

    private record Interface(String name, int ifindex, RawIpSocket sender, List<RawIpSocket> receivers, GratuitousArp arp,
            AtomicBoolean joined, AtomicReference<RawIpv6Socket> ipv6, AtomicBoolean joinedIpv6) {
    }

    /**
     * What an interface must listen to: 224.0.0.18 (some IPv4 instance there is multicast), IPv6 at all (some
     * instance there is IPv6), ff02::12 (some IPv6 instance is multicast).
     */
    record Listening(boolean ipv4Group, boolean ipv6, boolean ipv6Group) {
    }

    LinuxNetwork(Netlink netlink, AgentLog log) {
        this.netlink = netlink;
        this.log = log;
    }

    /**
     * Opens the sockets of {@code name} (when not open yet; the IPv6 one when {@code listening} first asks for it) and
     * joins or leaves the VRRP groups as {@code listening} says; {@code onPacket} gets (interface, whole IP packet) on a
     * receiver thread.
     */
    void open(String name, Listening listening, BiConsumer<String, byte[]> onPacket) throws IOException {
        Interface open = interfaces.get(name);
        if (open != null) {
            membership(open, listening.ipv4Group());
            ipv6(open, listening, onPacket);
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
            Interface iface = new Interface(name, ifindex, sender, sockets, arp, new AtomicBoolean(), new AtomicReference<>(),
                    new AtomicBoolean());
            membership(iface, listening.ipv4Group());
            interfaces.put(name, iface); // before any receiver starts: they run while the map holds their interface
            try {
                ipv6(iface, listening, onPacket);
            } catch (IOException | RuntimeException e) {
                interfaces.remove(name);
                Optional.ofNullable(iface.ipv6().get()).ifPresent(RawIpv6Socket::close);
                throw e;
            }
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

    /**
     * Opens the interface's IPv6 socket the first time an IPv6 instance needs it (kept until the interface closes) and
     * joins or leaves ff02::12.
     */
    private void ipv6(Interface iface, Listening listening, BiConsumer<String, byte[]> onPacket) throws IOException {
        RawIpv6Socket socket = iface.ipv6().get();
        if (socket == null && !listening.ipv6()) {
            return;
        }
        if (socket == null) {
            socket = RawIpv6Socket.open(VrrpWire.IP_PROTOCOL);
            try {
                socket.bindToDevice(iface.name()).checksumAt(VRRP_CHECKSUM_OFFSET).trafficClass(VrrpWire.IP_TOS)
                        .multicastHops(255).unicastHops(255)
                        .multicastLoop(false).multicastInterface(iface.ifindex());
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            iface.ipv6().set(socket);
            RawIpv6Socket receiving = socket;
            Thread thread = new Thread(() -> receive6(iface, receiving, onPacket), "vrrp-receive-" + iface.name() + "-ipv6");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            thread.start();
        }
        boolean group = listening.ipv6() && listening.ipv6Group();
        if (iface.joinedIpv6().get() != group) {
            if (group) {
                socket.joinGroup(VrrpWire.IPV6_GROUP, iface.ifindex());
            } else {
                socket.leaveGroup(VrrpWire.IPV6_GROUP, iface.ifindex());
            }
            iface.joinedIpv6().set(group);
            log.debug(iface.name() + ": " + (group ? "joined " : "left ") + VrrpWire.IPV6_GROUP.getHostAddress());
        }
    }

    /** Whether {@code name} listens on 224.0.0.18 (false for an interface with unicast instances only). */
    boolean joinedGroup(String name) {
        Interface iface = interfaces.get(name);
        return iface != null && iface.joined().get();
    }

    /** Whether {@code name} listens on ff02::12. */
    boolean joinedIpv6Group(String name) {
        Interface iface = interfaces.get(name);
        return iface != null && iface.joinedIpv6().get();
    }

    /** As {@link #receive}, for the IPv6 socket: the message gets back the header the socket took off. */
    private void receive6(Interface iface, RawIpv6Socket socket, BiConsumer<String, byte[]> onPacket) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
        while (!closed && interfaces.get(iface.name()) == iface) {
            try {
                buffer.clear();
                Optional<ReceivedIpv6Packet> packet = socket.receive(buffer, WAIT_FOREVER);
                if (packet.isPresent() && !packet.get().truncated() && packet.get().destination() != null) {
                    byte[] message = new byte[packet.get().length()];
                    buffer.flip();
                    buffer.get(message);
                    received.incrementAndGet();
                    onPacket.accept(iface.name(), withIpv6Header(packet.get(), message));
                }
            } catch (IOException e) {
                if (!closed && interfaces.get(iface.name()) == iface) {
                    log.warn(iface.name() + ": IPv6 receive failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    /**
     * The fixed IPv6 header a raw socket keeps to itself, rebuilt from what it reports (source, destination, hop limit),
     * so the engine judges an IPv6 advert as it would a captured packet. The traffic class is not reported: VRRP's own
     * is assumed (nothing checks it).
     */
    static byte[] withIpv6Header(ReceivedIpv6Packet packet, byte[] message) {
        ByteBuffer whole = ByteBuffer.allocate(IPV6_HEADER + message.length);
        whole.putInt(0x6000_0000 | VrrpWire.IP_TOS << 20).putShort((short) message.length).put((byte) VrrpWire.IP_PROTOCOL)
                .put((byte) Math.max(0, packet.hopLimit()));
        whole.put(packet.source().getAddress()).put(packet.destination().getAddress()).put(message);
        return whole.array();
    }

    /** Runs until the agent closes or a reload closes this interface (the socket then returns empty at once). */
    private void receive(Interface iface, RawIpSocket socket, BiConsumer<String, byte[]> onPacket) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
        while (!closed && interfaces.get(iface.name()) == iface) {
            try {
                buffer.clear();
                Optional<ReceivedPacket> packet = socket.receive(buffer, WAIT_FOREVER);
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

    @Override
    public void send(String interfaceName, byte[] ipPacket) {
        Interface iface = interfaces.get(interfaceName);
        if (iface == null) {
            return;
        }
        if ((ipPacket[0] >> 4 & 0xf) == 6) {
            send6(iface, ipPacket);
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

    /**
     * An IPv6 packet from the engine: the socket wants the message alone and takes the header's source (the link-local
     * address or unicast_src_ip the peers check) and destination.
     */
    private void send6(Interface iface, byte[] ipPacket) {
        RawIpv6Socket socket = iface.ipv6().get();
        if (socket == null || ipPacket.length <= IPV6_HEADER) {
            return;
        }
        try {
            Inet6Address from = (Inet6Address) InetAddress.getByAddress(java.util.Arrays.copyOfRange(ipPacket, 8, 24));
            Inet6Address to = (Inet6Address) InetAddress.getByAddress(java.util.Arrays.copyOfRange(ipPacket, 24, 40));
            socket.send(ByteBuffer.wrap(ipPacket, IPV6_HEADER, ipPacket.length - IPV6_HEADER), from, to, iface.ifindex());
            sent.incrementAndGet();
        } catch (IOException e) {
            log.debug(iface.name() + ": IPv6 send failed: " + e.getMessage());
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

    /** The neighbour advertisement socket of a device, opened on first use (engine thread only). */
    private NeighbourAdvertisement neighbourAdvertiser(String device) throws IOException {
        NeighbourAdvertisement advertiser = neighbourAdvertisers.get(device);
        if (advertiser == null) {
            advertiser = NeighbourAdvertisement.open(device);
            neighbourAdvertisers.put(device, advertiser);
        }
        return advertiser;
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
            Optional.ofNullable(iface.ipv6().get()).ifPresent(RawIpv6Socket::close);
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
        neighbourAdvertisers.values().forEach(NeighbourAdvertisement::close);
        neighbourAdvertisers.clear();
    }
}

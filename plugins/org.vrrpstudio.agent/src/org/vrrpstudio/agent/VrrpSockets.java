package org.vrrpstudio.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.agent.linux.RawIpv6Socket;
import org.vrrpstudio.agent.linux.ReceivedIpv6Packet;
import org.vrrpstudio.agent.linux.ReceivedPacket;
import org.vrrpstudio.vrrp.engine.PacketSender;
import org.vrrpstudio.vrrp.packet.VrrpWire;

/**
 * The VRRP packets of the director's interfaces: whole IPv4 packets out (IP_HDRINCL, so the AH ICV covers exactly
 * what is sent; to 224.0.0.18 or, for unicast_peer instances, to each peer), VRRP (112) and AH (51) packets in:
 * those addressed to the host always, those to 224.0.0.18 only while some instance on the interface is
 * multicast (the group is joined then and left when only unicast instances remain). One receiver thread per socket
 * posts packets to the engine thread.
 *
 * <p>IPv6 (VRRPv3), on an interface with IPv6 instances: one raw IPv6 socket for protocol 112 sends (the kernel adds
 * the header with the engine's source address, hop limit 255, and fills in the checksum) and receives (joined
 * to ff02::12 while some IPv6 instance there is multicast); a received message goes to the engine with an IPv6
 * header rebuilt from the ancillary data, so both families take one path.
 */
final class VrrpSockets implements PacketSender, AutoCloseable {

    private static final Inet4Address VRRP_GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");
    private static final int MAX_PACKET = 2048;
    private static final int IPV6_HEADER = 40;
    /** Where the checksum sits in a VRRP message; the kernel computes it over the IPv6 pseudo-header it sends with. */
    private static final int VRRP_CHECKSUM_OFFSET = 6;

    private final Netlink netlink;
    private final AgentLog log;
    private final Map<String, Interface> interfaces = new ConcurrentHashMap<>();
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

    private record Interface(String name, int ifindex, RawIpSocket sender, List<RawIpSocket> receivers,
            AtomicBoolean joined, AtomicReference<RawIpv6Socket> ipv6, AtomicBoolean joinedIpv6) {
    }

    /**
     * What an interface must listen to: 224.0.0.18 (some IPv4 instance there is multicast), IPv6 at all (some
     * instance there is IPv6), ff02::12 (some IPv6 instance is multicast).
     */
    record Listening(boolean ipv4Group, boolean ipv6, boolean ipv6Group) {
    }

    VrrpSockets(Netlink netlink, AgentLog log) {
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
            Interface iface = new Interface(name, ifindex, sender, sockets, new AtomicBoolean(), new AtomicReference<>(),
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
            Optional.ofNullable(iface.ipv6().get()).ifPresent(RawIpv6Socket::close);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (String name : Set.copyOf(interfaces.keySet())) {
            close(name);
        }
    }
}

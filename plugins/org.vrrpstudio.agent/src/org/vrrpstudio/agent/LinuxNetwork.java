package org.vrrpstudio.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.vrrpstudio.agent.linux.AddressChange;
import org.vrrpstudio.agent.linux.GratuitousArp;
import org.vrrpstudio.agent.linux.Ipv4InterfaceAddress;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.agent.linux.ReceivedPacket;
import org.vrrpstudio.vrrp.engine.AddressActions;
import org.vrrpstudio.vrrp.engine.PacketSender;

/**
 * The engine's view of the director's network: whole IPv4 packets out (IP_HDRINCL, so the AH ICV covers exactly
 * what is sent), VRRP (112) and AH (51) packets in from 224.0.0.18, VIPs added and removed with rtnetlink, and
 * gratuitous ARP for VIPs taken over. One receiver thread per socket posts packets to the engine thread.
 */
final class LinuxNetwork implements PacketSender, AddressActions, AutoCloseable {

    private static final Inet4Address VRRP_GROUP = (Inet4Address) InetAddress.ofLiteral("224.0.0.18");
    private static final int MAX_PACKET = 2048;

    private final Netlink netlink;
    private final AgentLog log;
    private final Map<String, Interface> interfaces = new LinkedHashMap<>();
    private final List<Thread> receivers = new ArrayList<>();
    private volatile boolean closed;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    private record Interface(String name, int ifindex, RawIpSocket sender, List<RawIpSocket> receivers, GratuitousArp arp) {
    }

    LinuxNetwork(Netlink netlink, AgentLog log) {
        this.netlink = netlink;
        this.log = log;
    }

    /** Opens the sockets of {@code name}; {@code onPacket} gets (interface, whole IP packet) on a receiver thread. */
    void open(String name, BiConsumer<String, byte[]> onPacket) throws IOException {
        int ifindex = netlink.interfaceIndex(name);
        RawIpSocket sender = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP).headerIncluded(true).bindToDevice(name)
                .multicastTtl(255).multicastLoop(false).multicastInterface(ifindex);
        List<RawIpSocket> sockets = new ArrayList<>();
        for (int protocol : new int[] {RawIpSocket.PROTOCOL_VRRP, RawIpSocket.PROTOCOL_AH}) {
            sockets.add(RawIpSocket.open(protocol).bindToDevice(name).multicastLoop(false).joinGroup(VRRP_GROUP, ifindex));
        }
        interfaces.put(name, new Interface(name, ifindex, sender, sockets, GratuitousArp.open(name)));
        for (RawIpSocket socket : sockets) {
            Thread thread = new Thread(() -> receive(name, socket, onPacket), "vrrp-receive-" + name + "-" + socket.protocol());
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            receivers.add(thread);
            thread.start();
        }
    }

    private void receive(String name, RawIpSocket socket, BiConsumer<String, byte[]> onPacket) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
        while (!closed) {
            try {
                buffer.clear();
                Optional<ReceivedPacket> packet = socket.receive(buffer, 250);
                if (packet.isPresent() && !packet.get().truncated()) {
                    byte[] bytes = new byte[packet.get().length()];
                    buffer.flip();
                    buffer.get(bytes);
                    received.incrementAndGet();
                    onPacket.accept(name, bytes);
                }
            } catch (IOException e) {
                if (!closed) {
                    log.warn(name + ": receive failed: " + e.getMessage());
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

    private void changeAddresses(String interfaceName, List<InetAddress> addresses, boolean add) {
        Interface iface = interfaces.get(interfaceName);
        for (InetAddress address : addresses) {
            if (!(address instanceof Inet4Address v4) || iface == null) {
                continue;
            }
            try {
                Ipv4InterfaceAddress vip = Ipv4InterfaceAddress.of(iface.ifindex(), v4, 32);
                AddressChange change = add ? netlink.addAddress(vip) : netlink.removeAddress(vip);
                if (change instanceof AddressChange.Refused refused) {
                    log.warn(interfaceName + ": " + (add ? "adding " : "removing ") + v4.getHostAddress() + " refused: " + refused.reason());
                }
            } catch (IOException e) {
                log.warn(interfaceName + ": " + (add ? "adding " : "removing ") + v4.getHostAddress() + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void announce(String interfaceName, List<InetAddress> addresses) {
        Interface iface = interfaces.get(interfaceName);
        for (InetAddress address : addresses) {
            if (address instanceof Inet4Address v4 && iface != null) {
                try {
                    iface.arp().announce(v4);
                } catch (IOException first) {
                    try { // a packet socket reports ENETDOWN once after its link went down and up again
                        iface.arp().announce(v4);
                    } catch (IOException e) {
                        log.warn(interfaceName + ": gratuitous ARP for " + v4.getHostAddress() + " failed: " + e.getMessage());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Interface iface : interfaces.values()) {
            iface.receivers().forEach(RawIpSocket::close);
            iface.sender().close();
            iface.arp().close();
        }
    }
}

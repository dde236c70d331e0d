package org.vrrpstudio.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.vrrp.binding.VipPlacement;
import org.vrrpstudio.vrrp.engine.AddressActions;
import org.vrrpstudio.vrrp.engine.PacketSender;

/**
 * The engine's view of the director's network, in two parts as FRR's vrrpd splits it: the VRRP packets
 * ({@link VrrpSockets}) and the VIPs with their announcements ({@link VipAddresses}); what the host's interfaces say
 * is asked through {@link HostQueries}. An interface is opened and closed for both parts at once.
 */
final class LinuxNetwork implements PacketSender, AddressActions, AutoCloseable {

    private final VrrpSockets sockets;
    private final VipAddresses addresses;

    LinuxNetwork(Netlink netlink, AgentLog log) {
        this.sockets = new VrrpSockets(netlink, log);
        this.addresses = new VipAddresses(netlink, log);
    }

    /**
     * Opens the VRRP sockets and the ARP socket of {@code name} (when not open yet) and joins or leaves the VRRP groups
     * as {@code listening} says; {@code onPacket} gets (interface, whole IP packet) on a receiver thread.
     */
    void open(String name, VrrpSockets.Listening listening, BiConsumer<String, byte[]> onPacket) throws IOException {
        boolean wasOpen = sockets.openInterfaces().contains(name);
        sockets.open(name, listening, onPacket);
        if (!wasOpen) {
            try {
                addresses.prepare(name);
            } catch (IOException | RuntimeException e) {
                sockets.close(name);
                throw e;
            }
        }
    }

    boolean joinedGroup(String name) {
        return sockets.joinedGroup(name);
    }

    boolean joinedIpv6Group(String name) {
        return sockets.joinedIpv6Group(name);
    }

    @Override
    public void send(String interfaceName, byte[] ipPacket) {
        sockets.send(interfaceName, ipPacket);
    }

    long packetsSent() {
        return sockets.packetsSent();
    }

    long packetsReceived() {
        return sockets.packetsReceived();
    }

    @Override
    public void addAddresses(String interfaceName, List<InetAddress> vips) {
        addresses.addAddresses(interfaceName, vips);
    }

    @Override
    public void removeAddresses(String interfaceName, List<InetAddress> vips) {
        addresses.removeAddresses(interfaceName, vips);
    }

    @Override
    public void announce(String interfaceName, List<InetAddress> vips) {
        addresses.announce(interfaceName, vips);
    }

    /** The placements (prefix, device, label...) of the current configuration; replaced on reload. */
    void usePlacements(Map<InetAddress, VipPlacement> byAddress) {
        addresses.usePlacements(byAddress);
    }

    /** The interfaces with open sockets. */
    Set<String> openInterfaces() {
        return sockets.openInterfaces();
    }

    /** Closes the sockets of one interface (a reload left no instance on it). */
    void close(String name) {
        sockets.close(name);
        addresses.release(name);
    }

    @Override
    public void close() {
        sockets.close();
        addresses.close();
    }
}

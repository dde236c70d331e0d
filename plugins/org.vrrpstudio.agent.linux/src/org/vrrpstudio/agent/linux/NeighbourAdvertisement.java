package org.vrrpstudio.agent.linux;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Unsolicited neighbour advertisements (RFC 4861 §7.2.6) on one interface: IPv6's gratuitous ARP. After taking over
 * an IPv6 virtual address the new master tells the link's nodes (ff02::1) that the address now lives at its MAC, with
 * the Override flag so their neighbour caches switch at once. Sent through a raw ICMPv6 socket with hop limit 255
 * (receivers drop neighbour discovery with any other); the kernel fills in the source and the checksum.
 */
public final class NeighbourAdvertisement implements AutoCloseable {

    static final int TYPE_NEIGHBOUR_ADVERTISEMENT = 136;
    static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;
    static final int FLAG_ROUTER = 0x80;
    static final int FLAG_OVERRIDE = 0x20;
    static final int LENGTH = 32;
    private static final Inet6Address ALL_NODES = (Inet6Address) InetAddress.ofLiteral("ff02::1");

    private final RawIpv6Socket socket;
    private final String interfaceName;
    private final int ifindex;
    private final MacAddress hardwareAddress;

    private NeighbourAdvertisement(RawIpv6Socket socket, String interfaceName, int ifindex, MacAddress hardwareAddress) {
        this.socket = socket;
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.hardwareAddress = hardwareAddress;
    }

    /** Opens the sending socket on the named interface of the calling thread's namespace. */
    public static NeighbourAdvertisement open(String interfaceName) throws IOException {
        RawIpv6Socket socket = RawIpv6Socket.open(LibC.IPPROTO_ICMPV6);
        try {
            int ifindex = socket.interfaceIndex(interfaceName);
            MacAddress mac = socket.hardwareAddress(interfaceName);
            socket.blockAllIcmpv6().bindToDevice(interfaceName).multicastInterface(ifindex).multicastHops(255)
                    .multicastLoop(false);
            return new NeighbourAdvertisement(socket, interfaceName, ifindex, mac);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The ICMPv6 message (checksum left 0 for the kernel): Override set, Solicited clear (nobody asked), Router as the
     * interface forwards or not, and the target link-layer address option with {@code mac}.
     */
    static byte[] message(Inet6Address target, MacAddress mac, boolean router) {
        ByteBuffer message = ByteBuffer.allocate(LENGTH);
        message.put((byte) TYPE_NEIGHBOUR_ADVERTISEMENT).put((byte) 0).putShort((short) 0);
        message.put((byte) (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0))).put(new byte[3]);
        message.put(target.getAddress());
        message.put((byte) OPTION_TARGET_LINK_LAYER_ADDRESS).put((byte) 1).put(mac.toBytes());
        return message.array();
    }

    /** Announces that {@code target} is at this interface's MAC. */
    public void announce(Inet6Address target) throws IOException {
        socket.send(ByteBuffer.wrap(message(target, hardwareAddress, forwarding())), ALL_NODES, ifindex);
    }

    /** A router keeps its IsRouter flag in its neighbours' caches: a cleared flag would drop it as their default router. */
    private boolean forwarding() {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv6/conf", interfaceName, "forwarding")).trim().equals("1");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public void close() {
        socket.close();
    }
}

package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.util.Optional;

/**
 * Gratuitous ARP on one interface through an AF_PACKET socket: after taking over a virtual IP, the new
 * master tells the segment that the VIP now lives at its MAC, so hosts and switches update at once.
 *
 * <p>{@link #announce} sends the form keepalived 2.2.7 uses (an ARP request, see
 * {@link ArpPacket#gratuitousRequest}); {@link #send} sends any ARP packet, e.g. the reply form. The socket
 * also receives the ARP traffic of its interface ({@link #receive}), which tests and duplicate-address checks use.
 *
 * <p>Thread-safety: as {@link RawIpSocket}; one thread may wait in {@link #receive} while others send or close.
 */
public final class GratuitousArp implements AutoCloseable {

    private static final int SOCKADDR_LL_SIZE = 20;
    private static final int RECEIVE_SIZE = 2048;

    private final NativeDescriptor descriptor;
    private final String interfaceName;
    private final int ifindex;
    private final MacAddress hardwareAddress;

    private GratuitousArp(NativeDescriptor descriptor, String interfaceName, int ifindex, MacAddress hardwareAddress) {
        this.descriptor = descriptor;
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.hardwareAddress = hardwareAddress;
    }

    /**
     * Opens an ARP packet socket bound to the named interface of the calling thread's network namespace and
     * reads the interface's MAC (SIOCGIFHWADDR on the socket, so it works inside namespaces too).
     *
     * @throws NativeException EPERM without CAP_NET_RAW, ENODEV for an unknown interface
     */
    public static GratuitousArp open(String interfaceName) throws NativeException {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            // the protocol argument is in network byte order: htons(ETH_P_ARP)
            fd = LibC.socket(arena, "open packet socket for ARP", LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC,
                    Short.toUnsignedInt(Short.reverseBytes((short) ArpPacket.ETHERTYPE_ARP)));
        }
        NativeDescriptor descriptor = NativeDescriptor.adopt(fd);
        try (Arena arena = Arena.ofConfined()) {
            int ifindex = Ipv4Sockets.interfaceIndex(fd, interfaceName);
            MacAddress mac = Ipv4Sockets.hardwareAddress(fd, interfaceName);
            LibC.bind(arena, "bind ARP socket to " + interfaceName, fd, sockaddrLl(arena, ifindex, MacAddress.ZERO));
            return new GratuitousArp(descriptor, interfaceName, ifindex, mac);
        } catch (NativeException | RuntimeException e) {
            descriptor.close();
            throw e;
        }
    }

    /** struct sockaddr_ll for ETH_P_ARP on an interface, with a destination MAC for sends. */
    private static MemorySegment sockaddrLl(Arena arena, int ifindex, MacAddress destination) {
        MemorySegment address = arena.allocate(SOCKADDR_LL_SIZE, 4);
        address.set(JAVA_SHORT, 0, (short) LibC.AF_PACKET);
        address.set(JAVA_SHORT, 2, Short.reverseBytes((short) ArpPacket.ETHERTYPE_ARP));
        address.set(JAVA_INT, 4, ifindex);
        address.set(JAVA_BYTE, 11, (byte) 6);
        MemorySegment.copy(destination.toBytes(), 0, address, JAVA_BYTE, 12, 6);
        return address;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int ifindex() {
        return ifindex;
    }

    /** The interface's MAC as read when the socket was opened. */
    public MacAddress hardwareAddress() {
        return hardwareAddress;
    }

    /** Sends keepalived's gratuitous ARP request for {@code address} from this interface's MAC, to broadcast. */
    public void announce(Inet4Address address) throws IOException {
        send(ArpPacket.gratuitousRequest(hardwareAddress, address), MacAddress.BROADCAST);
    }

    /** Sends an ARP packet in an Ethernet frame to {@code destination}. */
    public void send(ArpPacket packet, MacAddress destination) throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            byte[] frame = packet.toEthernetFrame(destination);
            LibC.sendto(arena, "send ARP", fd, arena.allocateFrom(JAVA_BYTE, frame), sockaddrLl(arena, ifindex, destination));
        } catch (NativeException e) { // the words only when needed (see RawIpSocket.send)
            throw new NativeException("send ARP " + packet.operation().name().toLowerCase() + " for "
                    + packet.senderAddress().getHostAddress() + " on " + interfaceName, e.errno());
        } finally {
            descriptor.exit();
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for the next ARP packet on the interface,
     * including ones this host sends.
     *
     * @return the packet, or empty on timeout or close
     */
    public Optional<ArpPacket> receive(long timeoutMillis) throws IOException {
        int fd;
        try {
            fd = descriptor.enter();
        } catch (java.nio.channels.ClosedChannelException e) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            String operation = "receive ARP on " + interfaceName;
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
            while (true) {
                long remaining = timeoutMillis < 0 ? -1 : Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                if (descriptor.awaitReadable(arena, operation, remaining) != NativeDescriptor.Readiness.READABLE) {
                    return Optional.empty();
                }
                MemorySegment data = arena.allocate(RECEIVE_SIZE);
                MemorySegment iov = arena.allocate(16, 8);
                iov.set(ADDRESS, 0, data);
                iov.set(JAVA_LONG, 8, RECEIVE_SIZE);
                MemorySegment msghdr = arena.allocate(56, 8);
                msghdr.set(ADDRESS, 16, iov);
                msghdr.set(JAVA_LONG, 24, 1);
                long received = LibC.recvmsg(arena, operation, fd, msghdr, LibC.MSG_DONTWAIT);
                if (received > 0) {
                    byte[] frame = data.asSlice(0, received).toArray(JAVA_BYTE);
                    Optional<ArpPacket> packet = ArpPacket.fromEthernetFrame(frame, frame.length);
                    if (packet.isPresent()) {
                        return packet;
                    }
                }
            }
        } finally {
            descriptor.exit();
        }
    }

    /** Closes the socket; a thread waiting in {@link #receive} returns empty. Idempotent. */
    @Override
    public void close() {
        descriptor.close();
    }

    @Override
    public String toString() {
        return "GratuitousArp[" + interfaceName + " " + hardwareAddress + "]";
    }
}

package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A raw IPv4 socket for one IP protocol: 112 for VRRP, 51 for VRRP inside IPsec-AH.
 *
 * <p>Received packets include their IP header (that is how raw IPv4 sockets work) together with the
 * interface they came in on. With {@link #headerIncluded(boolean) IP_HDRINCL} the caller also sends whole
 * IP packets; the kernel fills in the IP id and header checksum when they are zero. The destination given
 * to {@link #send} must equal the header's destination.
 *
 * <p>Multicast adverts (224.0.0.18) are only delivered after {@link #joinGroup} on the interface.
 *
 * <p>Thread-safety: all methods may be called from any thread; one thread can wait in {@link #receive}
 * while others send, change options or {@link #close()} (which wakes the receiver).
 */
public final class RawIpSocket implements AutoCloseable {

    /** IP protocol number of VRRP. */
    public static final int PROTOCOL_VRRP = 112;
    /** IP protocol number of IPsec AH. */
    public static final int PROTOCOL_AH = 51;

    private static final int MSGHDR_SIZE = 56;
    private static final int CONTROL_SIZE = 64;
    private static final int MSG_TRUNC = 0x20;

    private final NativeDescriptor descriptor;
    private final int protocol;
    private final String receiveOperation;
    private static final String SEND = "send";
    /**
     * Native memory for sends, kept for the socket's life (freed with it by the GC): a send then allocates nothing.
     * The agent runs interpreted, where a confined arena, its allocations and their release per packet cost more
     * than the system call (issue 18, idle CPU). Larger packets take a fresh arena as before.
     */
    private static final int SEND_BUFFER = 2048;
    private final Object sendLock = new Object();
    /** The receive loop's native memory (pollfds, msghdr, control, name, data up to 2 KiB). */
    private final ReusableArena receiveArena = new ReusableArena(4096);
    private MemorySegment sendData;
    private MemorySegment sendAddress;
    private MemorySegment sendCapture;

    private RawIpSocket(NativeDescriptor descriptor, int protocol) {
        this.descriptor = descriptor;
        this.protocol = protocol;
        this.receiveOperation = "receive protocol " + protocol + " packet";
    }

    /**
     * Links the native calls a socket uses, ahead of the first {@link #open}: each costs milliseconds in the
     * interpreter, better spent on another thread while the configuration is read (the agent's start).
     */
    public static void linkNativeCalls() {
        LibC.linkSocketCalls();
    }

    /**
     * Opens a raw socket for {@code protocol} in the calling thread's network namespace, with IP_PKTINFO on
     * so that every received packet says which interface it came from.
     *
     * @throws NativeException EPERM without CAP_NET_RAW
     */
    public static RawIpSocket open(int protocol) throws NativeException {
        if (protocol <= 0 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol must be 1..255: " + protocol);
        }
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = LibC.socket(arena, "open raw IPv4 socket for protocol " + protocol,
                    LibC.AF_INET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        }
        NativeDescriptor descriptor = NativeDescriptor.adopt(fd);
        RawIpSocket socket = new RawIpSocket(descriptor, protocol);
        try {
            LibC.setIntOption("enable IP_PKTINFO", fd, LibC.IPPROTO_IP, LibC.IP_PKTINFO, 1);
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    public int protocol() {
        return protocol;
    }

    /** IP_HDRINCL: when on, {@link #send} takes whole IP packets (needed for AH, whose ICV covers the header). */
    public RawIpSocket headerIncluded(boolean on) throws IOException {
        return intOption("set IP_HDRINCL", LibC.IPPROTO_IP, LibC.IP_HDRINCL, on ? 1 : 0);
    }

    /** SO_BINDTODEVICE: only traffic of this interface is received, and sends leave through it. */
    public RawIpSocket bindToDevice(String interfaceName) throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
            MemorySegment value = arena.allocate(name.length + 1);
            MemorySegment.copy(name, 0, value, JAVA_BYTE, 0, name.length);
            LibC.setsockopt(arena, "bind to device " + interfaceName, fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE,
                    value);
            return this;
        } finally {
            descriptor.exit();
        }
    }

    /** IP_MULTICAST_TTL; VRRP requires 255 (receivers drop anything else). Ignored with IP_HDRINCL. */
    public RawIpSocket multicastTtl(int ttl) throws IOException {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 0..255: " + ttl);
        }
        return intOption("set IP_MULTICAST_TTL " + ttl, LibC.IPPROTO_IP, LibC.IP_MULTICAST_TTL, ttl);
    }

    /** IP_MULTICAST_LOOP; off so that a router does not hear its own adverts. */
    public RawIpSocket multicastLoop(boolean on) throws IOException {
        return intOption("set IP_MULTICAST_LOOP", LibC.IPPROTO_IP, LibC.IP_MULTICAST_LOOP, on ? 1 : 0);
    }

    /** IP_MULTICAST_IF by interface index: where multicast sends go when the socket is not bound to a device. */
    public RawIpSocket multicastInterface(int ifindex) throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            LibC.setsockopt(arena, "set IP_MULTICAST_IF ifindex " + ifindex, fd, LibC.IPPROTO_IP,
                    LibC.IP_MULTICAST_IF, Ipv4Sockets.ipMreqn(arena, null, ifindex));
            return this;
        } finally {
            descriptor.exit();
        }
    }

    /** IP_ADD_MEMBERSHIP with ip_mreqn: receive {@code group} (e.g. 224.0.0.18) on interface {@code ifindex}. */
    public RawIpSocket joinGroup(Inet4Address group, int ifindex) throws IOException {
        return membership("join " + group.getHostAddress() + " on ifindex " + ifindex, LibC.IP_ADD_MEMBERSHIP,
                group, ifindex);
    }

    /** IP_DROP_MEMBERSHIP, the reverse of {@link #joinGroup}. */
    public RawIpSocket leaveGroup(Inet4Address group, int ifindex) throws IOException {
        return membership("leave " + group.getHostAddress() + " on ifindex " + ifindex, LibC.IP_DROP_MEMBERSHIP,
                group, ifindex);
    }

    /** The index of an interface, looked up in this socket's network namespace. */
    public int interfaceIndex(String interfaceName) throws IOException {
        int fd = descriptor.enter();
        try {
            return Ipv4Sockets.interfaceIndex(fd, interfaceName);
        } finally {
            descriptor.exit();
        }
    }

    /** The name of an interface, looked up in this socket's network namespace. */
    public String interfaceName(int ifindex) throws IOException {
        int fd = descriptor.enter();
        try {
            return Ipv4Sockets.interfaceName(fd, ifindex);
        } finally {
            descriptor.exit();
        }
    }

    /**
     * Sends the bytes between the buffer's position and limit to {@code destination} (multicast or unicast),
     * and advances the position past them.
     */
    public void send(ByteBuffer packet, Inet4Address destination) throws IOException {
        if (packet.hasArray() && packet.remaining() <= SEND_BUFFER) {
            sendFromBuffer(packet, destination);
            return;
        }
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(Math.max(1, packet.remaining()));
            data = data.asSlice(0, packet.remaining());
            data.asByteBuffer().put(packet.duplicate());
            // the words of an error only when there is one: the agent runs interpreted, where formatting the
            // address cost about as much as the send itself (issue 18, idle CPU)
            LibC.sendto(arena, SEND, fd, data, Ipv4Sockets.sockaddrIn(arena, destination));
            packet.position(packet.limit());
        } catch (NativeException e) {
            throw new NativeException("send protocol " + protocol + " packet to " + destination.getHostAddress(), e.errno());
        } finally {
            descriptor.exit();
        }
    }

    private void sendFromBuffer(ByteBuffer packet, Inet4Address destination) throws IOException {
        int fd = descriptor.enter();
        try {
            synchronized (sendLock) {
                if (sendData == null) {
                    Arena arena = Arena.ofAuto();
                    sendData = arena.allocate(SEND_BUFFER);
                    sendAddress = Ipv4Sockets.sockaddrIn(arena, destination);
                    sendCapture = LibC.captureSegment(arena);
                }
                int length = packet.remaining();
                MemorySegment.copy(packet.array(), packet.arrayOffset() + packet.position(), sendData, JAVA_BYTE, 0, length);
                MemorySegment.copy(destination.getAddress(), 0, sendAddress, JAVA_BYTE, 4, 4);
                LibC.sendto(sendCapture, SEND, fd, sendData.asSlice(0, length), sendAddress);
                packet.position(packet.limit());
            }
        } catch (NativeException e) {
            throw new NativeException("send protocol " + protocol + " packet to " + destination.getHostAddress(), e.errno());
        } finally {
            descriptor.exit();
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for a packet and copies it, IP header first, into
     * {@code buffer} from its position; the position advances by the copied length.
     *
     * @return the packet's metadata, or empty on timeout or when the socket was closed meanwhile
     */
    public Optional<ReceivedPacket> receive(ByteBuffer buffer, long timeoutMillis) throws IOException {
        int fd;
        try {
            fd = descriptor.enter();
        } catch (java.nio.channels.ClosedChannelException e) {
            return Optional.empty();
        }
        try (Arena arena = receiveArena.open()) {
            String operation = receiveOperation;
            long deadline = timeoutMillis < 0 ? NO_DEADLINE : System.nanoTime() + timeoutMillis * 1_000_000;
            while (true) {
                if (descriptor.awaitReadable(arena, operation, remainingMillis(deadline)) != NativeDescriptor.Readiness.READABLE) {
                    return Optional.empty();
                }
                Optional<ReceivedPacket> packet = readOne(arena, fd, buffer, operation);
                if (packet.isPresent()) {
                    return packet;
                }
                // readable but nothing there (e.g. a checksum-failed packet was dropped): wait again
            }
        } finally {
            descriptor.exit();
        }
    }

    private Optional<ReceivedPacket> readOne(Arena arena, int fd, ByteBuffer buffer, String operation)
            throws NativeException {
        int capacity = buffer.remaining();
        MemorySegment data = arena.allocate(Math.max(1, capacity));
        MemorySegment name = arena.allocate(Ipv4Sockets.SOCKADDR_IN_SIZE, 4);
        MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(ADDRESS, 0, data);
        iov.set(JAVA_LONG, 8, capacity);
        MemorySegment msghdr = arena.allocate(MSGHDR_SIZE, 8);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(JAVA_INT, 8, Ipv4Sockets.SOCKADDR_IN_SIZE);
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1);
        msghdr.set(ADDRESS, 32, control);
        msghdr.set(JAVA_LONG, 40, CONTROL_SIZE);
        long received = LibC.recvmsg(arena, operation, fd, msghdr, LibC.MSG_DONTWAIT);
        if (received < 0) {
            return Optional.empty();
        }
        int copied = (int) Math.min(received, capacity);
        buffer.put(data.asSlice(0, copied).asByteBuffer());
        int flags = msghdr.get(JAVA_INT, 48);
        PacketInfo info = packetInfo(control, msghdr.get(JAVA_LONG, 40));
        Inet4Address source = Ipv4Sockets.address(name, 4);
        return Optional.of(new ReceivedPacket(copied, info.ifindex, source, info.destination,
                (flags & MSG_TRUNC) != 0));
    }

    private record PacketInfo(int ifindex, Inet4Address destination) {
    }

    /** Walks the control messages for IP_PKTINFO (struct in_pktinfo: ifindex, spec_dst, addr). */
    private static PacketInfo packetInfo(MemorySegment control, long controlLength) {
        long offset = 0;
        while (offset + 16 <= controlLength) {
            long length = control.get(JAVA_LONG, offset);
            int level = control.get(JAVA_INT, offset + 8);
            int type = control.get(JAVA_INT, offset + 12);
            if (length < 16) {
                break;
            }
            if (level == LibC.IPPROTO_IP && type == LibC.IP_PKTINFO && length >= 16 + 12) {
                return new PacketInfo(control.get(JAVA_INT, offset + 16), Ipv4Sockets.address(control, offset + 24));
            }
            offset += (length + 7) & ~7L;
        }
        return new PacketInfo(0, Ipv4Sockets.address(new byte[4]));
    }

    private RawIpSocket intOption(String operation, int level, int option, int value) throws IOException {
        int fd = descriptor.enter();
        try {
            LibC.setIntOption(operation, fd, level, option, value);
            return this;
        } finally {
            descriptor.exit();
        }
    }

    private RawIpSocket membership(String operation, int option, Inet4Address group, int ifindex)
            throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            LibC.setsockopt(arena, operation, fd, LibC.IPPROTO_IP, option, Ipv4Sockets.ipMreqn(arena, group, ifindex));
            return this;
        } finally {
            descriptor.exit();
        }
    }

    /** Marks a wait without timeout (nanoTime values may be negative, so -1 would not do). */
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    /** Milliseconds left until a nanoTime deadline (never negative), or -1 for {@link #NO_DEADLINE}. */
    private static long remainingMillis(long deadline) {
        return deadline == NO_DEADLINE ? -1 : Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    }

    /** Closes the socket; a thread waiting in {@link #receive} returns empty. Idempotent. */
    @Override
    public void close() {
        descriptor.close();
    }

    @Override
    public String toString() {
        return "RawIpSocket[protocol " + protocol + (descriptor.isClosed() ? ", closed]" : "]");
    }
}

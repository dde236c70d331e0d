package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A raw IPv6 socket for one protocol, for VRRPv3 over IPv6 (protocol 112 to ff02::12).
 *
 * <p>Unlike IPv4, the caller sends and receives the payload only (the VRRP packet); the kernel writes the
 * IPv6 header, and reports the receiving interface and hop limit as ancillary data.
 * {@link #checksumAt(int) IPV6_CHECKSUM} lets the kernel compute the VRRPv3 checksum (which covers the IPv6
 * pseudo-header) on send and drop packets whose checksum is wrong on receive.
 *
 * <p>Thread-safety: as {@link RawIpSocket}.
 */
public final class RawIpv6Socket implements AutoCloseable {

    private static final int SOCKADDR_IN6_SIZE = 28;
    private static final int CONTROL_SIZE = 128;
    private static final int MSG_TRUNC = 0x20;
    /** For Inet6Address.getByAddress: no scope id. */
    private static final int NO_SCOPE = -1;

    private final NativeDescriptor descriptor;
    private final int protocol;

    private RawIpv6Socket(NativeDescriptor descriptor, int protocol) {
        this.descriptor = descriptor;
        this.protocol = protocol;
    }

    /**
     * Opens a raw IPv6 socket for {@code protocol} in the calling thread's namespace, asking for the arrival
     * interface and hop limit of every received packet.
     */
    public static RawIpv6Socket open(int protocol) throws NativeException {
        if (protocol <= 0 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol must be 1..255: " + protocol);
        }
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = LibC.socket(arena, "open raw IPv6 socket for protocol " + protocol, LibC.AF_INET6,
                    LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        }
        RawIpv6Socket socket = new RawIpv6Socket(NativeDescriptor.adopt(fd), protocol);
        try {
            LibC.setIntOption("enable IPV6_RECVPKTINFO", fd, LibC.IPPROTO_IPV6, LibC.IPV6_RECVPKTINFO, 1);
            LibC.setIntOption("enable IPV6_RECVHOPLIMIT", fd, LibC.IPPROTO_IPV6, LibC.IPV6_RECVHOPLIMIT, 1);
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    public int protocol() {
        return protocol;
    }

    /** IPV6_CHECKSUM: the kernel fills (send) and verifies (receive) a checksum at this payload offset; VRRP: 6. */
    public RawIpv6Socket checksumAt(int offset) throws IOException {
        return intOption("set IPV6_CHECKSUM offset " + offset, LibC.IPV6_CHECKSUM, offset);
    }

    /** IPV6_TCLASS: the traffic class of sent packets (VRRP: 0xc0, network control, as its IPv4 TOS). */
    public RawIpv6Socket trafficClass(int trafficClass) throws IOException {
        return intOption("set IPV6_TCLASS " + trafficClass, LibC.IPV6_TCLASS, trafficClass);
    }

    /** IPV6_MULTICAST_HOPS; VRRP requires 255. */
    public RawIpv6Socket multicastHops(int hops) throws IOException {
        return intOption("set IPV6_MULTICAST_HOPS " + hops, LibC.IPV6_MULTICAST_HOPS, hops);
    }

    /** IPV6_UNICAST_HOPS, for unicast peers; VRRP requires 255. */
    public RawIpv6Socket unicastHops(int hops) throws IOException {
        return intOption("set IPV6_UNICAST_HOPS " + hops, LibC.IPV6_UNICAST_HOPS, hops);
    }

    /** IPV6_MULTICAST_LOOP; off so a router does not hear itself. */
    public RawIpv6Socket multicastLoop(boolean on) throws IOException {
        return intOption("set IPV6_MULTICAST_LOOP", LibC.IPV6_MULTICAST_LOOP, on ? 1 : 0);
    }

    /** IPV6_MULTICAST_IF: the interface multicast sends leave through. */
    public RawIpv6Socket multicastInterface(int ifindex) throws IOException {
        return intOption("set IPV6_MULTICAST_IF ifindex " + ifindex, LibC.IPV6_MULTICAST_IF, ifindex);
    }

    /** SO_BINDTODEVICE. */
    public RawIpv6Socket bindToDevice(String interfaceName) throws IOException {
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

    /** IPV6_JOIN_GROUP: receive {@code group} (ff02::12 for VRRP) on interface {@code ifindex}. */
    public RawIpv6Socket joinGroup(Inet6Address group, int ifindex) throws IOException {
        return membership("join " + group.getHostAddress() + " on ifindex " + ifindex, LibC.IPV6_JOIN_GROUP, group,
                ifindex);
    }

    /** IPV6_LEAVE_GROUP. */
    public RawIpv6Socket leaveGroup(Inet6Address group, int ifindex) throws IOException {
        return membership("leave " + group.getHostAddress() + " on ifindex " + ifindex, LibC.IPV6_LEAVE_GROUP, group,
                ifindex);
    }

    /** The index of an interface in this socket's namespace. */
    public int interfaceIndex(String interfaceName) throws IOException {
        int fd = descriptor.enter();
        try {
            return Ipv4Sockets.interfaceIndex(fd, interfaceName);
        } finally {
            descriptor.exit();
        }
    }

    /** The MAC address of an interface in this socket's namespace. */
    public MacAddress hardwareAddress(String interfaceName) throws IOException {
        int fd = descriptor.enter();
        try {
            return Ipv4Sockets.hardwareAddress(fd, interfaceName);
        } finally {
            descriptor.exit();
        }
    }

    /** ICMP6_FILTER blocking every type: for an ICMPv6 socket that only sends (nothing queues up unread). */
    RawIpv6Socket blockAllIcmpv6() throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment filter = arena.allocate(32, 4);
            filter.fill((byte) 0xFF); // a set bit blocks that type
            LibC.setsockopt(arena, "block all ICMPv6 types", fd, LibC.IPPROTO_ICMPV6, LibC.ICMP6_FILTER, filter);
            return this;
        } finally {
            descriptor.exit();
        }
    }

    /**
     * Sends the payload (position to limit) to {@code destination}; link-local and ff02:: destinations need the
     * outgoing interface as {@code scopeIfindex} (0 when the socket is bound to a device or for global addresses).
     */
    public void send(ByteBuffer payload, Inet6Address destination, int scopeIfindex) throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            LibC.sendto(arena, "send", fd, copyOf(arena, payload), sockaddr(arena, destination, scopeIfindex));
            payload.position(payload.limit());
        } catch (NativeException e) { // the words only when needed (see RawIpSocket.send)
            throw new NativeException("send protocol " + protocol + " packet to " + destination.getHostAddress(), e.errno());
        } finally {
            descriptor.exit();
        }
    }

    /**
     * As {@link #send(ByteBuffer, Inet6Address, int)}, from {@code source} (IPV6_PKTINFO): the packet leaves with exactly
     * this source address rather than the one the kernel would pick, as VRRP's peers check it. The source must be an
     * address of the host (a link-local one of the interface {@code scopeIfindex}).
     */
    public void send(ByteBuffer payload, Inet6Address source, Inet6Address destination, int scopeIfindex) throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            // one cmsghdr (size_t len, int level, int type) carrying struct in6_pktinfo {in6_addr; int ifindex}
            MemorySegment control = arena.allocate(PKTINFO_CONTROL_SIZE, 8);
            control.set(JAVA_LONG, 0, 16 + 20);
            control.set(JAVA_INT, 8, LibC.IPPROTO_IPV6);
            control.set(JAVA_INT, 12, LibC.IPV6_PKTINFO);
            MemorySegment.copy(source.getAddress(), 0, control, JAVA_BYTE, 16, 16);
            control.set(JAVA_INT, 32, scopeIfindex);
            MemorySegment msghdr = msghdr(arena, sockaddr(arena, destination, scopeIfindex), copyOf(arena, payload), control);
            LibC.sendmsg(arena, "send", fd, msghdr);
            payload.position(payload.limit());
        } catch (NativeException e) {
            throw new NativeException("send protocol " + protocol + " packet from " + source.getHostAddress() + " to "
                    + destination.getHostAddress(), e.errno());
        } finally {
            descriptor.exit();
        }
    }

    private static MemorySegment copyOf(Arena arena, ByteBuffer payload) {
        MemorySegment data = arena.allocate(Math.max(1, payload.remaining())).asSlice(0, payload.remaining());
        data.asByteBuffer().put(payload.duplicate());
        return data;
    }

    /** struct sockaddr_in6 for {@code address} with a scope id (the interface index for link-local and ff02::). */
    private static MemorySegment sockaddr(Arena arena, Inet6Address address, int scopeIfindex) {
        MemorySegment sockaddr = arena.allocate(SOCKADDR_IN6_SIZE, 4);
        sockaddr.set(JAVA_SHORT, 0, (short) LibC.AF_INET6);
        MemorySegment.copy(address.getAddress(), 0, sockaddr, JAVA_BYTE, 8, 16);
        sockaddr.set(JAVA_INT, 24, scopeIfindex);
        return sockaddr;
    }

    /** struct msghdr over one buffer, with a name (sockaddr_in6) and a control area, for sendmsg and recvmsg. */
    private static MemorySegment msghdr(Arena arena, MemorySegment name, MemorySegment data, MemorySegment control) {
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(ADDRESS, 0, data);
        iov.set(JAVA_LONG, 8, data.byteSize());
        MemorySegment msghdr = arena.allocate(56, 8);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(JAVA_INT, 8, (int) name.byteSize());
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1);
        msghdr.set(ADDRESS, 32, control);
        msghdr.set(JAVA_LONG, 40, control.byteSize());
        return msghdr;
    }

    private static final int PKTINFO_CONTROL_SIZE = 40;

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for a packet and copies its payload into
     * {@code buffer}; empty on timeout or close.
     */
    public Optional<ReceivedIpv6Packet> receive(ByteBuffer buffer, long timeoutMillis) throws IOException {
        int fd;
        try {
            fd = descriptor.enter();
        } catch (java.nio.channels.ClosedChannelException e) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            String operation = "receive IPv6 protocol " + protocol + " packet";
            long deadline = timeoutMillis < 0 ? NO_DEADLINE : System.nanoTime() + timeoutMillis * 1_000_000;
            while (true) {
                if (descriptor.awaitReadable(arena, operation, remainingMillis(deadline)) != NativeDescriptor.Readiness.READABLE) {
                    return Optional.empty();
                }
                Optional<ReceivedIpv6Packet> packet = readOne(arena, fd, buffer, operation);
                if (packet.isPresent()) {
                    return packet;
                }
            }
        } finally {
            descriptor.exit();
        }
    }

    private Optional<ReceivedIpv6Packet> readOne(Arena arena, int fd, ByteBuffer buffer, String operation)
            throws NativeException {
        int capacity = buffer.remaining();
        MemorySegment data = arena.allocate(Math.max(1, capacity)).asSlice(0, capacity);
        MemorySegment name = arena.allocate(SOCKADDR_IN6_SIZE, 4);
        MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
        MemorySegment msghdr = msghdr(arena, name, data, control);
        long received = LibC.recvmsg(arena, operation, fd, msghdr, LibC.MSG_DONTWAIT);
        if (received < 0) {
            return Optional.empty();
        }
        int copied = (int) Math.min(received, capacity);
        buffer.put(data.asSlice(0, copied).asByteBuffer());
        int ifindex = 0;
        int hopLimit = -1;
        Inet6Address destination = null; // set from IPV6_PKTINFO
        long controlLength = msghdr.get(JAVA_LONG, 40);
        for (long offset = 0; offset + 16 <= controlLength; ) {
            long length = control.get(JAVA_LONG, offset);
            if (length < 16) {
                break;
            }
            int level = control.get(JAVA_INT, offset + 8);
            int type = control.get(JAVA_INT, offset + 12);
            if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_PKTINFO && length >= 16 + 20) {
                destination = ipv6(control.asSlice(offset + 16, 16).toArray(JAVA_BYTE), NO_SCOPE);
                ifindex = control.get(JAVA_INT, offset + 32);
            } else if (level == LibC.IPPROTO_IPV6 && type == LibC.IPV6_HOPLIMIT && length >= 16 + 4) {
                hopLimit = control.get(JAVA_INT, offset + 16);
            }
            offset += (length + 7) & ~7L;
        }
        int scope = name.get(JAVA_INT, 24);
        Inet6Address source = ipv6(name.asSlice(8, 16).toArray(JAVA_BYTE), scope > 0 ? scope : NO_SCOPE);
        int flags = msghdr.get(JAVA_INT, 48);
        return Optional.of(new ReceivedIpv6Packet(copied, ifindex, source, destination, hopLimit,
                (flags & MSG_TRUNC) != 0));
    }

    private static Inet6Address ipv6(byte[] bytes, int scope) {
        try {
            return Inet6Address.getByAddress(null, bytes, scope);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address", e);
        }
    }

    private RawIpv6Socket intOption(String operation, int option, int value) throws IOException {
        int fd = descriptor.enter();
        try {
            LibC.setIntOption(operation, fd, LibC.IPPROTO_IPV6, option, value);
            return this;
        } finally {
            descriptor.exit();
        }
    }

    private RawIpv6Socket membership(String operation, int option, Inet6Address group, int ifindex)
            throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = arena.allocate(20, 4);
            MemorySegment.copy(group.getAddress(), 0, request, JAVA_BYTE, 0, 16);
            request.set(JAVA_INT, 16, ifindex);
            LibC.setsockopt(arena, operation, fd, LibC.IPPROTO_IPV6, option, request);
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
        return "RawIpv6Socket[protocol " + protocol + (descriptor.isClosed() ? ", closed]" : "]");
    }
}

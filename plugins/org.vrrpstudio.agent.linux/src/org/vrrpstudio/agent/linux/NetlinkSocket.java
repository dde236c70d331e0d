package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** An AF_NETLINK/NETLINK_ROUTE socket: datagrams of netlink messages to and from the kernel. Thread-safe. */
final class NetlinkSocket implements AutoCloseable {

    /** Large enough for any batch the kernel sends on a route socket (it fills at most 32 KiB). */
    private static final int RECEIVE_SIZE = 64 * 1024;
    private static final int SOCKADDR_NL_SIZE = 12;

    /** The outcome of waiting for one datagram. */
    sealed interface Received {
    }

    record Datagram(ByteBuffer bytes) implements Received {
    }

    /** ENOBUFS: the kernel dropped messages because we read too slowly; our view is stale. */
    record Overrun() implements Received {
    }

    record TimedOut() implements Received {
    }

    record Closed() implements Received {
    }

    private final NativeDescriptor descriptor;

    private NetlinkSocket(NativeDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /**
     * Opens a route socket in the calling thread's namespace, subscribed to {@code groups} (RTMGRP_* bits,
     * 0 for none), with extended acknowledgements so refusals carry the kernel's explanation.
     *
     * @param receiveBufferBytes SO_RCVBUF, or 0 for the system default
     */
    static NetlinkSocket open(int groups, int receiveBufferBytes) throws NativeException {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = LibC.socket(arena, "open rtnetlink socket", LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC,
                    LibC.NETLINK_ROUTE);
        }
        NetlinkSocket socket = new NetlinkSocket(NativeDescriptor.adopt(fd));
        try (Arena arena = Arena.ofConfined()) {
            optionalFlag(fd, Rtnetlink.NETLINK_EXT_ACK);
            optionalFlag(fd, Rtnetlink.NETLINK_CAP_ACK);
            if (receiveBufferBytes > 0) {
                LibC.setIntOption("set netlink SO_RCVBUF", fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, receiveBufferBytes);
            }
            LibC.bind(arena, "bind rtnetlink socket to groups 0x" + Integer.toHexString(groups), fd,
                    sockaddrNl(arena, groups));
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private static void optionalFlag(int fd, int option) {
        try {
            LibC.setIntOption("enable netlink option " + option, fd, LibC.SOL_NETLINK, option, 1);
        } catch (NativeException e) {
            // older kernels: acknowledgements just lack the explanation
        }
    }

    private static MemorySegment sockaddrNl(Arena arena, int groups) {
        MemorySegment address = arena.allocate(SOCKADDR_NL_SIZE, 4);
        address.set(JAVA_SHORT, 0, (short) LibC.AF_NETLINK);
        address.set(JAVA_INT, 8, groups);
        return address;
    }

    /** Sends one request (position to limit) to the kernel. */
    void send(ByteBuffer message, String operation) throws IOException {
        int fd = descriptor.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(message.remaining());
            data.asByteBuffer().put(message.duplicate());
            LibC.sendto(arena, operation, fd, data, sockaddrNl(arena, 0));
        } finally {
            descriptor.exit();
        }
    }

    /** Waits up to {@code timeoutMillis} (negative: forever) for the next datagram. */
    Received receive(long timeoutMillis, String operation) throws IOException {
        int fd;
        try {
            fd = descriptor.enter();
        } catch (java.nio.channels.ClosedChannelException e) {
            return new Closed();
        }
        try (Arena arena = Arena.ofConfined()) {
            while (true) {
                switch (descriptor.awaitReadable(arena, operation, timeoutMillis)) {
                    case CLOSED -> {
                        return new Closed();
                    }
                    case TIMED_OUT -> {
                        return new TimedOut();
                    }
                    case READABLE -> {
                        // read below
                    }
                }
                MemorySegment data = arena.allocate(RECEIVE_SIZE, 8);
                MemorySegment iov = arena.allocate(16, 8);
                iov.set(ADDRESS, 0, data);
                iov.set(JAVA_LONG, 8, RECEIVE_SIZE);
                MemorySegment msghdr = arena.allocate(56, 8);
                msghdr.set(ADDRESS, 16, iov);
                msghdr.set(JAVA_LONG, 24, 1);
                long received = LibC.recvmsg(arena, operation, fd, msghdr, LibC.MSG_DONTWAIT);
                if (received == -LibC.ENOBUFS) {
                    return new Overrun();
                }
                if (received >= 0) {
                    ByteBuffer copy = ByteBuffer.allocate((int) received);
                    copy.put(data.asSlice(0, received).asByteBuffer()).flip();
                    return new Datagram(copy);
                }
                // EAGAIN/EINTR: someone else took it, or a signal; wait again
            }
        } finally {
            descriptor.exit();
        }
    }

    /** Closes the socket, waking a thread waiting in {@link #receive}. Idempotent. */
    @Override
    public void close() {
        descriptor.close();
    }
}

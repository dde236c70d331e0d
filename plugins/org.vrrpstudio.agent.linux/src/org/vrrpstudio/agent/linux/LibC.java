package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;

/**
 * The whole C binding: the glibc functions this bundle calls, as downcall handles, plus the Linux
 * x86_64/aarch64 constants they need. Each wrapper returns the call's result or throws a
 * {@link NativeException} carrying errno, captured right at the call (errno read later would be stale).
 *
 * <p>The only static state is the immutable handles; every call allocates its errno capture segment from
 * the caller's arena, so the wrappers are safe to use from any thread.
 */
final class LibC {

    // address families, socket types, levels and options (linux/socket.h, netinet/in.h, linux/if_packet.h)
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int IPPROTO_IP = 0;
    static final int IP_HDRINCL = 3;
    static final int IP_PKTINFO = 8;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_DROP_MEMBERSHIP = 36;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;
    static final int ICMP6_FILTER = 1;
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_JOIN_GROUP = 20;
    static final int IPV6_LEAVE_GROUP = 21;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_TCLASS = 67;
    static final int NETLINK_ROUTE = 0;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_NO_ENOBUFS = 5;

    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static final long SIOCGIFNAME = 0x8910;
    static final long SIOCGIFHWADDR = 0x8927;
    static final long SIOCGIFINDEX = 0x8933;

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int CLONE_NEWNET = 0x40000000;
    static final int MSG_DONTWAIT = 0x40;

    static final int IFNAMSIZ = 16;
    static final int IFREQ_SIZE = 40;

    // errno values this bundle reacts to (asm-generic/errno.h)
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ERANGE = 34;
    static final int EADDRNOTAVAIL = 99;
    static final int ENOBUFS = 105;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    /**
     * One downcall shape for every call here (issue 18, start to first advert): six arguments and a result, integers
     * and pointers alike passed as 64-bit integers. The linker generates a stub class and its method handles per shape
     * (3-6 ms each at start, in the interpreter), and the calls before the first advert had a dozen shapes; with one,
     * the stub is generated once and each function only binds its address to it (~0.1 ms).
     * <p>Sound for these functions on x86_64 and aarch64 Linux: integer and pointer arguments travel in the same
     * registers, a callee reads an {@code int} from the low half of its register and ignores argument registers it does
     * not take, and a narrower result is narrowed back by the caller ({@code (int)}). The arguments from the third on are
     * declared variadic: on x86_64 the call then sets %al (the count of vector registers used, 0) which the variadic
     * callees, ioctl and open, read; for the others %al is a scratch register. Pointers are passed with
     * {@link #address}, which refuses heap memory, and the memory is kept reachable until the call has returned
     * ({@link Reference#reachabilityFence}).
     */
    private static final FunctionDescriptor CALL = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG);

    private static MethodHandle call(String name) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), CALL, Linker.Option.firstVariadicArg(2),
                Linker.Option.captureCallState("errno"));
    }

    // Each function is bound on its first use, in its own holder class.
    private static final class Socket {
        static final MethodHandle H = call("socket");
    }

    private static final class Setsockopt {
        static final MethodHandle H = call("setsockopt");
    }

    private static final class Bind {
        static final MethodHandle H = call("bind");
    }

    private static final class Sendto {
        static final MethodHandle H = call("sendto");
    }

    private static final class Recvmsg {
        static final MethodHandle H = call("recvmsg");
    }

    private static final class Sendmsg {
        static final MethodHandle H = call("sendmsg");
    }

    private static final class Poll {
        static final MethodHandle H = call("poll");
    }

    private static final class Close {
        static final MethodHandle H = call("close");
    }

    private static final class Write {
        static final MethodHandle H = call("write");
    }

    private static final class Eventfd {
        static final MethodHandle H = call("eventfd");
    }

    private static final class Setns {
        static final MethodHandle H = call("setns");
    }

    private static final class Ioctl {
        static final MethodHandle H = call("ioctl");
    }

    private static final class Open {
        static final MethodHandle H = call("open");
    }

    private static final class SchedSetscheduler {
        static final MethodHandle H = call("sched_setscheduler");
    }

    private static final class Strerror {
        static final MethodHandle H = call("strerror");
    }

    private static final class Getpwnam {
        static final MethodHandle H = call("getpwnam");
    }

    private static final class Getgrnam {
        static final MethodHandle H = call("getgrnam");
    }

    private LibC() {
    }

    /** Links the calls every raw socket needs now (on a spare thread at start, beside the file being read). */
    static void linkSocketCalls() {
        MethodHandle[] linked = {Socket.H, Setsockopt.H, Bind.H, Sendto.H, Recvmsg.H, Poll.H, Close.H, Eventfd.H, Ioctl.H};
        assert linked.length == 9;
    }

    /** The C library's text for an errno value, e.g. "Operation not permitted". */
    static String strerror(int errno) {
        try (Arena arena = Arena.ofConfined()) {
            long text = (long) Strerror.H.invokeExact(arena.allocate(CAPTURE_LAYOUT), (long) errno, 0L, 0L, 0L, 0L, 0L);
            return MemorySegment.ofAddress(text).reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }

    /**
     * getpwnam(3) or getgrnam(3): the entry for {@code name} in the C library's static storage (valid until the next
     * call of either, so callers serialise them and copy the fields out at once), {@link MemorySegment#NULL} when there
     * is none.
     */
    static MemorySegment accountEntry(boolean group, String name, long entrySize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            long entry = group ? (long) Getgrnam.H.invokeExact(capture, address(cName), 0L, 0L, 0L, 0L, 0L)
                    : (long) Getpwnam.H.invokeExact(capture, address(cName), 0L, 0L, 0L, 0L, 0L);
            Reference.reachabilityFence(cName);
            return entry == 0 ? MemorySegment.NULL : MemorySegment.ofAddress(entry).reinterpret(entrySize);
        } catch (Throwable e) { // a linkage failure: no such C function here
            throw new IllegalStateException((group ? "getgrnam(" : "getpwnam(") + name + "): " + e, e);
        }
    }

    static int socket(Arena arena, String operation, int domain, int type, int protocol) throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        int result;
        try {
            result = (int) (long) Socket.H.invokeExact(capture, (long) domain, (long) type, (long) protocol, 0L, 0L, 0L);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        return check(operation, result, capture);
    }

    static void setsockopt(Arena arena, String operation, int fd, int level, int option, MemorySegment value)
            throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        int result;
        try {
            result = (int) (long) Setsockopt.H.invokeExact(capture, (long) fd, (long) level, (long) option, address(value),
                    value.byteSize(), 0L);
            Reference.reachabilityFence(value);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        check(operation, result, capture);
    }

    static void setIntOption(String operation, int fd, int level, int option, int value) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(arena, operation, fd, level, option, arena.allocateFrom(JAVA_INT, value));
        }
    }

    static void bind(Arena arena, String operation, int fd, MemorySegment address) throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        int result;
        try {
            result = (int) (long) Bind.H.invokeExact(capture, (long) fd, address(address), address.byteSize(), 0L, 0L, 0L);
            Reference.reachabilityFence(address);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        check(operation, result, capture);
    }

    static long sendto(Arena arena, String operation, int fd, MemorySegment data, MemorySegment address)
            throws NativeException {
        return sendto(arena.allocate(CAPTURE_LAYOUT), operation, fd, data, address);
    }

    /** Memory for the errno a call leaves, to pass to the calls that take one. */
    static MemorySegment captureSegment(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /** sendto(2) with the caller's errno capture segment (one it keeps: nothing allocated per call). */
    static long sendto(MemorySegment capture, String operation, int fd, MemorySegment data, MemorySegment address)
            throws NativeException {
        long result;
        try {
            result = (long) Sendto.H.invokeExact(capture, (long) fd, address(data), data.byteSize(), 0L, address(address),
                    address.byteSize());
            Reference.reachabilityFence(data);
            Reference.reachabilityFence(address);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        if (result < 0) {
            throw new NativeException(operation, errno(capture));
        }
        return result;
    }

    /** sendmsg(2); returns the byte count. */
    static long sendmsg(Arena arena, String operation, int fd, MemorySegment msghdr) throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        long result;
        try {
            result = (long) Sendmsg.H.invokeExact(capture, (long) fd, address(msghdr), 0L, 0L, 0L, 0L);
            Reference.reachabilityFence(msghdr);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        if (result < 0) {
            throw new NativeException(operation, errno(capture));
        }
        return result;
    }

    /** recvmsg(2); returns the byte count, or -errno for EAGAIN/EINTR/ENOBUFS which callers handle themselves. */
    static long recvmsg(Arena arena, String operation, int fd, MemorySegment msghdr, int flags) throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        long result;
        try {
            result = (long) Recvmsg.H.invokeExact(capture, (long) fd, address(msghdr), (long) flags, 0L, 0L, 0L);
            Reference.reachabilityFence(msghdr);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        if (result < 0) {
            int errno = errno(capture);
            if (errno == EAGAIN || errno == EINTR || errno == ENOBUFS) {
                return -errno;
            }
            throw new NativeException(operation, errno);
        }
        return result;
    }

    /** poll(2) over the given pollfd array; EINTR is reported as 0 ready descriptors. */
    static int poll(Arena arena, String operation, MemorySegment pollfds, int count, int timeoutMillis)
            throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        int result;
        try {
            result = (int) (long) Poll.H.invokeExact(capture, address(pollfds), (long) count, (long) timeoutMillis, 0L, 0L, 0L);
            Reference.reachabilityFence(pollfds);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        if (result < 0) {
            int errno = errno(capture);
            if (errno == EINTR) {
                return 0;
            }
            throw new NativeException(operation, errno);
        }
        return result;
    }

    static final int SCHED_FIFO = 1;

    /** sched_setscheduler(2) for the calling thread (pid 0) with struct sched_param {int priority}; returns errno or 0. */
    static int schedSetscheduler(Arena arena, int policy, int priority) {
        return schedSetscheduler(arena, 0, policy, priority);
    }

    /** sched_setscheduler(2) for thread {@code tid} of this process (0: the calling thread); returns errno or 0. */
    static int schedSetscheduler(Arena arena, int tid, int policy, int priority) {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        MemorySegment param = arena.allocate(JAVA_INT);
        param.set(JAVA_INT, 0, priority);
        int result;
        try {
            result = (int) (long) SchedSetscheduler.H.invokeExact(capture, (long) tid, (long) policy, address(param), 0L, 0L, 0L);
            Reference.reachabilityFence(param);
        } catch (Throwable e) {
            throw linkageFailure("sched_setscheduler", e);
        }
        return result < 0 ? errno(capture) : 0;
    }

    static int ioctl(Arena arena, String operation, int fd, long request, MemorySegment argument)
            throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        int result;
        try {
            result = (int) (long) Ioctl.H.invokeExact(capture, (long) fd, request, address(argument), 0L, 0L, 0L);
            Reference.reachabilityFence(argument);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        return check(operation, result, capture);
    }

    static int eventfd(Arena arena, String operation) throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        int result;
        try {
            result = (int) (long) Eventfd.H.invokeExact(capture, 0L, (long) (EFD_CLOEXEC | EFD_NONBLOCK), 0L, 0L, 0L, 0L);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        return check(operation, result, capture);
    }

    /** Adds one to an eventfd counter, which makes it readable for poll(2). */
    static void signal(int eventFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment one = arena.allocateFrom(JAVA_LONG, 1L);
            long ignored = (long) Write.H.invokeExact(capture, (long) eventFd, address(one), 8L, 0L, 0L, 0L);
            Reference.reachabilityFence(one);
        } catch (Throwable e) {
            // a full counter still leaves the eventfd readable, which is all a wake-up needs
        }
    }

    static int open(Arena arena, String operation, String path, int flags) throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        int result;
        try {
            MemorySegment name = arena.allocateFrom(path);
            result = (int) (long) Open.H.invokeExact(capture, address(name), (long) flags, 0L, 0L, 0L, 0L);
            Reference.reachabilityFence(name);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        return check(operation, result, capture);
    }

    static void setns(Arena arena, String operation, int fd, int namespaceType) throws NativeException {
        MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
        int result;
        try {
            result = (int) (long) Setns.H.invokeExact(capture, (long) fd, (long) namespaceType, 0L, 0L, 0L, 0L);
        } catch (Throwable e) {
            throw linkageFailure(operation, e);
        }
        check(operation, result, capture);
    }

    /** close(2), ignoring errors: there is nothing useful a caller can do about a failed close of a socket. */
    static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            long ignored = (long) Close.H.invokeExact(arena.allocate(CAPTURE_LAYOUT), (long) fd, 0L, 0L, 0L, 0L, 0L);
        } catch (Throwable e) {
            // see above
        }
    }

    /** An ifreq with ifr_name set, for the SIOCGIF* ioctls. */
    static MemorySegment ifreq(Arena arena, String interfaceName) {
        byte[] name = interfaceName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1.." + (IFNAMSIZ - 1)
                    + " characters: '" + interfaceName + "'");
        }
        MemorySegment request = arena.allocate(IFREQ_SIZE);
        MemorySegment.copy(name, 0, request, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, name.length);
        return request;
    }

    /** A pollfd array entry: fd, events; revents is read back with {@link #revents}. */
    static void pollfd(MemorySegment pollfds, int index, int fd, short events) {
        pollfds.set(JAVA_INT, index * 8L, fd);
        pollfds.set(JAVA_SHORT, index * 8L + 4, events);
        pollfds.set(JAVA_SHORT, index * 8L + 6, (short) 0);
    }

    static short revents(MemorySegment pollfds, int index) {
        return pollfds.get(JAVA_SHORT, index * 8L + 6);
    }

    /** The address of native memory, for an argument of {@link #CALL}; heap memory has none a callee could use. */
    private static long address(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("native memory required, got " + segment);
        }
        return segment.address();
    }

    private static int check(String operation, int result, MemorySegment capture) throws NativeException {
        if (result < 0) {
            throw new NativeException(operation, errno(capture));
        }
        return result;
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static IllegalStateException linkageFailure(String operation, Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(operation + ": native call failed", cause);
    }
}

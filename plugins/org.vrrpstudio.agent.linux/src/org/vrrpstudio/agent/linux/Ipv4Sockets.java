package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The C structs around IPv4 sockets and interfaces: sockaddr_in, ip_mreqn, and ifreq lookups. */
final class Ipv4Sockets {

    static final int SOCKADDR_IN_SIZE = 16;

    private Ipv4Sockets() {
    }

    static MemorySegment sockaddrIn(Arena arena, Inet4Address address) {
        MemorySegment sockaddr = arena.allocate(SOCKADDR_IN_SIZE, 4);
        sockaddr.set(JAVA_SHORT, 0, (short) LibC.AF_INET);
        MemorySegment.copy(address.getAddress(), 0, sockaddr, JAVA_BYTE, 4, 4);
        return sockaddr;
    }

    /** struct ip_mreqn: group, local address (any), interface index. */
    static MemorySegment ipMreqn(Arena arena, Inet4Address group, int ifindex) {
        MemorySegment request = arena.allocate(12, 4);
        if (group != null) {
            MemorySegment.copy(group.getAddress(), 0, request, JAVA_BYTE, 0, 4);
        }
        request.set(JAVA_INT, 8, ifindex);
        return request;
    }

    static Inet4Address address(MemorySegment segment, long offset) {
        byte[] bytes = new byte[4];
        MemorySegment.copy(segment, JAVA_BYTE, offset, bytes, 0, 4);
        return address(bytes);
    }

    static Inet4Address address(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + bytes.length + " bytes", e);
        }
    }

    /** SIOCGIFINDEX on {@code fd}, so the name is looked up in the socket's own network namespace. */
    static int interfaceIndex(int fd, String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = LibC.ifreq(arena, name);
            LibC.ioctl(arena, "look up interface " + name, fd, LibC.SIOCGIFINDEX, request);
            return request.get(JAVA_INT, LibC.IFNAMSIZ);
        }
    }

    /** SIOCGIFNAME on {@code fd}. */
    static String interfaceName(int fd, int ifindex) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = arena.allocate(LibC.IFREQ_SIZE);
            request.set(JAVA_INT, LibC.IFNAMSIZ, ifindex);
            LibC.ioctl(arena, "look up interface index " + ifindex, fd, LibC.SIOCGIFNAME, request);
            return request.getString(0);
        }
    }

    /** SIOCGIFHWADDR on {@code fd}: the 6-byte Ethernet address of an interface. */
    static MacAddress hardwareAddress(int fd, String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = LibC.ifreq(arena, name);
            LibC.ioctl(arena, "read hardware address of " + name, fd, LibC.SIOCGIFHWADDR, request);
            byte[] mac = new byte[6];
            // ifr_hwaddr is a struct sockaddr: 2 bytes of family, then the address bytes
            MemorySegment.copy(request, JAVA_BYTE, LibC.IFNAMSIZ + 2, mac, 0, 6);
            return MacAddress.of(mac);
        }
    }
}

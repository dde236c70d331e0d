package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RawIpv6SocketTest {

    private static NetnsLab lab;

    @BeforeAll
    static void createLab() throws Exception {
        lab = NetnsLab.create("s");
        // fixed link-local addresses without duplicate address detection, usable at once as sources
        lab.run("ip", "-n", lab.a, "addr", "add", "fe80::a/64", "dev", "va", "nodad");
        lab.run("ip", "-n", lab.b, "addr", "add", "fe80::b/64", "dev", "vb", "nodad");
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Inet6Address ipv6(String text) throws Exception {
        return (Inet6Address) InetAddress.getByName(text);
    }

    /** A VRRPv3 advert (RFC 5798): version 3, VRID 7, priority 200, no IPvX addresses; checksum left to the kernel. */
    private static byte[] vrrpV3Advert() {
        return new byte[] {0x31, 7, (byte) 200, 0, 0, 100, 0, 0};
    }

    @Test
    void vrrpV3AdvertToFf02_12ArrivesWithIfindexHopLimitAndKernelChecksum() throws Exception {
        Inet6Address group = ipv6("ff02::12");
        try (RawIpv6Socket receiver = lab.namespaceB().call(() -> RawIpv6Socket.open(RawIpSocket.PROTOCOL_VRRP));
                RawIpv6Socket sender = lab.namespaceA().call(() -> RawIpv6Socket.open(RawIpSocket.PROTOCOL_VRRP))) {
            int vb = receiver.interfaceIndex("vb");
            receiver.checksumAt(6).joinGroup(group, vb);
            int va = sender.interfaceIndex("va");
            sender.checksumAt(6).multicastHops(255).multicastLoop(false).multicastInterface(va);

            byte[] advert = vrrpV3Advert();
            sender.send(ByteBuffer.wrap(advert), group, va);

            ByteBuffer buffer = ByteBuffer.allocate(1500);
            ReceivedIpv6Packet packet = receiver.receive(buffer, 2000).orElseThrow(() -> new AssertionError("none"));
            assertEquals(vb, packet.ifindex());
            assertEquals(255, packet.hopLimit());
            assertEquals(ipv6("fe80::a"), packet.source());
            assertEquals(vb, packet.source().getScopeId());
            assertEquals(group, packet.destination());
            assertFalse(packet.truncated());
            byte[] payload = Arrays.copyOf(buffer.array(), packet.length());
            assertEquals(advert.length, payload.length);
            assertArrayEquals(Arrays.copyOf(advert, 6), Arrays.copyOf(payload, 6));
            // the kernel wrote the checksum (over the pseudo-header) since we left it zero, and the receiver's
            // IPV6_CHECKSUM would have dropped the packet had it been wrong
            assertFalse(payload[6] == 0 && payload[7] == 0, "checksum filled in");
        }
    }

    @Test
    void withoutJoiningNothingArrivesAndCloseEndsAWait() throws Exception {
        try (RawIpv6Socket receiver = lab.namespaceB().call(() -> RawIpv6Socket.open(RawIpSocket.PROTOCOL_VRRP));
                RawIpv6Socket sender = lab.namespaceA().call(() -> RawIpv6Socket.open(RawIpSocket.PROTOCOL_VRRP))) {
            sender.checksumAt(6).multicastHops(255);
            sender.send(ByteBuffer.wrap(vrrpV3Advert()), ipv6("ff02::12"), sender.interfaceIndex("va"));
            assertEquals(Optional.empty(), receiver.receive(ByteBuffer.allocate(100), 300));
            receiver.close();
            assertEquals(Optional.empty(), receiver.receive(ByteBuffer.allocate(100), -1));
        }
    }

    @Test
    void theSourceGivenWithTheSendIsTheOneThatArrivesForMulticastAndUnicast() throws Exception {
        // a second link-local and two global addresses on va: the kernel would pick another source on its own
        lab.run("ip", "-n", lab.a, "addr", "add", "fe80::a2/64", "dev", "va", "nodad");
        lab.run("ip", "-n", lab.a, "addr", "add", "2001:db8:1::a/64", "dev", "va", "nodad");
        lab.run("ip", "-n", lab.a, "addr", "add", "2001:db8:1::a2/64", "dev", "va", "nodad");
        lab.run("ip", "-n", lab.b, "addr", "add", "2001:db8:1::b/64", "dev", "vb", "nodad");
        Inet6Address group = ipv6("ff02::12");
        try (RawIpv6Socket receiver = lab.namespaceB().call(() -> RawIpv6Socket.open(RawIpSocket.PROTOCOL_VRRP));
                RawIpv6Socket sender = lab.namespaceA().call(() -> RawIpv6Socket.open(RawIpSocket.PROTOCOL_VRRP))) {
            int vb = receiver.interfaceIndex("vb");
            receiver.checksumAt(6).joinGroup(group, vb);
            int va = sender.interfaceIndex("va");
            sender.checksumAt(6).multicastHops(255).unicastHops(255).multicastLoop(false).multicastInterface(va);

            sender.send(ByteBuffer.wrap(vrrpV3Advert()), ipv6("fe80::a2"), group, va);
            ReceivedIpv6Packet multicast = receiver.receive(ByteBuffer.allocate(100), 2000).orElseThrow(() -> new AssertionError("none"));
            assertEquals(ipv6("fe80::a2"), multicast.source());
            assertEquals(group, multicast.destination());

            sender.send(ByteBuffer.wrap(vrrpV3Advert()), ipv6("2001:db8:1::a2"), ipv6("2001:db8:1::b"), va);
            ReceivedIpv6Packet unicast = receiver.receive(ByteBuffer.allocate(100), 2000).orElseThrow(() -> new AssertionError("none"));
            assertEquals(ipv6("2001:db8:1::a2"), unicast.source());
            assertEquals(ipv6("2001:db8:1::b"), unicast.destination());
            assertEquals(255, unicast.hopLimit());
        }
    }
}

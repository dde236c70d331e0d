package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RawIpSocketTest {

    private static final Inet4Address VRRP_GROUP = ipv4("224.0.0.18");
    private static NetnsLab lab;

    @BeforeAll
    static void createLab() throws Exception {
        lab = NetnsLab.create("r");
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /** A VRRPv2 advert for VRID 51, priority 150, one address; the checksum is not our concern here. */
    static byte[] vrrpAdvert(int vrid) {
        return new byte[] {0x21, (byte) vrid, (byte) 150, 1, 0, 1, 0, 0, (byte) 192, 0, 2, 100, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    static byte[] ipv4Packet(Inet4Address source, Inet4Address destination, int protocol, byte[] payload) {
        ByteBuffer packet = ByteBuffer.allocate(20 + payload.length);
        packet.put((byte) 0x45).put((byte) 0xC0).putShort((short) (20 + payload.length));
        packet.putShort((short) 0).putShort((short) 0); // id and fragment: the kernel fills the id
        packet.put((byte) 255).put((byte) protocol).putShort((short) 0); // checksum: the kernel fills it
        packet.put(source.getAddress()).put(destination.getAddress()).put(payload);
        return packet.array();
    }

    @Test
    void advertSentFromAIsReceivedInBWithTheReceivingIfindex() throws Exception {
        try (RawIpSocket receiver = lab.namespaceB().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP));
                RawIpSocket sender = lab.namespaceA().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP))) {
            int vbIndex = receiver.interfaceIndex("vb");
            receiver.bindToDevice("vb").joinGroup(VRRP_GROUP, vbIndex);
            sender.bindToDevice("va").multicastTtl(255).multicastLoop(false);

            byte[] advert = vrrpAdvert(51);
            sender.send(ByteBuffer.wrap(advert), VRRP_GROUP);

            ByteBuffer buffer = ByteBuffer.allocate(1500);
            ReceivedPacket packet = receiver.receive(buffer, 2000).orElseThrow(() -> new AssertionError("no advert"));
            assertEquals(vbIndex, packet.ifindex());
            assertEquals("vb", receiver.interfaceName(packet.ifindex()));
            assertEquals(ipv4(NetnsLab.A_ADDRESS), packet.source());
            assertEquals(VRRP_GROUP, packet.destination());
            assertFalse(packet.truncated());
            byte[] bytes = Arrays.copyOf(buffer.array(), packet.length());
            assertEquals(20 + advert.length, packet.length(), "IP header + advert");
            assertEquals(255, bytes[8] & 0xFF, "TTL 255 from IP_MULTICAST_TTL");
            assertEquals(112, bytes[9] & 0xFF);
            assertArrayEquals(advert, Arrays.copyOfRange(bytes, 20, bytes.length));
        }
    }

    @Test
    void withoutJoiningTheGroupNothingArrives() throws Exception {
        try (RawIpSocket receiver = lab.namespaceB().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP));
                RawIpSocket sender = lab.namespaceA().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP))) {
            sender.bindToDevice("va").multicastTtl(255);
            sender.send(ByteBuffer.wrap(vrrpAdvert(52)), VRRP_GROUP);
            assertEquals(Optional.empty(), receiver.receive(ByteBuffer.allocate(1500), 300));
        }
    }

    @Test
    void headerIncludedAhPacketArrivesAsWrittenWithKernelFilledChecksum() throws Exception {
        try (RawIpSocket receiver = lab.namespaceB().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_AH));
                RawIpSocket sender = lab.namespaceA().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_AH))) {
            receiver.joinGroup(VRRP_GROUP, receiver.interfaceIndex("vb"));
            sender.headerIncluded(true).bindToDevice("va");
            byte[] ah = new byte[24 + 20];
            ah[0] = 112; // next header VRRP
            ah[1] = 4; // payload length per RFC 4302 for a 12-byte ICV
            System.arraycopy(ipv4(NetnsLab.A_ADDRESS).getAddress(), 0, ah, 4, 4); // keepalived's SPI
            ah[11] = 7; // sequence number
            byte[] packet = ipv4Packet(ipv4(NetnsLab.A_ADDRESS), VRRP_GROUP, RawIpSocket.PROTOCOL_AH, ah);
            sender.send(ByteBuffer.wrap(packet), VRRP_GROUP);

            ByteBuffer buffer = ByteBuffer.allocate(1500);
            ReceivedPacket received = receiver.receive(buffer, 2000).orElseThrow(() -> new AssertionError("no AH"));
            byte[] bytes = Arrays.copyOf(buffer.array(), received.length());
            assertEquals(packet.length, bytes.length);
            assertEquals(51, bytes[9] & 0xFF);
            assertTrue(bytes[10] != 0 || bytes[11] != 0, "kernel filled the header checksum");
            assertEquals(0, ipChecksum(bytes, 20), "header checksum verifies");
            assertArrayEquals(ah, Arrays.copyOfRange(bytes, 20, bytes.length));
        }
    }

    @Test
    void unicastSendReachesThePeer() throws Exception {
        try (RawIpSocket receiver = lab.namespaceB().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP));
                RawIpSocket sender = lab.namespaceA().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP))) {
            sender.send(ByteBuffer.wrap(vrrpAdvert(53)), ipv4(NetnsLab.B_ADDRESS));
            ByteBuffer buffer = ByteBuffer.allocate(1500);
            ReceivedPacket packet = receiver.receive(buffer, 2000).orElseThrow(() -> new AssertionError("nothing"));
            assertEquals(ipv4(NetnsLab.B_ADDRESS), packet.destination());
            assertEquals(receiver.interfaceIndex("vb"), packet.ifindex());
        }
    }

    @Test
    void smallBufferReportsTruncation() throws Exception {
        try (RawIpSocket receiver = lab.namespaceB().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP));
                RawIpSocket sender = lab.namespaceA().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP))) {
            sender.send(ByteBuffer.wrap(vrrpAdvert(54)), ipv4(NetnsLab.B_ADDRESS));
            ByteBuffer buffer = ByteBuffer.allocate(24);
            ReceivedPacket packet = receiver.receive(buffer, 2000).orElseThrow(() -> new AssertionError("nothing"));
            assertTrue(packet.truncated());
            assertEquals(24, packet.length());
            assertEquals(24, buffer.position());
        }
    }

    @Test
    void receiveTimesOutAndCloseWakesABlockedReceiver() throws Exception {
        NetnsLab.assumeLabPossible();
        try (RawIpSocket socket = lab.namespaceB().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP))) {
            long start = System.nanoTime();
            assertEquals(Optional.empty(), socket.receive(ByteBuffer.allocate(100), 150));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 140 && elapsedMillis < 1000, "timed out after " + elapsedMillis + " ms");

            CompletableFuture<Optional<ReceivedPacket>> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return socket.receive(ByteBuffer.allocate(100), -1);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, command -> Thread.ofPlatform().start(command));
            Thread.sleep(100);
            assertFalse(blocked.isDone(), "receiver waits");
            socket.close();
            assertEquals(Optional.empty(), blocked.get(2, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), socket.receive(ByteBuffer.allocate(100), 10), "closed socket");
            org.junit.jupiter.api.Assertions.assertThrows(java.nio.channels.ClosedChannelException.class,
                    () -> socket.send(ByteBuffer.wrap(vrrpAdvert(1)), VRRP_GROUP));
        }
    }

    @Test
    void unknownInterfaceGivesANamedError() throws Exception {
        try (RawIpSocket socket = lab.namespaceB().call(() -> RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP))) {
            NativeException e = org.junit.jupiter.api.Assertions.assertThrows(NativeException.class,
                    () -> socket.interfaceIndex("va")); // va lives in the other namespace
            assertEquals(LibC.ENODEV, e.errno());
            assertTrue(e.getMessage().startsWith("look up interface va: No such device"), e.getMessage());
        }
    }

    static int ipChecksum(byte[] bytes, int length) {
        int sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    static Inet4Address ipv4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vrrpstudio.agent.linux.RawIpSocketTest.ipv4;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The rtnetlink codec on hand-built bytes: runs anywhere, no privileges. */
class RtnetlinkTest {

    private static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
    }

    @Test
    void addAddressRequestLayout() {
        Ipv4InterfaceAddress vip = Ipv4InterfaceAddress.of(7, ipv4("192.0.2.100"), 24)
                .withBroadcast(ipv4("192.0.2.255")).withLabel("eth0:1").withScope(AddressScope.LINK);
        ByteBuffer request = Rtnetlink.addressRequest(Rtnetlink.RTM_NEWADDR,
                (short) (Rtnetlink.NLM_F_ACK | Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL), 42, vip)
                .order(ByteOrder.nativeOrder());
        // header 16 + ifaddrmsg 8 + IFA_LOCAL 8 + IFA_ADDRESS 8 + IFA_BROADCAST 8 + IFA_LABEL (4 + "eth0:1\0" → 12)
        assertEquals(60, request.remaining());
        assertEquals(60, request.getInt(0));
        assertEquals(Rtnetlink.RTM_NEWADDR, request.getShort(4));
        assertEquals(0x1 | 0x4 | 0x400 | 0x200, request.getShort(6));
        assertEquals(42, request.getInt(8));
        assertEquals(LibC.AF_INET, request.get(16));
        assertEquals(24, request.get(17));
        assertEquals(253, request.get(19) & 0xFF);
        assertEquals(7, request.getInt(20));
        assertEquals(8, request.getShort(24)); // IFA_LOCAL length
        assertEquals(2, request.getShort(26));
        assertEquals((byte) 192, request.get(28));
        assertEquals(11, request.getShort(48)); // IFA_LABEL: 4 + 7 bytes, padded to 12
        assertEquals(3, request.getShort(50));
        byte[] label = new byte[6];
        request.get(52, label);
        assertEquals("eth0:1", new String(label, StandardCharsets.US_ASCII));
    }

    @Test
    void errorWithExtendedAckCarriesTheKernelsText() {
        String text = "Invalid label\0";
        int tlv = 4 + text.length();
        int length = 16 + 4 + 16 + Rtnetlink.align(tlv);
        ByteBuffer message = le(length);
        message.putInt(length).putShort(Rtnetlink.NLMSG_ERROR)
                .putShort((short) (Rtnetlink.NLM_F_CAPPED | Rtnetlink.NLM_F_ACK_TLVS)).putInt(9).putInt(0);
        message.putInt(-LibC.ERANGE);
        message.putInt(60).putShort(Rtnetlink.RTM_NEWADDR).putShort((short) 0).putInt(9).putInt(0); // capped echo
        message.putShort((short) tlv).putShort((short) 1).put(text.getBytes(StandardCharsets.US_ASCII));
        message.position(0);
        assertEquals(List.of(new Rtnetlink.ErrorMessage(9, LibC.ERANGE, "Invalid label")), Rtnetlink.parse(message));
    }

    @Test
    void linkMessageWithNameMacMtuAndOperState() {
        ByteBuffer message = le(16 + 16 + 8 + 12 + 8 + 8);
        message.putInt(message.capacity()).putShort(Rtnetlink.RTM_NEWLINK).putShort((short) 0).putInt(0).putInt(0);
        message.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(3).putInt(0x1 | 0x40 | 0x10000).putInt(0);
        message.putShort((short) 8).putShort((short) 3).put("eth0".getBytes(StandardCharsets.US_ASCII)); // IFLA_IFNAME, no NUL
        message.putShort((short) 10).putShort((short) 1).put(MacAddress.parse("02:00:00:00:00:01").toBytes())
                .putShort((short) 0); // IFLA_ADDRESS + padding
        message.putShort((short) 8).putShort((short) 4).putInt(9000); // IFLA_MTU
        message.putShort((short) 5).putShort((short) 16).put((byte) 6).put(new byte[3]); // IFLA_OPERSTATE UP
        message.position(0);
        LinkInfo expected = new LinkInfo(3, "eth0", true, true, LinkInfo.OperState.UP,
                MacAddress.parse("02:00:00:00:00:01"), 9000);
        assertEquals(List.of(new Rtnetlink.LinkMessage(0, expected, false)), Rtnetlink.parse(message));
    }

    @Test
    void severalMessagesInOneDatagramAndATruncatedTail() {
        ByteBuffer datagram = le(32 + 16 + 8);
        // RTM_DELADDR for 10.0.0.1/8 on ifindex 2 with only IFA_ADDRESS (a peer-less address)
        datagram.putInt(32).putShort(Rtnetlink.RTM_DELADDR).putShort((short) 0).putInt(5).putInt(0);
        datagram.put((byte) LibC.AF_INET).put((byte) 8).put((byte) 0).put((byte) 0).putInt(2);
        datagram.putShort((short) 8).putShort((short) 1).put(new byte[] {10, 0, 0, 1});
        datagram.putInt(16).putShort(Rtnetlink.NLMSG_DONE).putShort((short) 2).putInt(5).putInt(0);
        datagram.putInt(99).putInt(0); // a header claiming more than there is
        datagram.position(0);
        assertEquals(List.of(
                new Rtnetlink.AddressMessage(5, Ipv4InterfaceAddress.of(2, ipv4("10.0.0.1"), 8), true),
                new Rtnetlink.DoneMessage(5)), Rtnetlink.parse(datagram));
    }

    @Test
    void ipv6AddressRequestAsksForNoDuplicateAddressDetection() {
        Ipv6InterfaceAddress vip = Ipv6InterfaceAddress.of(7, ipv6("2001:db8::10"), 64);
        ByteBuffer request = Rtnetlink.address6Request(Rtnetlink.RTM_NEWADDR, Rtnetlink.NLM_F_ACK, 9, vip)
                .order(ByteOrder.nativeOrder());
        // header 16 + ifaddrmsg 8 + IFA_LOCAL 20 + IFA_ADDRESS 20 + IFA_FLAGS 8
        assertEquals(72, request.getInt(0));
        assertEquals(LibC.AF_INET6, request.get(16));
        assertEquals(64, request.get(17));
        assertEquals(Rtnetlink.IFA_F_NODAD, request.get(18));
        assertEquals(0, request.get(19), "global scope");
        assertEquals(7, request.getInt(20));
        assertEquals(20, request.getShort(24));
        assertEquals(0x20, request.get(28) & 0xFF, "2001:db8::10 starts 0x20 0x01");
        assertEquals(8, request.getShort(64));
        assertEquals(8, request.getShort(66), "IFA_FLAGS");
        assertEquals(Rtnetlink.IFA_F_NODAD, request.getInt(68));
        assertEquals(AddressScope.LINK, Ipv6InterfaceAddress.of(7, ipv6("fe80::10"), 64).scope());
    }

    @Test
    void ipv6AddressMessagesAreDecodedWithTheirTentativeFlag() {
        ByteBuffer datagram = le(16 + 8 + 20 + 8);
        datagram.putInt(52).putShort(Rtnetlink.RTM_NEWADDR).putShort((short) 2).putInt(3).putInt(0);
        datagram.put((byte) LibC.AF_INET6).put((byte) 64).put((byte) 0).put((byte) 253).putInt(4);
        datagram.putShort((short) 20).putShort((short) 1).put(ipv6("fe80::1:2").getAddress());
        datagram.putShort((short) 8).putShort((short) 8).putInt(Rtnetlink.IFA_F_TENTATIVE | 0x100); // beyond the header byte
        datagram.position(0);
        assertEquals(List.of(new Rtnetlink.Address6Message(3,
                new Ipv6InterfaceAddress(4, ipv6("fe80::1:2"), 64, AddressScope.LINK, true), false)), Rtnetlink.parse(datagram));
    }

    static java.net.Inet6Address ipv6(String literal) {
        return (java.net.Inet6Address) java.net.InetAddress.ofLiteral(literal);
    }
}

package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.agent.linux.RawIpSocketTest.ipv4;

import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ArpPacketTest {

    private static final MacAddress MAC = MacAddress.parse("46:67:70:b9:3e:59");

    @Test
    void gratuitousRequestFrameMatchesTheBytesKeepalivedSends() {
        // field by field as tshark decoded keepalived 2.2.7's announcement of 192.0.2.100
        byte[] expected = HexFormat.of().parseHex("ffffffffffff" + "466770b93e59" + "0806"
                + "0001" + "0800" + "06" + "04" + "0001" + "466770b93e59" + "c0000264" + "ffffffffffff" + "c0000264");
        byte[] frame = ArpPacket.gratuitousRequest(MAC, ipv4("192.0.2.100")).toEthernetFrame(MacAddress.BROADCAST);
        assertArrayEquals(expected, frame);
    }

    @Test
    void framesDecodeBackAndNonArpFramesAreIgnored() {
        ArpPacket reply = ArpPacket.gratuitousReply(MAC, ipv4("10.0.0.1"));
        byte[] frame = reply.toEthernetFrame(MacAddress.BROADCAST);
        assertEquals(Optional.of(reply), ArpPacket.fromEthernetFrame(frame, frame.length));
        assertTrue(reply.isGratuitous());
        frame[13] = 0x00; // EtherType 0x0800: IPv4, not ARP
        assertEquals(Optional.empty(), ArpPacket.fromEthernetFrame(frame, frame.length));
        assertEquals(Optional.empty(), ArpPacket.fromEthernetFrame(frame, 20));
    }

    @Test
    void macAddressParsingAndPrinting() {
        assertEquals("46:67:70:b9:3e:59", MAC.toString());
        assertEquals(MAC, MacAddress.of(MAC.toBytes()));
        assertEquals("ff:ff:ff:ff:ff:ff", MacAddress.BROADCAST.toString());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("46:67:70"));
    }
}

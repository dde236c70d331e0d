package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The unsolicited neighbour advertisement's bytes (RFC 4861 §4.4); the lab tests see it on the wire. */
class NeighbourAdvertisementTest {

    @Test
    void overrideFlagTargetAndTargetLinkLayerAddressOption() {
        MacAddress mac = MacAddress.parse("02:00:5e:00:01:33");
        byte[] message = NeighbourAdvertisement.message(RtnetlinkTest.ipv6("2001:db8::10"), mac, false);
        assertEquals(32, message.length);
        assertEquals(136, message[0] & 0xFF, "type: neighbour advertisement");
        assertEquals(0, message[1]);
        assertEquals(0, message[2] | message[3], "checksum left to the kernel");
        assertEquals(0x20, message[4] & 0xFF, "Override, not Solicited, not Router");
        assertArrayEquals(RtnetlinkTest.ipv6("2001:db8::10").getAddress(), Arrays.copyOfRange(message, 8, 24));
        assertEquals(2, message[24], "target link-layer address option");
        assertEquals(1, message[25], "one 8-byte unit");
        assertArrayEquals(mac.toBytes(), Arrays.copyOfRange(message, 26, 32));

        assertEquals(0xA0, NeighbourAdvertisement.message(RtnetlinkTest.ipv6("2001:db8::10"), mac, true)[4] & 0xFF,
                "a forwarding interface keeps the Router flag");
    }
}

package org.vrrpstudio.agent.linux;

import java.net.Inet4Address;

/**
 * What {@link RawIpSocket#receive} learned about a packet besides its bytes.
 *
 * @param length bytes written into the caller's buffer (the whole IP packet, header included)
 * @param ifindex the interface the packet arrived on (from IP_PKTINFO), 0 if the kernel did not say
 * @param source the sender's address
 * @param destination the header's destination address (e.g. 224.0.0.18), from IP_PKTINFO
 * @param truncated the packet was larger than the buffer and its tail was dropped
 */
public record ReceivedPacket(int length, int ifindex, Inet4Address source, Inet4Address destination,
        boolean truncated) {
}

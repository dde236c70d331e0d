package org.vrrpstudio.agent.linux;

import java.net.Inet6Address;

/**
 * What {@link RawIpv6Socket#receive} learned about a packet besides its payload. IPv6 raw sockets never
 * hand over the IPv6 header, so the fields VRRPv3 checks (hop limit 255, source) come from here.
 *
 * @param length payload bytes written into the caller's buffer
 * @param ifindex the interface the packet arrived on (IPV6_PKTINFO), 0 if unknown
 * @param source the sender (link-local for VRRP), with the arrival interface as scope
 * @param destination the header's destination, e.g. ff02::12
 * @param hopLimit the header's hop limit (IPV6_HOPLIMIT), -1 if unknown; VRRP requires 255
 * @param truncated the payload was larger than the buffer
 */
public record ReceivedIpv6Packet(int length, int ifindex, Inet6Address source, Inet6Address destination,
        int hopLimit, boolean truncated) {
}

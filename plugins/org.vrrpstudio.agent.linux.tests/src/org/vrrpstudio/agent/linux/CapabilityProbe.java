package org.vrrpstudio.agent.linux;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Run in a child JVM stripped of CAP_NET_RAW/CAP_NET_ADMIN (see {@link CapabilitiesTest}); prints what a user
 * without privileges would be told, one line per attempt.
 */
public final class CapabilityProbe {

    private CapabilityProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("check: " + Capabilities.check().problem().orElse("sufficient"));
        try (RawIpSocket socket = RawIpSocket.open(RawIpSocket.PROTOCOL_VRRP)) {
            System.out.println("raw: opened");
        } catch (NativeException e) {
            System.out.println("raw: " + e.getMessage());
        }
        try (Netlink netlink = Netlink.open()) {
            int lo = netlink.interfaceIndex("lo");
            Inet4Address address = (Inet4Address) InetAddress.getByName("127.0.0.77");
            System.out.println("netlink: " + netlink.addAddress(Ipv4InterfaceAddress.of(lo, address, 8)));
        }
    }
}

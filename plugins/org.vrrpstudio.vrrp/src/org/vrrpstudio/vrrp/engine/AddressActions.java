package org.vrrpstudio.vrrp.engine;

import java.net.InetAddress;
import java.util.List;

/** What a master does to the host: own the virtual addresses and announce them. */
public interface AddressActions {
    void addAddresses(String interfaceName, List<InetAddress> addresses);

    void removeAddresses(String interfaceName, List<InetAddress> addresses);

    /** Gratuitous ARP (IPv4) or unsolicited neighbour advertisement (IPv6) for the addresses. */
    void announce(String interfaceName, List<InetAddress> addresses);

    AddressActions NONE = new AddressActions() {
        @Override
        public void addAddresses(String interfaceName, List<InetAddress> addresses) {
        }

        @Override
        public void removeAddresses(String interfaceName, List<InetAddress> addresses) {
        }

        @Override
        public void announce(String interfaceName, List<InetAddress> addresses) {
        }
    };
}

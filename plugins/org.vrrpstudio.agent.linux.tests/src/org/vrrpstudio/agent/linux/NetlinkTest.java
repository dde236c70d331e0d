package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.agent.linux.RawIpSocketTest.ipv4;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetlinkTest {

    private static NetnsLab lab;
    private static Netlink netlink;
    private static int va;

    @BeforeAll
    static void createLab() throws Exception {
        lab = NetnsLab.create("n");
        netlink = lab.namespaceA().call(Netlink::open);
        va = netlink.interfaceIndex("va");
    }

    @AfterAll
    static void deleteLab() {
        if (netlink != null) {
            netlink.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static String ipAddr() throws Exception {
        return lab.run("ip", "-n", lab.a, "-4", "addr", "show", "dev", "va");
    }

    @Test
    void addedAddressShowsInIpAddrWithBroadcastScopeAndLabelThenGoesAway() throws Exception {
        Ipv4InterfaceAddress vip = Ipv4InterfaceAddress.of(va, ipv4("192.0.2.100"), 24)
                .withBroadcast(ipv4("192.0.2.255")).withLabel("va:vi1").withScope(AddressScope.GLOBAL);
        assertEquals(new AddressChange.Applied(), netlink.addAddress(vip));
        String shown = ipAddr();
        assertTrue(shown.contains("inet 192.0.2.100/24 brd 192.0.2.255 scope global secondary va:vi1"), shown);
        List<Ipv4InterfaceAddress> listed = netlink.addresses(va);
        assertTrue(listed.contains(vip), listed::toString);

        assertEquals(new AddressChange.Applied(), netlink.removeAddress(vip));
        assertFalse(ipAddr().contains("192.0.2.100"));
        assertFalse(netlink.addresses().stream().anyMatch(vip::sameAddressAs));
    }

    @Test
    void vethPairIsCreatedDownAndRefusedTwice() throws Exception {
        netlink.addVethPair("vt0", "vt0p");
        try {
            String shown = lab.run("ip", "-n", lab.a, "-o", "link", "show");
            assertTrue(shown.contains(": vt0@vt0p: ") && shown.contains(": vt0p@vt0: "), shown);
            assertFalse(netlink.link("vt0").orElseThrow().administrativelyUp());
            NativeException twice = assertThrows(NativeException.class, () -> netlink.addVethPair("vt0", "vt0q"));
            assertEquals(LibC.EEXIST, twice.errno(), twice::getMessage);
        } finally {
            lab.run("ip", "-n", lab.a, "link", "del", "vt0");
        }
    }

    @Test
    void hostScopeAddressWithoutBroadcast() throws Exception {
        Ipv4InterfaceAddress vip = Ipv4InterfaceAddress.of(va, ipv4("198.51.100.7"), 32).withScope(AddressScope.HOST);
        assertTrue(netlink.addAddress(vip).applied());
        try {
            String shown = ipAddr();
            assertTrue(shown.contains("inet 198.51.100.7/32 scope host va"), shown);
        } finally {
            assertTrue(netlink.removeAddress(vip).applied());
        }
    }

    @Test
    void duplicateAddIsAlreadyPresentAndRemovingAnAbsentAddressIsNotPresent() throws Exception {
        Ipv4InterfaceAddress vip = Ipv4InterfaceAddress.of(va, ipv4("192.0.2.101"), 24);
        assertEquals(new AddressChange.Applied(), netlink.addAddress(vip));
        try {
            assertEquals(new AddressChange.AlreadyPresent(), netlink.addAddress(vip));
        } finally {
            assertEquals(new AddressChange.Applied(), netlink.removeAddress(vip));
        }
        assertEquals(new AddressChange.NotPresent(), netlink.removeAddress(vip));
    }

    @Test
    void labelOfSixteenCharactersIsTooLong() throws Exception {
        String label = "va:abcdefghijklm"; // 16 characters, IFNAMSIZ includes the terminating NUL
        Ipv4InterfaceAddress vip = Ipv4InterfaceAddress.of(va, ipv4("192.0.2.102"), 24).withLabel(label);
        assertEquals(new AddressChange.LabelTooLong(label), netlink.addAddress(vip));
        assertFalse(ipAddr().contains("192.0.2.102"));
        Ipv4InterfaceAddress fifteen = vip.withLabel(label.substring(0, 15));
        assertTrue(netlink.addAddress(fifteen).applied());
        assertTrue(netlink.removeAddress(fifteen).applied());
    }

    @Test
    void unknownInterfaceIndexIsRefusedWithTheKernelsReason() throws Exception {
        AddressChange change = netlink.addAddress(Ipv4InterfaceAddress.of(9999, ipv4("192.0.2.103"), 24));
        AddressChange.Refused refused = assertInstanceOf(AddressChange.Refused.class, change);
        assertEquals(LibC.ENODEV, refused.errno());
        assertTrue(refused.reason().startsWith("No such device"), refused.reason());
    }

    @Test
    void linksAndNameIndexLookups() throws Exception {
        List<LinkInfo> links = netlink.links();
        assertEquals(List.of("lo", "va"), links.stream().map(LinkInfo::name).sorted().toList());
        LinkInfo link = netlink.link("va").orElseThrow();
        assertEquals(va, link.index());
        assertEquals("va", netlink.interfaceName(va));
        assertTrue(link.usable(), link.toString());
        String mac = lab.run("ip", "-n", lab.a, "-br", "link", "show", "dev", "va").trim().split("\\s+")[2];
        assertEquals(MacAddress.parse(mac), link.hardwareAddress());
        assertEquals(1500, link.mtu());
        NativeException missing = assertThrows(NativeException.class, () -> netlink.interfaceIndex("eth0"));
        assertEquals(LibC.ENODEV, missing.errno());
        assertTrue(missing.getMessage().contains("look up interface eth0: No such device"), missing.getMessage());
    }

    @Test
    void listedAddressesMatchIpAddr() throws Exception {
        List<Ipv4InterfaceAddress> addresses = netlink.addresses();
        assertTrue(addresses.contains(new Ipv4InterfaceAddress(va, ipv4(NetnsLab.A_ADDRESS), 24, null, "va",
                AddressScope.GLOBAL)), addresses.toString());
        assertTrue(addresses.stream().anyMatch(a -> a.address().equals(ipv4("127.0.0.1"))
                && a.scope() == AddressScope.HOST && a.prefixLength() == 8), addresses.toString());
    }

    @Test
    void ipv6AddressIsAddedWithoutDuplicateAddressDetectionListedAndRemoved() throws Exception {
        Ipv6InterfaceAddress vip = Ipv6InterfaceAddress.of(va, RtnetlinkTest.ipv6("2001:db8:200::10"), 64);
        assertEquals(new AddressChange.Applied(), netlink.addAddress(vip));
        try {
            String shown = lab.run("ip", "-n", lab.a, "-6", "addr", "show", "dev", "va");
            assertTrue(shown.contains("inet6 2001:db8:200::10/64 scope global nodad"), shown);
            List<Ipv6InterfaceAddress> listed = netlink.ipv6Addresses(va);
            assertTrue(listed.contains(vip), listed::toString);
            assertTrue(listed.stream().anyMatch(a -> a.address().isLinkLocalAddress() && a.scope() == AddressScope.LINK),
                    () -> "the link-local address the kernel gave va is listed: " + listed);
            assertEquals(new AddressChange.AlreadyPresent(), netlink.addAddress(vip));
        } finally {
            assertEquals(new AddressChange.Applied(), netlink.removeAddress(vip));
        }
        assertEquals(new AddressChange.NotPresent(), netlink.removeAddress(vip));
        assertFalse(lab.run("ip", "-n", lab.a, "-6", "addr", "show", "dev", "va").contains("2001:db8:200::10"));
    }
}

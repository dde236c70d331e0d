package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.agent.linux.RawIpSocketTest.ipv4;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkMonitorTest {

    private NetnsLab lab;

    @BeforeEach
    void createLab() throws Exception {
        lab = NetnsLab.create("m");
    }

    @AfterEach
    void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Takes events until one matches, failing if none does within {@code millis}. */
    private static <T extends NetworkEvent> T await(BlockingQueue<NetworkEvent> events, Class<T> type,
            Predicate<T> matching, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<NetworkEvent> seen = new ArrayList<>();
        while (true) {
            NetworkEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching " + type.getSimpleName() + " within " + millis + " ms; saw " + seen);
            }
            if (type.isInstance(event) && matching.test(type.cast(event))) {
                return type.cast(event);
            }
            seen.add(event);
        }
    }

    @Test
    void startsWithASnapshotThenReportsOwnLinkDownAndPeerCarrierLossWithin100ms() throws Exception {
        BlockingQueue<NetworkEvent> events = new LinkedBlockingQueue<>();
        try (LinkMonitor monitor = lab.namespaceA().call(() -> LinkMonitor.start(events::add));
                Netlink netlinkA = lab.namespaceA().call(Netlink::open)) {
            NetworkEvent.Resynchronized snapshot = await(events, NetworkEvent.Resynchronized.class, s -> true, 2000);
            assertFalse(snapshot.afterOverrun());
            assertEquals(List.of("lo", "va"), snapshot.links().stream().map(LinkInfo::name).sorted().toList());
            assertTrue(snapshot.addresses().stream().anyMatch(a -> a.address().equals(ipv4(NetnsLab.A_ADDRESS))));
            int va = netlinkA.interfaceIndex("va");

            long start = System.nanoTime();
            netlinkA.setLinkUp(va, false);
            NetworkEvent.LinkChanged down = await(events, NetworkEvent.LinkChanged.class,
                    e -> e.link().index() == va && !e.link().administrativelyUp(), 100);
            long latencyMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(latencyMillis < 100, "link down seen after " + latencyMillis + " ms");
            assertFalse(down.link().usable());
            netlinkA.setLinkUp(va, true);
            await(events, NetworkEvent.LinkChanged.class, e -> e.link().index() == va && e.link().usable(), 2000);

            // the veth peer going down removes va's carrier while va stays administratively up
            lab.run("ip", "-n", lab.b, "link", "set", "vb", "down");
            long commandDone = System.nanoTime();
            NetworkEvent.LinkChanged carrierLost = await(events, NetworkEvent.LinkChanged.class,
                    e -> e.link().index() == va && !e.link().lowerUp(), 100);
            assertTrue((System.nanoTime() - commandDone) / 1_000_000 < 100);
            assertTrue(carrierLost.link().administrativelyUp());
            assertFalse(carrierLost.link().usable());
        }
    }

    /**
     * When both veth ends have the same ifindex (each namespace numbers from 1), the kernel's linkwatch treats
     * a carrier change as non-urgent and batches such changes at most once per second. The same holds for a
     * physical NIC, so carrier loss can reach us up to ~1 s late; VRRP's master-down timer stays the backstop.
     */
    @Test
    void carrierLossOfALinkWithoutUrgentLinkwatchArrivesWithinASecond() throws Exception {
        lab.run("ip", "-n", lab.a, "link", "add", "wa", "type", "veth", "peer", "name", "wb", "netns", lab.b);
        lab.run("ip", "-n", lab.a, "link", "set", "wa", "up");
        lab.run("ip", "-n", lab.b, "link", "set", "wb", "up");
        BlockingQueue<NetworkEvent> events = new LinkedBlockingQueue<>();
        try (LinkMonitor monitor = lab.namespaceA().call(() -> LinkMonitor.start(events::add));
                Netlink netlinkA = lab.namespaceA().call(Netlink::open)) {
            int wa = netlinkA.interfaceIndex("wa");
            assertEquals(wa, lab.namespaceB().call(() -> {
                try (Netlink netlinkB = Netlink.open()) {
                    return netlinkB.interfaceIndex("wb");
                }
            }), "both ends have the same ifindex");
            NetworkEvent.Resynchronized snapshot = await(events, NetworkEvent.Resynchronized.class, s -> true, 2000);
            if (!snapshot.links().stream().anyMatch(link -> link.index() == wa && link.usable())) {
                await(events, NetworkEvent.LinkChanged.class, e -> e.link().index() == wa && e.link().usable(), 2000);
            }
            long start = System.nanoTime();
            lab.run("ip", "-n", lab.b, "link", "set", "wb", "down");
            await(events, NetworkEvent.LinkChanged.class, e -> e.link().index() == wa && !e.link().lowerUp(), 1500);
            long latencyMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("carrier loss of a non-urgent veth reported after " + latencyMillis + " ms");
        }
    }

    @Test
    void reportsAddressesAddedAndRemoved() throws Exception {
        BlockingQueue<NetworkEvent> events = new LinkedBlockingQueue<>();
        try (LinkMonitor monitor = lab.namespaceA().call(() -> LinkMonitor.start(events::add));
                Netlink netlinkA = lab.namespaceA().call(Netlink::open)) {
            await(events, NetworkEvent.Resynchronized.class, s -> true, 2000);
            Ipv4InterfaceAddress vip = Ipv4InterfaceAddress.of(netlinkA.interfaceIndex("va"), ipv4("192.0.2.200"), 24)
                    .withLabel("va:1");
            assertTrue(netlinkA.addAddress(vip).applied());
            NetworkEvent.AddressAdded added = await(events, NetworkEvent.AddressAdded.class,
                    e -> e.address().sameAddressAs(vip), 1000);
            assertEquals("va:1", added.address().label());
            // someone else removing our VIP is seen too
            lab.run("ip", "-n", lab.a, "addr", "del", "192.0.2.200/24", "dev", "va");
            await(events, NetworkEvent.AddressRemoved.class, e -> e.address().sameAddressAs(vip), 1000);
        }
    }

    @Test
    void droppedNotificationsLeadToAFreshSnapshot() throws Exception {
        BlockingQueue<NetworkEvent> events = new LinkedBlockingQueue<>();
        CountDownLatch release = new CountDownLatch(1);
        LinkMonitor.Listener slow = event -> {
            events.add(event);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (LinkMonitor monitor = lab.namespaceA().call(() -> LinkMonitor.start(slow, 1024));
                Netlink netlinkA = lab.namespaceA().call(Netlink::open)) {
            await(events, NetworkEvent.Resynchronized.class, s -> true, 2000); // listener now blocks
            int va = netlinkA.interfaceIndex("va");
            int count = 100;
            for (int i = 1; i <= count; i++) {
                assertTrue(netlinkA.addAddress(Ipv4InterfaceAddress.of(va, ipv4("10.77.0." + i), 24)).applied());
            }
            release.countDown();
            NetworkEvent.Resynchronized fresh = await(events, NetworkEvent.Resynchronized.class,
                    NetworkEvent.Resynchronized::afterOverrun, 3000);
            long present = fresh.addresses().stream().filter(a -> a.address().getHostAddress().startsWith("10.77.0."))
                    .count();
            assertEquals(count, present, "the snapshot after the overrun holds every address");
        }
    }

    @Test
    void closeFromTheListenerThreadEndsMonitoring() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        LinkMonitor[] holder = new LinkMonitor[1];
        LinkMonitor monitor = lab.namespaceA().call(() -> LinkMonitor.start(event -> {
            synchronized (holder) {
                if (holder[0] != null) {
                    holder[0].close();
                }
            }
            first.countDown();
        }));
        synchronized (holder) {
            holder[0] = monitor;
        }
        assertTrue(first.await(2, TimeUnit.SECONDS));
        monitor.close();
        NetworkEvent event = new NetworkEvent.AddressAdded(Ipv4InterfaceAddress.of(1, ipv4("192.0.2.9"), 32));
        assertInstanceOf(NetworkEvent.AddressAdded.class, event); // records compare by value
    }
}

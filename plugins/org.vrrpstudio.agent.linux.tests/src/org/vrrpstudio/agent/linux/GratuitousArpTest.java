package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.agent.linux.RawIpSocketTest.ipv4;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GratuitousArpTest {

    private static final Inet4Address VIP = ipv4("192.0.2.100");
    private static NetnsLab lab;

    @BeforeAll
    static void createLab() throws Exception {
        lab = NetnsLab.create("g");
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static MacAddress macOf(String namespace, String device) throws Exception {
        return MacAddress.parse(lab.run("ip", "-n", namespace, "-br", "link", "show", "dev", device).trim()
                .split("\\s+")[2]);
    }

    @Test
    void announcementArrivesInThePeerNamespaceInKeepalivedsRequestForm() throws Exception {
        try (GratuitousArp sender = lab.namespaceA().call(() -> GratuitousArp.open("va"));
                GratuitousArp listener = lab.namespaceB().call(() -> GratuitousArp.open("vb"))) {
            MacAddress macA = macOf(lab.a, "va");
            assertEquals(macA, sender.hardwareAddress(), "MAC read with SIOCGIFHWADDR inside the namespace");
            assertEquals(1001, sender.ifindex());

            sender.announce(VIP);
            ArpPacket seen = listener.receive(2000).orElseThrow(() -> new AssertionError("no ARP in B"));
            assertEquals(new ArpPacket(ArpPacket.Operation.REQUEST, macA, VIP, MacAddress.BROADCAST, VIP), seen);
            assertTrue(seen.isGratuitous());
        }
    }

    @Test
    void replyFormArrivesToo() throws Exception {
        try (GratuitousArp sender = lab.namespaceA().call(() -> GratuitousArp.open("va"));
                GratuitousArp listener = lab.namespaceB().call(() -> GratuitousArp.open("vb"))) {
            ArpPacket reply = ArpPacket.gratuitousReply(sender.hardwareAddress(), VIP);
            sender.send(reply, MacAddress.BROADCAST);
            assertEquals(reply, listener.receive(2000).orElseThrow(() -> new AssertionError("no ARP in B")));
        }
    }

    @Test
    void peerUpdatesItsStaleNeighbourEntryToTheAnnouncingMac() throws Exception {
        lab.run("ip", "-n", lab.b, "neigh", "replace", VIP.getHostAddress(), "lladdr", "02:00:00:00:00:99", "dev",
                "vb", "nud", "stale");
        try (GratuitousArp sender = lab.namespaceA().call(() -> GratuitousArp.open("va"))) {
            sender.announce(VIP);
            String expected = sender.hardwareAddress().toString();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            String neighbour;
            do {
                neighbour = lab.run("ip", "-n", lab.b, "neigh", "show", VIP.getHostAddress(), "dev", "vb");
            } while (!neighbour.contains(expected) && System.nanoTime() < deadline && sleep(20));
            assertTrue(neighbour.contains("lladdr " + expected), neighbour);
        }
    }

    @Test
    void tsharkInThePeerNamespaceDecodesTheAnnouncement() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed");
        Process tshark = new ProcessBuilder("ip", "netns", "exec", lab.b, "tshark", "-l", "-i", "vb", "-c", "1",
                "-a", "duration:10", "-f", "arp", "-T", "fields", "-e", "arp.opcode", "-e", "arp.src.hw_mac", "-e",
                "arp.src.proto_ipv4", "-e", "arp.dst.hw_mac", "-e", "arp.dst.proto_ipv4", "-e", "eth.dst")
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (GratuitousArp sender = lab.namespaceA().call(() -> GratuitousArp.open("va"));
                BufferedReader errors = new BufferedReader(new InputStreamReader(tshark.getErrorStream(),
                        StandardCharsets.UTF_8))) {
            // tshark says "Capturing on 'vb'" when it starts capturing
            String line;
            while ((line = errors.readLine()) != null && !line.contains("Capturing on")) {
                // skip warnings such as running as root
            }
            Assumptions.assumeTrue(line != null, "tshark could not capture");
            Thread.ofPlatform().daemon().start(() -> errors.lines().forEach(ignored -> { }));
            // the message comes a moment before packets are really captured, so repeat (as keepalived does)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                sender.announce(VIP);
            } while (!tshark.waitFor(200, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
            assertTrue(tshark.waitFor(1, TimeUnit.SECONDS), "tshark ended");
            String decoded = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String mac = sender.hardwareAddress().toString();
            assertEquals(String.join("\t", "1", mac, "192.0.2.100", "ff:ff:ff:ff:ff:ff", "192.0.2.100",
                    "ff:ff:ff:ff:ff:ff"), decoded);
        } finally {
            tshark.destroy();
            tshark.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void unknownInterfaceIsAClearError() throws Exception {
        NativeException e = assertThrows(NativeException.class,
                () -> lab.namespaceA().call(() -> GratuitousArp.open("eth0")));
        assertEquals(LibC.ENODEV, e.errno());
        assertEquals("look up interface eth0: No such device (errno 19)", e.getMessage());
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

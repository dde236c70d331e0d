package org.vrrpstudio.vrrp.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vrrpstudio.vrrp.engine.PacketSender;

/**
 * LAN segments between simulated directors. A packet sent on an interface reaches every other interface
 * on the same segment after the delivery policy's delay(s) (none = dropped, two = duplicated), unless the
 * sender's or receiver's link is down or the segment itself is cut. A unicast packet (keepalived's
 * {@code unicast_peer}) reaches only the endpoint that holds its destination address (see {@link #assign}),
 * as a switch that has learnt the MAC addresses would do; nobody holding it means the packet is lost.
 */
public final class SimulatedNetwork {
    /** One director's interface. */
    public record Endpoint(String node, String interfaceName) {
    }

    /** One packet on its way from one endpoint to another. */
    public record Transmission(String segment, Endpoint from, Endpoint to, byte[] packet, Instant sentAt) {
    }

    /** Decides what happens to each transmission: the list of delivery delays (empty = lost). */
    @FunctionalInterface
    public interface DeliveryPolicy {
        List<Duration> delays(Transmission transmission);

        static DeliveryPolicy fixedDelay(Duration delay) {
            List<Duration> once = List.of(delay);
            return t -> once;
        }
    }

    /** What the network calls on a director: packets and link changes of its interfaces. */
    public interface Port {
        void onPacket(String interfaceName, byte[] packet);

        void onLinkChange(String interfaceName, boolean up);
    }

    private final VirtualClock clock;
    private final Map<Endpoint, String> segmentOf = new HashMap<>();
    private final Map<String, List<Endpoint>> endpointsOf = new HashMap<>();
    private final Map<String, Port> ports = new HashMap<>();
    private final Set<Endpoint> linksDown = new HashSet<>();
    private final Map<InetAddress, Set<Endpoint>> holders = new HashMap<>();
    private final Set<String> segmentsCut = new HashSet<>();
    private DeliveryPolicy policy;
    private PcapWriter capture;
    private long sent;
    private long delivered;
    private long lost;

    public SimulatedNetwork(VirtualClock clock, Duration packetDelay) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = DeliveryPolicy.fixedDelay(packetDelay);
    }

    public void connect(String node, String interfaceName, String segment) {
        Endpoint endpoint = new Endpoint(node, interfaceName);
        if (segmentOf.putIfAbsent(endpoint, segment) != null) {
            throw new IllegalArgumentException(endpoint + " is already connected");
        }
        endpointsOf.computeIfAbsent(segment, s -> new ArrayList<>()).add(endpoint);
    }

    /** Says that {@code address} is an address of this endpoint: unicast packets to it are delivered there. */
    public void assign(String node, String interfaceName, InetAddress address) {
        holders.computeIfAbsent(address, a -> new HashSet<>()).add(new Endpoint(node, interfaceName));
    }

    /** Attaches (or replaces, after a restart) the director behind a node name. */
    public void attach(String node, Port port) {
        ports.put(node, Objects.requireNonNull(port, "port"));
    }

    public void detach(String node) {
        ports.remove(node);
    }

    public PacketSender senderFor(String node) {
        return (interfaceName, packet) -> transmit(new Endpoint(node, interfaceName), packet.clone());
    }

    public void setDeliveryPolicy(DeliveryPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Cable pulled / NIC down on one director: nothing in or out, and the director sees the link event. */
    public void setLinkUp(String node, String interfaceName, boolean up) {
        Endpoint endpoint = new Endpoint(node, interfaceName);
        boolean changed = up ? linksDown.remove(endpoint) : linksDown.add(endpoint);
        Port port = ports.get(node);
        if (changed && port != null) {
            port.onLinkChange(interfaceName, up);
        }
    }

    public boolean isLinkUp(String node, String interfaceName) {
        return !linksDown.contains(new Endpoint(node, interfaceName));
    }

    /** The segment stops forwarding (switch failure, multicast filtered) without any link event. */
    public void setSegmentUp(String segment, boolean up) {
        if (up) {
            segmentsCut.remove(segment);
        } else {
            segmentsCut.add(segment);
        }
    }

    /** Records every transmitted packet (once, at send time) into a pcap file. */
    public void capture(PcapWriter writer) {
        this.capture = writer;
    }

    public long sentPackets() {
        return sent;
    }

    public long deliveredPackets() {
        return delivered;
    }

    public long lostPackets() {
        return lost;
    }

    private void transmit(Endpoint from, byte[] packet) {
        String segment = segmentOf.get(from);
        if (segment == null || linksDown.contains(from)) {
            return; // nothing leaves an unplugged interface
        }
        sent++;
        if (capture != null) {
            try {
                capture.write(clock.now(), packet);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        InetAddress destination = destination(packet);
        boolean unicast = destination != null && !destination.isMulticastAddress();
        Set<Endpoint> addressed = unicast ? holders.getOrDefault(destination, Set.of()) : Set.of();
        if (unicast && endpointsOf.get(segment).stream().noneMatch(addressed::contains)) {
            lost++; // no one on the segment answers ARP for it
            return;
        }
        for (Endpoint to : endpointsOf.get(segment)) {
            if (to.equals(from) || unicast && !addressed.contains(to)) {
                continue;
            }
            List<Duration> delays = policy.delays(new Transmission(segment, from, to, packet, clock.now()));
            if (delays.isEmpty()) {
                lost++;
            }
            for (Duration delay : delays) {
                clock.schedule(delay, () -> deliver(segment, to, packet));
            }
        }
    }

    /** The IP destination address, or null when the bytes are too short to hold one. */
    private static InetAddress destination(byte[] packet) {
        if (packet.length < 1) {
            return null;
        }
        int version = (packet[0] & 0xff) >>> 4;
        int offset = version == 4 ? 16 : version == 6 ? 24 : -1;
        int length = version == 4 ? 4 : 16;
        if (offset < 0 || packet.length < offset + length) {
            return null;
        }
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(packet, offset, offset + length));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private void deliver(String segment, Endpoint to, byte[] packet) {
        Port port = ports.get(to.node());
        if (port == null || segmentsCut.contains(segment) || linksDown.contains(to)) {
            lost++;
            return;
        }
        delivered++;
        port.onPacket(to.interfaceName(), packet.clone());
    }
}

package org.vrrpstudio.vrrp.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.engine.EngineIo;
import org.vrrpstudio.vrrp.engine.EventListener;
import org.vrrpstudio.vrrp.engine.Scheduler;
import org.vrrpstudio.vrrp.engine.VrrpNode;

/**
 * Directors running the real engine on a {@link SimulatedNetwork} in {@link VirtualClock} time, with the
 * failures a what-if scenario needs: pull a cable, cut a segment, crash a director, stop it cleanly,
 * restart it.
 */
public final class SimulatedCluster {
    /** A director in the simulation; its scheduler view dies with it when it crashes. */
    private static final class Director {
        final NodeConfig config;
        final Map<String, String> segments;
        final SimulatedAddresses addresses = new SimulatedAddresses();
        NodeScheduler scheduler;
        VrrpNode node;

        Director(NodeConfig config, Map<String, String> segments) {
            this.config = config;
            this.segments = segments;
        }
    }

    /** Timers of one director incarnation; a crash stops them all at once. */
    private static final class NodeScheduler implements Scheduler {
        private final VirtualClock clock;
        private boolean dead;

        NodeScheduler(VirtualClock clock) {
            this.clock = clock;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return clock.schedule(delay, () -> {
                if (!dead) {
                    task.run();
                }
            });
        }
    }

    private final VirtualClock clock;
    private final SimulatedNetwork network;
    private final Timeline timeline;
    private final List<EventListener> extraListeners = new ArrayList<>();
    private final Map<String, Director> directors = new LinkedHashMap<>();

    public SimulatedCluster(Duration packetDelay) {
        this.clock = new VirtualClock();
        this.network = new SimulatedNetwork(clock, packetDelay);
        this.timeline = new Timeline(clock.origin());
    }

    /** Adds a director; {@code segmentByInterface} says which LAN each of its interfaces is plugged into. */
    public VrrpNode addDirector(NodeConfig config, Map<String, String> segmentByInterface) {
        if (directors.containsKey(config.name())) {
            throw new IllegalArgumentException("director " + config.name() + " already added");
        }
        Director director = new Director(config, Map.copyOf(segmentByInterface));
        segmentByInterface.forEach((iface, segment) -> network.connect(config.name(), iface, segment));
        // unicast adverts are delivered by address: the interfaces' own and the instances' source addresses
        config.interfaces().forEach(i -> {
            i.primaryIpv4().ifPresent(a -> network.assign(config.name(), i.name(), a));
            i.linkLocalIpv6().ifPresent(a -> network.assign(config.name(), i.name(), a));
        });
        config.instances().forEach(i -> i.sourceAddress().ifPresent(a -> network.assign(config.name(), i.interfaceName(), a)));
        directors.put(config.name(), director);
        incarnate(director);
        return director.node;
    }

    public void addListener(EventListener listener) {
        extraListeners.add(Objects.requireNonNull(listener, "listener"));
        directors.values().forEach(d -> d.node.addListener(listener));
    }

    public void startAll() {
        directors.values().forEach(d -> d.node.start());
    }

    public void runFor(Duration duration) {
        clock.runFor(duration);
    }

    public void runUntil(Duration offsetFromOrigin) {
        clock.runUntilOffset(offsetFromOrigin);
    }

    public VirtualClock clock() {
        return clock;
    }

    public SimulatedNetwork network() {
        return network;
    }

    public Timeline timeline() {
        return timeline;
    }

    public VrrpNode node(String name) {
        return director(name).node;
    }

    public List<VrrpNode> nodes() {
        return directors.values().stream().map(d -> d.node).toList();
    }

    public SimulatedAddresses addresses(String name) {
        return director(name).addresses;
    }

    public void setLinkUp(String node, String interfaceName, boolean up) {
        network.setLinkUp(node, interfaceName, up);
    }

    /** The director dies without a word: no priority 0, its timers stop, it receives nothing. */
    public void crash(String name) {
        Director director = director(name);
        director.scheduler.dead = true;
        director.addresses.removeAll();
        network.detach(name);
    }

    /** Clean stop: masters send priority 0 and release their addresses. */
    public void stop(String name) {
        Director director = director(name);
        director.node.shutdown();
        director.scheduler.dead = true;
        network.detach(name);
    }

    /** A fresh engine for the same director (sequence numbers start again), started at once. */
    public VrrpNode restart(String name) {
        Director director = director(name);
        director.scheduler.dead = true;
        incarnate(director);
        director.node.start();
        return director.node;
    }

    public String distribution() {
        return Timeline.distribution(nodes());
    }

    private void incarnate(Director director) {
        director.scheduler = new NodeScheduler(clock);
        director.addresses.removeAll();
        VrrpNode node = new VrrpNode(director.config, new EngineIo(clock, director.scheduler,
                network.senderFor(director.config.name()), director.addresses));
        node.addListener(timeline);
        extraListeners.forEach(node::addListener);
        director.node = node;
        director.segments.keySet().forEach(iface -> {
            if (!network.isLinkUp(director.config.name(), iface)) {
                node.onLinkChange(iface, false);
            }
        });
        network.attach(director.config.name(), new SimulatedNetwork.Port() {
            @Override
            public void onPacket(String interfaceName, byte[] packet) {
                node.onPacket(interfaceName, packet);
            }

            @Override
            public void onLinkChange(String interfaceName, boolean up) {
                node.onLinkChange(interfaceName, up);
            }
        });
    }

    private Director director(String name) {
        Director director = directors.get(name);
        if (director == null) {
            throw new IllegalArgumentException("no director " + name);
        }
        return director;
    }
}

package org.vrrpstudio.simulation;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.InterfaceAddresses;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.sim.SimulatedCluster;
import org.vrrpstudio.vrrp.sim.Timeline;

/**
 * Runs directors on the engine's simulated network (the same engine code the agent runs) through a scenario of
 * failures, deterministically in virtual time: the console's what-if view and {@code vrrpstudio simulate}.
 */
public final class WhatIfSimulation {

    /** One-way delay of the simulated LAN. */
    public static final Duration PACKET_DELAY = Duration.ofMillis(1);

    private final List<BoundDirector> directors = new ArrayList<>();
    private final List<ScenarioEvent> events = new ArrayList<>();

    /** Every director of the cluster, each with made-up interface addresses (see {@link #syntheticAddresses}). */
    public static WhatIfSimulation of(Cluster cluster) throws BindingException {
        WhatIfSimulation simulation = new WhatIfSimulation();
        List<Director> directors = cluster.getDirectors();
        for (int i = 0; i < directors.size(); i++) {
            simulation.add(DirectorBinding.bind(cluster, directors.get(i).getName(), syntheticAddresses(i)));
        }
        return simulation;
    }

    /**
     * Addresses for the {@code index}-th director: 198.18.0.0/15 is set aside for benchmarks, so these never clash
     * with a VIP; the link-local IPv6 ones (for IPv6 instances) follow the same pattern. A later director gets a higher
     * address, which only matters when priorities tie.
     */
    public static InterfaceAddresses syntheticAddresses(int index) {
        Map<String, Integer> subnetByInterface = new HashMap<>();
        return new InterfaceAddresses() {
            @Override
            public Optional<Inet4Address> primaryIpv4(String name) {
                return Optional.of((Inet4Address) InetAddress.ofLiteral("198.18." + subnet(name) + "." + (index + 1)));
            }

            @Override
            public Optional<Inet6Address> linkLocalIpv6(String name) {
                return Optional.of((Inet6Address) InetAddress.ofLiteral("fe80::" + Integer.toHexString(subnet(name)) + ":"
                        + Integer.toHexString(index + 1)));
            }

            private int subnet(String name) {
                return subnetByInterface.computeIfAbsent(name, n -> Math.floorMod(n.hashCode(), 250));
            }
        };
    }

    public WhatIfSimulation add(BoundDirector director) {
        directors.add(director);
        return this;
    }

    public WhatIfSimulation add(ScenarioEvent event) {
        events.add(event);
        return this;
    }

    /** Runs from start-up to {@code until} (simulated time) and reports. Unknown directors/interfaces throw. */
    public SimulationReport run(Duration until) {
        SimulatedCluster cluster = new SimulatedCluster(PACKET_DELAY);
        for (BoundDirector director : directors) {
            cluster.addDirector(director.node(), director.segmentByInterface());
        }
        List<ScenarioEvent> ordered = events.stream().sorted(Comparator.comparing(ScenarioEvent::at)).toList();
        ordered.forEach(this::checkNames);
        Timeline timeline = cluster.timeline();
        List<Line> lines = new ArrayList<>();
        cluster.startAll();
        for (ScenarioEvent event : ordered) {
            cluster.runUntil(event.at());
            apply(cluster, event);
            lines.add(new Line(seconds(event.at()), 0, String.format("t=%.3f %s", seconds(event.at()), event.describe())));
        }
        cluster.runUntil(until);
        for (StateTransition t : timeline.transitions()) {
            lines.add(new Line(timeline.secondsOf(t), 1, timeline.format(t)));
        }
        lines.sort(Comparator.comparingDouble(Line::seconds).thenComparingInt(Line::rank)); // stable: engine order kept
        Map<String, List<String>> masters = new LinkedHashMap<>();
        cluster.nodes().forEach(node -> masters.put(node.name(), node.masterInstances()));
        return new SimulationReport(lines.stream().map(Line::text).toList(), timeline.transitions(), masters,
                splitBrain(masters), Timeline.distribution(cluster.nodes()));
    }

    /** A timeline line; at equal times the scenario's event (rank 0) comes before the transitions it causes. */
    private record Line(double seconds, int rank, String text) {
    }

    private void checkNames(ScenarioEvent event) {
        BoundDirector director = directors.stream().filter(d -> d.node().name().equals(event.director())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no director '" + event.director() + "' in the simulation"));
        if (event instanceof ScenarioEvent.Link link && !director.segmentByInterface().containsKey(link.interfaceName())) {
            throw new IllegalArgumentException("director " + event.director() + " has no interface '" + link.interfaceName()
                    + "' (it has " + String.join(", ", director.segmentByInterface().keySet()) + ")");
        }
    }

    private static void apply(SimulatedCluster cluster, ScenarioEvent event) {
        switch (event) {
            case ScenarioEvent.Link l -> cluster.setLinkUp(l.director(), l.interfaceName(), l.up());
            case ScenarioEvent.Stop s -> cluster.stop(s.director());
            case ScenarioEvent.Crash c -> cluster.crash(c.director());
            case ScenarioEvent.Restart r -> cluster.restart(r.director());
            case ScenarioEvent.FileValue f -> cluster.node(f.director()).onFileValue(f.name(), f.value());
        }
    }

    /** Instances that more than one director holds as MASTER at the end. */
    private static List<String> splitBrain(Map<String, List<String>> masters) {
        Map<String, Integer> holders = new TreeMap<>();
        masters.values().forEach(list -> list.forEach(instance -> holders.merge(instance, 1, Integer::sum)));
        return holders.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}

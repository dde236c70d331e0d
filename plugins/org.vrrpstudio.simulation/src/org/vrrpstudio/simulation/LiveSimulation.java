package org.vrrpstudio.simulation;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.live.DirectorProbe;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.InstanceLive;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.live.LiveMonitor;
import org.vrrpstudio.live.Snapshots;
import org.vrrpstudio.live.Transition;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.engine.EventListener;
import org.vrrpstudio.vrrp.engine.InstanceStatus;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.sim.SimulatedCluster;

/**
 * The cluster running in real time on simulated directors: the engine on its simulated network, its virtual clock
 * kept up with the wall clock, read through the live view's {@link DirectorProbe} interface exactly like real
 * directors (the console's embedded demo, the live view's benchmark). Every error message says "simulated". Actions:
 * a link down or up, a clean stop, a crash, a restart, a track file's new number (drain and move try out on it).
 * Thread-safe: the engine runs under this object's lock.
 */
public final class LiveSimulation {

    private final SimulatedCluster cluster = new SimulatedCluster(WhatIfSimulation.PACKET_DELAY);
    private final Clock wall;
    private final Instant start;
    private final Map<String, List<Transition>> pending = new HashMap<>();
    private final Map<String, String> down = new HashMap<>();
    private final Map<String, Map<String, Integer>> configured = new HashMap<>();
    /** When each director's instances last changed state (wall clock), for the grid's "last transition". */
    private final Map<String, Map<String, Instant>> lastTransition = new HashMap<>();
    /** The number in each director's track files (by track_file name) as last written, and when (wall clock). */
    private final Map<String, Map<String, Long>> files = new HashMap<>();
    private final Map<String, Map<String, Instant>> filesWritten = new HashMap<>();

    private LiveSimulation(Clock wall) {
        this.wall = wall;
        this.start = wall.instant();
    }

    /** Every director of the cluster, started now. */
    public static LiveSimulation of(Cluster model, Clock wall) throws BindingException {
        LiveSimulation simulation = new LiveSimulation(wall);
        List<Director> directors = model.getDirectors();
        for (int i = 0; i < directors.size(); i++) {
            BoundDirector bound = DirectorBinding.bind(model, directors.get(i).getName(), WhatIfSimulation.syntheticAddresses(i));
            simulation.cluster.addDirector(bound.node(), bound.segmentByInterface());
            Map<String, Integer> priorities = new HashMap<>();
            for (InstanceConfig instance : bound.node().instances()) {
                priorities.put(instance.name(), instance.priority());
            }
            simulation.configured.put(bound.node().name(), priorities);
            simulation.pending.put(bound.node().name(), new ArrayList<>());
        }
        simulation.cluster.addListener(new EventListener() {
            @Override
            public void onTransition(StateTransition t) {
                List<Transition> list = simulation.pending.get(t.node());
                if (list != null) {
                    Instant time = simulation.wallTime(t.time());
                    list.add(new Transition(time, t.node(), t.instance(), t.from().name(), t.to().name(),
                            t.reason().text() + (t.detail().isEmpty() ? "" : ": " + t.detail()), t.priority()));
                    simulation.lastTransition.computeIfAbsent(t.node(), d -> new HashMap<>()).put(t.instance(), time);
                }
            }
        });
        simulation.cluster.startAll();
        return simulation;
    }

    /** One probe per director, for a {@link LiveMonitor}. */
    public LiveMonitor.Watched watched(String label, Intended intended) {
        List<DirectorProbe> probes = new ArrayList<>();
        for (var node : cluster.nodes()) {
            probes.add(new Probe(node.name()));
        }
        return new LiveMonitor.Watched(label, intended, probes);
    }

    public synchronized void setLinkUp(String director, String interfaceName, boolean up) {
        advance();
        cluster.setLinkUp(director, interfaceName, up);
    }

    /** A clean stop: masters send priority 0 and release their addresses; the daemon then does not answer. */
    public synchronized void stop(String director) {
        advance();
        cluster.stop(director);
        down.put(director, "stopped");
    }

    /** The director dies without a word. */
    public synchronized void crash(String director) {
        advance();
        cluster.crash(director);
        down.put(director, "crashed");
    }

    public synchronized void restart(String director) {
        advance();
        var node = cluster.restart(director);
        down.remove(director);
        // the files outlive the daemon: a restarted one reads them again (keepalived and the agent do at start)
        files.getOrDefault(director, Map.of()).forEach(node::onFileValue);
    }

    /**
     * Writes {@code value} into the director's track file {@code trackName} (the track_file block's name), as a
     * {@link ScenarioEvent.FileValue} does in the what-if simulation; it outlives a stop, a crash and a restart.
     */
    public synchronized void setFileValue(String director, String trackName, long value) {
        advance();
        if (!configured.containsKey(director)) {
            throw new IllegalArgumentException("simulated: no director '" + director + "'");
        }
        files.computeIfAbsent(director, d -> new HashMap<>()).put(trackName, value);
        filesWritten.computeIfAbsent(director, d -> new HashMap<>()).put(trackName, wall.instant());
        if (!down.containsKey(director)) {
            cluster.node(director).onFileValue(trackName, value);
        }
    }

    /** The director's track files as written so far (track_file name to number; unwritten ones hold their init value). */
    public synchronized Map<String, Long> fileValues(String director) {
        return Map.copyOf(files.getOrDefault(director, Map.of()));
    }

    /** When the director's track file was last written (wall clock), if it was. */
    public synchronized Optional<Instant> fileWritten(String director, String trackName) {
        return Optional.ofNullable(filesWritten.getOrDefault(director, Map.of()).get(trackName));
    }

    /** Runs the engine up to the wall clock's now. */
    private void advance() {
        Duration elapsed = Duration.between(start, wall.instant());
        if (elapsed.compareTo(cluster.clock().elapsed()) > 0) {
            cluster.runUntil(elapsed);
        }
    }

    private Instant wallTime(Instant virtual) {
        return start.plus(Duration.between(cluster.clock().origin(), virtual));
    }

    private synchronized DirectorSnapshot read(String director, Intended intended) {
        advance();
        Instant now = wall.instant();
        if (down.containsKey(director)) {
            return DirectorSnapshot.unreachable(director, now, "simulated: the daemon on " + director + " is " + down.get(director)
                    + " (not running)");
        }
        var node = cluster.node(director);
        Map<String, Instant> last = lastTransition.getOrDefault(director, Map.of());
        List<InstanceLive> instances = new ArrayList<>();
        for (InstanceStatus s : node.status()) {
            instances.add(new InstanceLive(s.name(), s.vrid(), s.state().name(), s.effectivePriority(),
                    configured.get(director).getOrDefault(s.name(), -1), List.of(), last.get(s.name()), ""));
        }
        Set<String> held = new HashSet<>();
        for (var iface : node.config().interfaces()) {
            for (InetAddress address : cluster.addresses(director).held(iface.name())) {
                held.add(address.getHostAddress());
            }
        }
        Map<String, Instant> given = new java.util.LinkedHashMap<>(); // what the maintenance files give away, as a probe reads them
        files.getOrDefault(director, Map.of()).forEach((track, value) -> {
            if (value != 0 && track.startsWith(Maintenance.TRACK_PREFIX)) {
                given.put(track.substring(Maintenance.TRACK_PREFIX.length()), filesWritten.get(director).get(track));
            }
        });
        return Snapshots.of(director, now, instances, held, intended, 0).withMaintenance(given);
    }

    private synchronized List<Transition> drain(String director) {
        List<Transition> out = List.copyOf(pending.get(director));
        pending.get(director).clear();
        return out;
    }

    private final class Probe implements DirectorProbe {
        private final String director;

        Probe(String director) {
            this.director = director;
        }

        @Override
        public String director() {
            return director;
        }

        @Override
        public DirectorSnapshot refresh(Intended intended) {
            return read(director, intended);
        }

        @Override
        public List<Transition> drainTransitions() {
            return drain(director);
        }

        @Override
        public void close() {
            // nothing held: the simulation lives as long as its owner keeps it
        }
    }
}

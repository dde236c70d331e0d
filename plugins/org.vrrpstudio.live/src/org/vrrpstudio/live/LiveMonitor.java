package org.vrrpstudio.live;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Refreshes every director of one or more clusters at once (one virtual thread per director, so a slow or dead
 * director delays nobody else) and turns the snapshots into {@link LiveView}s. Keeps the previous refresh for
 * counters that rise. The same code path serves the CLI, the console, the simulated demo and the benchmark.
 */
public final class LiveMonitor implements AutoCloseable {

    /** One cluster to watch: its name as shown ("" for a single cluster), its intent and one probe per director. */
    public record Watched(String name, Intended intended, List<DirectorProbe> probes) {
        public Watched {
            probes = List.copyOf(probes);
        }
    }

    /** One refresh: a view per cluster and the transitions seen since the last one (director names as in the views). */
    public record Refresh(List<LiveView> views, List<Transition> transitions) {
    }

    private final List<Watched> clusters;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Map<String, DirectorSnapshot>> previous = new HashMap<>();

    public LiveMonitor(List<Watched> clusters, Clock clock) {
        this.clusters = List.copyOf(clusters);
        this.clock = clock;
    }

    public List<Watched> clusters() {
        return clusters;
    }

    /**
     * Tells {@code listener} about each pushed transition as it arrives (director named {@code CLUSTER/NAME} with
     * several clusters), on the probes' threads.
     */
    public void onTransition(java.util.function.Consumer<Transition> listener) {
        for (Watched cluster : clusters) {
            String prefix = cluster.name().isEmpty() ? "" : cluster.name() + "/";
            cluster.probes().forEach(p -> p.onTransition(t -> listener.accept(prefix.isEmpty() ? t : t.withDirector(prefix + t.director()))));
        }
    }

    public synchronized Refresh refresh() {
        List<List<Future<DirectorSnapshot>>> pending = new ArrayList<>();
        for (Watched cluster : clusters) {
            List<Future<DirectorSnapshot>> futures = new ArrayList<>();
            for (DirectorProbe probe : cluster.probes()) {
                futures.add(executor.submit(() -> probe.refresh(cluster.intended())));
            }
            pending.add(futures);
        }
        List<LiveView> views = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            Watched cluster = clusters.get(c);
            Map<String, DirectorSnapshot> now = new LinkedHashMap<>();
            for (int p = 0; p < cluster.probes().size(); p++) {
                DirectorProbe probe = cluster.probes().get(p);
                now.put(probe.director(), result(pending.get(c).get(p), probe));
                String prefix = cluster.name().isEmpty() ? "" : cluster.name() + "/";
                probe.drainTransitions().forEach(t -> transitions.add(prefix.isEmpty() ? t : t.withDirector(prefix + t.director())));
            }
            views.add(LiveView.of(cluster.name(), cluster.intended(), now,
                    previous.getOrDefault(cluster.name(), Map.of()), clock.instant()));
            previous.put(cluster.name(), now);
        }
        transitions.sort(java.util.Comparator.comparing(Transition::time));
        return new Refresh(views, transitions);
    }

    private DirectorSnapshot result(Future<DirectorSnapshot> future, DirectorProbe probe) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            // a probe must not throw; if one does anyway, that director is unknown, the others are not
            return DirectorSnapshot.unreachable(probe.director(), clock.instant(), "internal error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DirectorSnapshot.unreachable(probe.director(), clock.instant(), "interrupted");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        clusters.forEach(c -> c.probes().forEach(DirectorProbe::close));
    }
}

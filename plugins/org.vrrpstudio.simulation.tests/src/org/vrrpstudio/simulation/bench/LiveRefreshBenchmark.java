package org.vrrpstudio.simulation.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.deploy.live.ClusterIntent;
import org.vrrpstudio.live.LiveJson;
import org.vrrpstudio.live.LiveMonitor;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.simulation.LiveSimulation;

/**
 * The live view's refresh for 100 directors x 4 instances (50 seed pairs on simulated directors in real time) through
 * the same LiveMonitor, findings and JSON document the CLI and console use. Prints figures; no pass/fail on time.
 * Run from plugins/org.vrrpstudio.simulation.tests (it reads data/seed-director1.conf).
 */
public final class LiveRefreshBenchmark {

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<LiveMonitor.Watched> watched = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Cluster seed = new ClusterImporter().importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")),
                    "lvs1", "lvs2").cluster().orElseThrow();
            watched.add(LiveSimulation.of(seed, Clock.systemUTC()).watched("c" + i, ClusterIntent.of(seed)));
        }
        try (LiveMonitor monitor = new LiveMonitor(watched, Clock.systemUTC())) {
            monitor.refresh(); // the first refresh loads the classes
            Thread.sleep(6000); // the seed pairs settle (Master_Down_Interval, sync groups): the steady state is measured
            long[] nanos = new long[rounds];
            int findings = 0;
            int bytes = 0;
            for (int r = 0; r < rounds; r++) {
                Thread.sleep(100);
                long t0 = System.nanoTime();
                LiveMonitor.Refresh refresh = monitor.refresh();
                String json = LiveJson.document(refresh.views(), false);
                nanos[r] = System.nanoTime() - t0;
                findings = refresh.views().stream().mapToInt(v -> v.findings().size()).sum();
                bytes = json.length();
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            System.out.printf("live refresh: %d directors x 4 instances, %d rounds: median %.1f ms, max %.1f ms (first %.1f ms);"
                    + " %d findings, JSON %d bytes%n", pairs * 2, rounds, sorted[rounds / 2] / 1e6, sorted[rounds - 1] / 1e6,
                    nanos[0] / 1e6, findings, bytes);
        }
    }
}

package org.vrrpstudio.ui.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.ModelFactory;
import org.vrrpstudio.model.ModelPackage.Literals;
import org.vrrpstudio.ui.logic.ClusterCommands;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.InstancePairPlanner;
import org.vrrpstudio.ui.logic.InstancePairRequest;
import org.vrrpstudio.ui.logic.LineDiff;
import org.vrrpstudio.ui.logic.whatif.Failure;
import org.vrrpstudio.ui.logic.whatif.WhatIf;
import org.vrrpstudio.ui.logic.whatif.WhatIfOutcome;
import org.vrrpstudio.ui.logic.ClusterBundleServices;

/**
 * Prints the console's figures: validation latency after an edit on a 200-instance cluster (target ≤ 100 ms,
 * including the regeneration and diff of both director files the view shows), and, when run inside the
 * workbench, cold start to usable window (target ≤ 3 s). Runs without a display too (then the start-up figure
 * is skipped), and the what-if simulation the Distribution view runs. Also a main class: {@code java ... ConsoleBenchmark}.
 */
@Tag("benchmark")
public class ConsoleBenchmark {

    public static void main(String[] args) {
        new ConsoleBenchmark().validationLatencyOn200Instances();
    }

    static ClusterDocument cluster(int instances) {
        ModelFactory factory = ModelFactory.eINSTANCE;
        Cluster cluster = factory.createCluster();
        for (String name : List.of("lvs1", "lvs2")) {
            Director director = factory.createDirector();
            director.setName(name);
            cluster.getDirectors().add(director);
        }
        ClusterDocument document = new ClusterDocument(cluster, new ClusterBundleServices());
        InstancePairPlanner planner = new InstancePairPlanner();
        for (int i = 0; i < instances; i++) {
            Director master = cluster.getDirectors().get(i % 2);
            InstancePairRequest request = new InstancePairRequest("VI_" + (i + 1), i % 255 + 1, "eth" + i / 255,
                    master, 150, 100, BigDecimal.ONE, AuthType.AH, "pw" + i,
                    List.of("10." + i / 250 + "." + i % 250 + ".10", "10." + i / 250 + "." + i % 250 + ".11"));
            document.execute(new ClusterCommands(document).addInstancePair(planner.plan(cluster, request)));
        }
        return document;
    }

    @Test
    void validationLatencyOn200Instances() {
        ClusterDocument document = cluster(200);
        // AH gives each instance the validator's deprecation warning; nothing may be an error
        assertTrue(document.problems().stream().noneMatch(p -> p.severity() == Severity.ERROR), document.problems().toString());
        Director lvs2 = document.cluster().getDirectors().get(1);
        long[] millis = new long[60];
        for (int round = 0; round < millis.length; round++) {
            DirectorInstance settings = lvs2.getInstanceSettings().get(round % 200);
            long start = System.nanoTime();
            document.set(settings, Literals.DIRECTOR_INSTANCE__PRIORITY, 101 + round % 50);
            // what the console does after an edit besides the check: both files and their diff
            LineDiff.compare(document.directorConfig(document.cluster().getDirectors().get(0), true),
                    document.directorConfig(lvs2, true));
            millis[round] = (System.nanoTime() - start) / 1_000;
        }
        long[] warm = Arrays.copyOfRange(millis, 10, millis.length);
        Arrays.sort(warm);
        long median = warm[warm.length / 2];
        long worst = warm[warm.length - 1];
        System.out.printf("BENCHMARK edit→check+derive+diff on 200 instances: median %.1f ms, max %.1f ms"
                + " (check alone %.1f ms; target ≤ 100 ms)%n", median / 1000.0, worst / 1000.0,
                document.lastCheckNanos() / 1e6);
        assertTrue(median < 100_000, "median latency " + median + " µs");
        String usable = System.getProperty("vrrpstudio.console.usableAtMillis");
        if (usable != null) {
            System.out.printf("BENCHMARK console cold start to usable window: %s ms of JVM uptime (target ≤ 3000 ms)%n", usable);
        }
    }

    @Test
    void whatIfOn200Instances() throws Exception {
        ClusterDocument document = cluster(200);
        var crash = Optional.<Failure>of(new Failure.Crash("lvs1"));
        long[] millis = new long[5];
        WhatIfOutcome outcome = null;
        for (int round = 0; round < millis.length; round++) {
            long start = System.nanoTime();
            outcome = WhatIf.run(document.cluster(), crash);
            millis[round] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("BENCHMARK what-if (settle 10 s + crash + 15 s simulated) on 200 instances: median %d ms, max %d ms%n",
                millis[millis.length / 2], millis[millis.length - 1]);
        // every instance ends on the surviving director
        assertTrue(outcome.after().stream().allMatch(s -> s.masters().equals(List.of("lvs2"))), outcome.after().toString());
    }
}

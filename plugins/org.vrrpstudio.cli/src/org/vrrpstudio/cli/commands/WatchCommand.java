package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.FleetDeployment;
import org.vrrpstudio.deploy.live.ClusterWatch;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Finding;
import org.vrrpstudio.live.InstanceLive;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.live.LiveJson;
import org.vrrpstudio.live.LiveMonitor;
import org.vrrpstudio.live.LiveView;
import org.vrrpstudio.live.MaintenanceMarks;
import org.vrrpstudio.live.Transition;
import org.vrrpstudio.model.Cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code watch CLUSTER...}: the live state of the clusters' directors over SSH (one connection per director, kept
 * open), compared with the model. {@code --once}: one snapshot, exit 0 when healthy and 1 when a warning or error
 * finding stands. Otherwise a refreshing table plus every transition as it arrives, until interrupted.
 */
@Command(name = "watch", description = {"Watch who is MASTER on the real directors, with findings (split brain, no master,"
        + " VIPs misplaced, failover, priority lowered, auth errors, drift, unreachable).",
        "--once: one snapshot; exit 0 healthy, 1 any warning or error finding, 2 wrong usage."})
public final class WatchCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CLUSTER", description = "cluster files (.vrrpcluster)")
    List<Path> clusterFiles;

    @Option(names = "--once", description = "one snapshot, then exit (0 healthy, 1 findings)")
    boolean once;

    @Option(names = "--json", description = "one JSON document per snapshot (see README)")
    boolean json;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "1", description = "seconds between refreshes (default: ${DEFAULT-VALUE})")
    double interval;

    @Option(names = "--accept-new-host-key", description = "trust a director's host key on first contact (a changed key is always refused)")
    boolean acceptNewHostKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file VRRP Studio manages (default: ~/.vrrpstudio/known_hosts)")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".vrrpstudio", "known_hosts");

    @Override
    public Integer call() throws InterruptedException {
        if (!(interval >= 0.1 && interval <= 3600)) {
            throw CommandFailure.usage("--interval must be between 0.1 and 3600 seconds, got " + interval);
        }
        List<Cluster> clusters = new ArrayList<>();
        for (Path file : clusterFiles) {
            clusters.add(ClusterFiles.load(InputFiles.readable(file)));
        }
        List<String> labels = clusters.size() == 1 ? List.of("") : FleetDeployment.labels(clusterFiles);
        DeployOptions options = DeployOptions.DEFAULTS.withAcceptNewHostKey(acceptNewHostKey);
        PromptingPassphrases passphrases = new PromptingPassphrases(); // asked once per key, before the first refresh
        List<LiveMonitor.Watched> watched = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            try {
                watched.add(ClusterWatch.of(clusters.get(i), labels.get(i), knownHosts, options, passphrases,
                        Clock.systemUTC()));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(clusterFiles.get(i) + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LiveMonitor monitor = new LiveMonitor(watched, Clock.systemUTC())) {
            if (once) {
                LiveMonitor.Refresh refresh = monitor.refresh();
                print(out, refresh, true);
                return refresh.views().stream().allMatch(LiveView::healthy) ? 0 : 1;
            }
            Duration pause = Duration.ofMillis(Math.round(interval * 1000));
            if (!json) {
                // pushed transitions (the agent's event stream) are printed the moment they arrive, not at the refresh
                monitor.onTransition(t -> {
                    if (printed.add(key(t))) {
                        synchronized (out) {
                            out.println(line(t));
                            out.flush();
                        }
                    }
                });
            }
            while (!Thread.currentThread().isInterrupted()) {
                long start = System.nanoTime();
                print(out, monitor.refresh(), false);
                long left = pause.toNanos() - (System.nanoTime() - start);
                if (left > 0) {
                    Thread.sleep(Duration.ofNanos(left));
                }
            }
            return 0;
        }
    }

    /** Transitions already printed (pushed ones come again at the refresh). */
    private final java.util.Set<String> printed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static String key(Transition t) {
        return t.time() + " " + t.director() + " " + t.instance() + " " + t.to();
    }

    /** "19:10:01.250  d1  VI_1  MASTER -> FAULT  (INTERFACE_DOWN: eth0)" */
    private static String line(Transition t) {
        return CLOCK.format(t.time()) + "  " + t.director() + "  " + t.instance() + "  " + (t.from().isEmpty() ? "?" : t.from())
                + " -> " + t.to() + (t.reason().isEmpty() ? "" : "  (" + t.reason() + ")");
    }

    private void print(PrintWriter out, LiveMonitor.Refresh refresh, boolean oneShot) {
        synchronized (out) {
            if (json) {
                out.println(LiveJson.document(refresh.views(), oneShot));
            } else {
                for (Transition t : refresh.transitions()) {
                    if (printed.add(key(t))) {
                        out.println(line(t));
                    }
                }
                refresh.views().forEach(view -> table(out, view));
            }
            out.flush();
        }
    }

    /** The grid instances x directors, the directors' status lines and the findings. */
    static void table(PrintWriter out, LiveView view) {
        Intended intended = view.intended();
        out.println((view.name().isEmpty() ? "" : view.name() + "  ") + CLOCK.format(view.time()) + "  "
                + (view.healthy() ? "healthy" : view.findings().size() + " finding" + (view.findings().size() == 1 ? "" : "s")));
        StringBuilder header = new StringBuilder(String.format("%-12s %4s  %-10s", "INSTANCE", "VRID", "INTENDED"));
        intended.directors().forEach(d -> header.append(String.format("  %-30s", d)));
        out.println(header.toString().stripTrailing());
        for (Intended.Instance instance : intended.instances()) {
            StringBuilder row = new StringBuilder(String.format("%-12s %4d  %-10s", instance.name(), instance.vrid(),
                    instance.intendedMaster() == null ? "-" : instance.intendedMaster()));
            for (String director : intended.directors()) {
                DirectorSnapshot s = view.snapshots().get(director);
                InstanceLive live = s == null ? null : s.instances().get(instance.name());
                String cell = live == null ? "UNKNOWN" : live.state() + " " + live.priority()
                        + (live.configuredPriority() >= 0 && live.configuredPriority() != live.priority() ? "/" + live.configuredPriority() : "")
                        + (live.vips().isEmpty() ? "" : " " + String.join(",", live.vips()));
                row.append(String.format("  %-30s", cell));
            }
            out.println(row.toString().stripTrailing());
        }
        for (String director : intended.directors()) {
            DirectorSnapshot s = view.snapshots().get(director);
            out.println("  " + director + ": " + (s == null ? "not read yet" : s.reachable()
                    ? "connected, updated " + CLOCK.format(s.updated()) + ", MASTER of " + s.masterCount()
                            + MaintenanceMarks.director(intended, s, view.time(), CLOCK.getZone()).map(m -> ", " + m).orElse("")
                    : "unreachable: " + s.error()));
        }
        for (Finding finding : view.findings()) {
            out.println("  " + finding);
        }
        out.println();
    }
}

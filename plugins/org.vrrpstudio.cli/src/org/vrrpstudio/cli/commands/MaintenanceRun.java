package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.maintenance.MaintenanceRunner;
import org.vrrpstudio.deploy.maintenance.SshMaintenanceDirectors;
import org.vrrpstudio.live.MaintenanceMarks;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.simulation.MaintenanceAction;
import org.vrrpstudio.simulation.MaintenancePreflight;

/** What {@code drain} and {@code move} share: load, connect, run with progress lines, exit 0 confirmed / 1 not. */
final class MaintenanceRun {

    private MaintenanceRun() {
    }

    /** "d1: drained since 2026-12-04 21:45:01" or "d2: gives away VG2 since ...", from the files as they are now. */
    private static void status(PrintWriter out, Cluster cluster, SshMaintenanceDirectors directors) {
        try {
            MaintenancePreflight.State state = directors.files();
            state.unitsByDirector().forEach((director, units) -> {
                if (units.isEmpty()) {
                    return;
                }
                out.println(director + ": " + MaintenanceMarks.describe(MaintenancePreflight.drained(cluster, state, director), units,
                        state.since().get(director), Instant.now(), ZoneId.systemDefault()));
            });
        } catch (MaintenanceRunner.MaintenanceException e) {
            out.println("maintenance files not read: " + e.getMessage());
        }
    }

    static int run(PrintWriter out, Path clusterFile, MaintenanceAction action, Path knownHosts, boolean acceptNewHostKey)
            throws InterruptedException {
        Cluster cluster = ClusterFiles.load(InputFiles.readable(clusterFile));
        DeployOptions options = DeployOptions.DEFAULTS.withAcceptNewHostKey(acceptNewHostKey);
        SshMaintenanceDirectors directors;
        try {
            directors = new SshMaintenanceDirectors(cluster, knownHosts, options, new PromptingPassphrases());
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(clusterFile + ": " + e.getMessage());
        }
        try (directors) {
            MaintenanceRunner.Outcome outcome = new MaintenanceRunner().run(cluster, action, directors, line -> {
                out.println(line);
                out.flush();
            });
            if (outcome.plan() != null) {
                status(out, cluster, directors);
            }
            return outcome.exitCode();
        }
    }
}

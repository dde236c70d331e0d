package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterFileException;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.model.Cluster;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maintenance CLUSTER --enable|--disable}: the track files drain and move need, in the model (then deploy). */
@Command(name = "maintenance", description = {"Add (--enable) or remove (--disable) the maintenance track files that drain"
        + " and move use: one track_file per sync group (or lone instance) beside keepalived.conf, tracked with a weight that"
        + " crosses the peer's priority, and sync_group_tracking_weight. Saves the cluster file; deploy it afterwards.",
        "Without an option: says which units have it."})
public final class MaintenanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "cluster file (.vrrpcluster)")
    Path clusterFile;

    static final class Choice {
        @Option(names = "--enable", description = "add or update the maintenance tracks")
        boolean enable;

        @Option(names = "--disable", description = "remove them")
        boolean disable;
    }

    @ArgGroup(exclusive = true)
    Choice choice;

    @Override
    public Integer call() {
        Path file = InputFiles.readable(clusterFile);
        Cluster cluster = ClusterFiles.load(file);
        PrintWriter out = spec.commandLine().getOut();
        if (choice == null) {
            for (Maintenance.Unit unit : Maintenance.units(cluster)) {
                out.println(unit.describe() + ": " + (Maintenance.enabled(cluster, unit) ? "maintenance track " + unit.trackName()
                        : "no maintenance track"));
            }
            return 0;
        }
        List<String> changes = choice.enable ? Maintenance.enable(cluster) : Maintenance.disable(cluster);
        changes.forEach(out::println);
        if (!changes.isEmpty()) {
            try {
                ClusterStore.save(cluster, file, FileSecretStore.forClusterFile(file));
            } catch (ClusterFileException e) {
                throw CommandFailure.usage(e.diagnostic().format());
            } catch (java.io.IOException e) {
                throw CommandFailure.usage(file + ": cannot save: " + e.getMessage());
            }
            out.println(clusterFile + " saved; deploy it so the directors read the tracks");
        } else {
            out.println("nothing to change");
        }
        return 0;
    }
}

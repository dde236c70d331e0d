package org.vrrpstudio.cli.commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vrrpstudio.simulation.MaintenanceAction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drain CLUSTER --director NAME [--undo]}. */
@Command(name = "drain", description = {"Take a director out of service: every instance it is MASTER of moves to its peer,"
        + " it stays BACKUP; the maintenance files persist across restarts and reboots. --undo: back to the intended distribution.",
        "Checked before (model, live state, what-if simulation) and after (live state within 2 advert intervals + 1 s,"
                + " else undone). Exit 0 confirmed, 1 refused or undone, 2 wrong usage."})
public final class DrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "cluster file (.vrrpcluster)")
    Path clusterFile;

    @Option(names = "--director", required = true, paramLabel = "NAME", description = "the director to drain")
    String director;

    @Option(names = "--undo", description = "undrain: the director takes back what the model intends for it")
    boolean undo;

    @Option(names = "--accept-new-host-key", description = "trust a director's host key on first contact (a changed key is always refused)")
    boolean acceptNewHostKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file VRRP Studio manages (default: ~/.vrrpstudio/known_hosts)")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".vrrpstudio", "known_hosts");

    @Override
    public Integer call() throws InterruptedException {
        MaintenanceAction action = undo ? new MaintenanceAction.Undrain(director) : new MaintenanceAction.Drain(director);
        return MaintenanceRun.run(spec.commandLine().getOut(), clusterFile, action, knownHosts, acceptNewHostKey);
    }
}

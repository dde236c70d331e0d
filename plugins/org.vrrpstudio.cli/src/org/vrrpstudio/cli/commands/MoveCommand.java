package org.vrrpstudio.cli.commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.simulation.MaintenanceAction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code move CLUSTER (--group NAME | --instance NAME) --to DIRECTOR}, or {@code move CLUSTER --back}. */
@Command(name = "move", description = {"Move a sync group (or an instance in no group) to a director, or --back to the"
        + " intended directors (a drained director stays drained).",
        "Checked before and after like drain. Exit 0 confirmed, 1 refused or undone, 2 wrong usage."})
public final class MoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "cluster file (.vrrpcluster)")
    Path clusterFile;

    @Option(names = "--group", paramLabel = "NAME", description = "the sync group to move")
    String group;

    @Option(names = "--instance", paramLabel = "NAME", description = "the instance to move (one in no sync group)")
    String instance;

    @Option(names = "--to", paramLabel = "DIRECTOR", description = "where to")
    String to;

    @Option(names = "--back", description = "every moved group or instance returns to its intended director")
    boolean back;

    @Option(names = "--accept-new-host-key", description = "trust a director's host key on first contact (a changed key is always refused)")
    boolean acceptNewHostKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file VRRP Studio manages (default: ~/.vrrpstudio/known_hosts)")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".vrrpstudio", "known_hosts");

    @Override
    public Integer call() throws InterruptedException {
        MaintenanceAction action;
        if (back) {
            if (group != null || instance != null || to != null) {
                throw CommandFailure.usage("--back takes no --group, --instance or --to");
            }
            action = new MaintenanceAction.Back();
        } else {
            if ((group == null) == (instance == null)) {
                throw CommandFailure.usage("say what to move: --group NAME or --instance NAME (one of them), or --back");
            }
            if (to == null) {
                throw CommandFailure.usage("say where to: --to DIRECTOR");
            }
            action = new MaintenanceAction.Move(group != null ? group : instance, instance != null, to);
        }
        return MaintenanceRun.run(spec.commandLine().getOut(), clusterFile, action, knownHosts, acceptNewHostKey);
    }
}

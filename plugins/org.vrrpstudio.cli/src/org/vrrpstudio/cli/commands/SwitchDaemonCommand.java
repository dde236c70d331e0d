package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterFileException;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DaemonSwitch;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.SwitchResult;
import org.vrrpstudio.model.Cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code switch-daemon CLUSTER --to agent|keepalived [--director NAME]}: replaces the daemon of a live pair's
 * directors without losing a VIP ({@link DaemonSwitch}); the cluster file records each director's new daemon as soon
 * as it is confirmed. Stdout: one line per director; exit 0 when every director runs the wanted daemon, 1 otherwise.
 */
@Command(name = "switch-daemon", description = {
        "Replace keepalived by the agent (or back) on a live pair without losing a VIP.",
        "Refused up front unless both daemons are healthy on the intended distribution and the new daemon is installed"
                + " and accepts the live file. One director at a time, the one MASTER of fewer instances first: its"
                + " daemon stops (priority 0: the peer takes over), the new one starts on the same keepalived.conf, and"
                + " the live state must show every instance where the model intends it before the next director. A"
                + " failure restores the previous daemon and stops.",
        "Start/stop commands: systemctl enable|disable --now of keepalived.service / vrrpstudio-agent.service,"
                + " or the director's own (director CLUSTER NAME --start-command ... --stop-command ...).",
        "Prints one line per director: NAME: switched|already|refused|failed ..."})
public final class SwitchDaemonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CLUSTER", description = "cluster file (.vrrpcluster)")
    Path clusterFile;

    @Option(names = "--to", required = true, paramLabel = "agent|keepalived", description = "the daemon the directors run afterwards")
    String to;

    @Option(names = {"-d", "--director"}, paramLabel = "NAME", description = "only this director (its peer must be healthy)")
    String director;

    @Option(names = "--accept-new-host-key", description = "trust a director's host key on first contact (a changed key is always refused)")
    boolean acceptNewHostKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file VRRP Studio manages (default: ~/.vrrpstudio/known_hosts)")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".vrrpstudio", "known_hosts");

    @Override
    public Integer call() {
        DaemonKind kind = switch (to) {
            case "agent" -> DaemonKind.AGENT;
            case "keepalived" -> DaemonKind.KEEPALIVED;
            default -> throw CommandFailure.usage("--to must be agent or keepalived, got '" + to + "'");
        };
        Path file = InputFiles.readable(clusterFile);
        Cluster cluster = ClusterFiles.load(file);
        DaemonSwitch.Plan plan;
        try {
            plan = DaemonSwitch.plan(cluster, knownHosts);
            if (director != null && plan.members().stream().noneMatch(m -> m.director().equals(director))) {
                throw new IllegalArgumentException("the cluster has no director '" + director + "'");
            }
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(clusterFile + ": " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(plan.drainFiles().isEmpty()
                ? "note: the model has no maintenance tracks, so each director hands over by stopping its daemon (the peer"
                        + " takes over after its skew time); `vrrpstudio maintenance " + clusterFile + " --enable` and a deploy"
                        + " make the switch hitless"
                : "each director is drained (its maintenance files) before its daemon changes, and undrained after");
        DeployOptions options = DeployOptions.DEFAULTS.withAcceptNewHostKey(acceptNewHostKey);
        DaemonSwitch daemonSwitch = new DaemonSwitch(DaemonSwitch.overSsh(options, PassphraseProvider.NONE),
                DaemonSwitch.Timing.forAdvert(plan.advertInterval()));
        List<SwitchResult> results = daemonSwitch.run(plan, kind, director, (d, what) -> {
            err.println(d + ": " + what);
            err.flush();
        }, switched -> record(cluster, file, switched));
        PrintWriter out = spec.commandLine().getOut();
        results.forEach(r -> out.println(r.line()));
        out.flush();
        return results.stream().allMatch(SwitchResult::succeeded) ? 0 : 1;
    }

    /** The model says which daemon the director runs as soon as the live state confirmed it. */
    private void record(Cluster cluster, Path file, SwitchResult.Switched switched) {
        cluster.getDirectors().stream().filter(d -> d.getName().equals(switched.director())).findFirst()
                .ifPresent(d -> d.setDaemonKind(switched.to() == DaemonKind.AGENT ? org.vrrpstudio.model.DaemonKind.AGENT
                        : org.vrrpstudio.model.DaemonKind.KEEPALIVED));
        try {
            ClusterStore.save(cluster, file, FileSecretStore.forClusterFile(file));
        } catch (ClusterFileException e) {
            spec.commandLine().getErr().println("vrrpstudio: " + e.diagnostic().format());
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("vrrpstudio: " + file + ": cannot save the new daemon of " + switched.director()
                    + ": " + e.getMessage());
        }
    }
}

package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.deploy.AgentInstaller;
import org.vrrpstudio.deploy.AgentInstaller.AgentPackage;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.FleetDeployment;
import org.vrrpstudio.deploy.PassphraseProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code install-agent CLUSTER [--director NAME]}: puts the agent's Debian package on the cluster's directors over
 * SSH (the deploy's host-key and key rules), one at a time, stopping at the first that does not succeed; nothing is
 * done on a director that already has the package's version. Stdout: one line per director; exit 0 when every
 * director has the package's version afterwards, 1 otherwise. The agent is never started; a running agent of another
 * version is restarted only while it is MASTER of nothing (the director's line says what became of it).
 */
@Command(name = "install-agent", description = {
        "Install or upgrade the VRRP Studio agent's Debian package on the cluster's directors over SSH.",
        "One director at a time; nothing is installed where that version is; the agent is never started, and a running"
                + " one of another version is restarted only while it is MASTER of nothing.",
        "Prints one line per director: NAME: installed|upgraded|already installed VERSION, or refused|failed REASON."})
public final class InstallAgentCommand implements Callable<Integer> {

    static final String PACKAGE_DIRECTORY = "products/org.vrrpstudio.agent.deb/target";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CLUSTER", description = "cluster file (.vrrpcluster)")
    Path clusterFile;

    @Option(names = {"-d", "--director"}, paramLabel = "NAME", description = "only this director")
    String director;

    @Option(names = "--package", paramLabel = "DEB", description = "the agent package (default: the one the build made,"
            + " " + PACKAGE_DIRECTORY + "/vrrpstudio-agent_*_amd64.deb, or $VRRPSTUDIO_AGENT_PACKAGE)")
    Path packageFile;

    @Option(names = "--accept-new-host-key", description = "trust a director's host key on first contact (a changed key is always refused)")
    boolean acceptNewHostKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file VRRP Studio manages (default: ~/.vrrpstudio/known_hosts)")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".vrrpstudio", "known_hosts");

    @Override
    public Integer call() {
        AgentPackage agentPackage;
        try {
            agentPackage = AgentPackage.of(packageFile().orElseThrow(() -> CommandFailure.usage(
                    "no agent package: build it (./mvnw -B verify -pl products/org.vrrpstudio.agent.deb -am) or give --package DEB")));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        FleetDeployment.Member member = new FleetDeployment.Member(clusterFile, ClusterFiles.load(InputFiles.readable(clusterFile)));
        DeployPlan plan;
        try {
            plan = FleetDeployment.plan(List.of(member), director, knownHosts);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        List<DeployTarget> targets = plan.groups().stream().flatMap(List::stream).map(DeployItem::target).toList();
        DeployOptions options = DeployOptions.DEFAULTS.withAcceptNewHostKey(acceptNewHostKey);
        PrintWriter err = spec.commandLine().getErr();
        List<AgentInstaller.Result> results = new AgentInstaller(options, PassphraseProvider.NONE)
                .install(targets, agentPackage, (d, what) -> err.println(d + ": " + what + (what.startsWith("warning") ? "" : "...")));
        PrintWriter out = spec.commandLine().getOut();
        results.forEach(r -> out.println(r.line()));
        if (results.stream().anyMatch(r -> r.unknownHostKey().isPresent())) {
            out.println("vrrpstudio: check the fingerprint, then run again with --accept-new-host-key to trust it");
        }
        out.flush();
        return results.stream().allMatch(AgentInstaller.Result::succeeded) ? 0 : 1;
    }

    /** --package, else $VRRPSTUDIO_AGENT_PACKAGE, else the newest package the build left in this checkout. */
    private Optional<Path> packageFile() {
        if (packageFile != null) {
            return Optional.of(packageFile);
        }
        String env = System.getenv("VRRPSTUDIO_AGENT_PACKAGE");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        Path built = Path.of(System.getProperty("vrrpstudio.repo", "")).resolve(PACKAGE_DIRECTORY);
        if (!Files.isDirectory(built)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(built)) {
            return files.filter(f -> f.getFileName().toString().matches("vrrpstudio-agent_.*_amd64\\.deb"))
                    .max((a, b) -> a.toFile().lastModified() < b.toFile().lastModified() ? -1 : 1);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}

package org.vrrpstudio.cli.commands;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.deploy.ClusterDeployment;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.model.Cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deploy CLUSTER}: validates the cluster, then deploys each director's derived config over SSH (upload,
 * remote check, backup, atomic swap, reload, verify, roll back on failure). One summary line per director;
 * exit 0 when every director succeeded (or had nothing to change), 1 otherwise.
 */
@Command(name = "deploy", description = "Deploy the directors' configs over SSH, safely (validate, swap, reload, verify, roll back).")
public final class DeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "cluster file (.vrrpcluster)")
    Path clusterFile;

    @Option(names = {"-d", "--director"}, paramLabel = "NAME", description = "only this director")
    String director;

    @Option(names = "--dry-run", description = "show what would change (diff, remote validation) and change nothing")
    boolean dryRun;

    @Option(names = "--accept-new-host-key", description = "trust a director's host key on first contact (a changed key is always refused)")
    boolean acceptNewHostKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file VRRP Studio manages (default: ~/.vrrpstudio/known_hosts)")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".vrrpstudio", "known_hosts");

    @Override
    public Integer call() {
        Cluster cluster = ClusterFiles.load(InputFiles.readable(clusterFile));
        PrintWriter out = spec.commandLine().getOut();
        List<Diagnostic> errors = ClusterValidator.validate(cluster).stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            errors.forEach(d -> out.println(d.format()));
            out.println("vrrpstudio: nothing deployed: the cluster has " + errors.size() + " error(s)");
            return 1;
        }
        DeployPlan plan;
        try {
            plan = ClusterDeployment.plan(cluster, director, knownHosts);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(clusterFile + ": " + e.getMessage());
        }
        DeployOptions options = DeployOptions.DEFAULTS.withDryRun(dryRun).withAcceptNewHostKey(acceptNewHostKey);
        PlanResult result = new Deployer(options, new PromptingPassphrases()).run(plan, new StepLog(spec.commandLine().getErr()));
        result.orderLines().forEach(out::println); // which director went first, and whether the live state decided
        result.summaryLines().forEach(out::println);
        if (result.results().stream().anyMatch(DeployResult.UnknownHostKey.class::isInstance)) {
            out.println("vrrpstudio: check the fingerprint, then run again with --accept-new-host-key to trust it");
        }
        return result.allSucceeded() ? 0 : 1;
    }

    /** Progress on stderr, so stdout stays the summary lines. */
    private record StepLog(PrintWriter err) implements DeployProgress {
        @Override
        public void stepStarted(String director, DeployStep step) {
            err.println(director + ": " + step.toString().toLowerCase().replace('_', ' ') + "...");
        }
    }

    /** Asks once per key on the terminal (never echoed, never logged); without a terminal a key must be unencrypted. */
    private static final class PromptingPassphrases implements PassphraseProvider {
        private final Map<Path, char[]> asked = new HashMap<>();

        @Override
        public synchronized Optional<char[]> passphrase(String director, Path identityFile) {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            char[] known = asked.computeIfAbsent(identityFile,
                    key -> console.readPassword("Passphrase for %s (director %s): ", key, director));
            return Optional.ofNullable(known).map(char[]::clone); // the deployer wipes what it gets
        }
    }
}

package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployReport;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.FleetDeployment;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deploy CLUSTER...}: validates the clusters, then deploys each director's derived config over SSH (upload,
 * remote check, backup, atomic swap, reload, verify, roll back on failure). Each cluster's pair goes one director
 * at a time; the pairs of several clusters go in parallel, up to {@code --parallel}. Stdout is the report: one
 * summary line per director, each preceded by its masked diff in a dry run (or with {@code --diff}); progress goes
 * to stderr. Exit 0 when every director succeeded (or had nothing to change), 1 otherwise.
 */
@Command(name = "deploy", description = {
        "Deploy the directors' configs over SSH, safely (validate, swap, reload, verify, roll back).",
        "Prints one summary line per director (NAME: STATUS ...); with several clusters NAME is CLUSTER/DIRECTOR.",
        "A dry run prints each director's diff against the file on it (auth_pass masked) before its summary line;"
                + " a real deploy does with --diff."})
public final class DeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CLUSTER",
            description = "cluster files (.vrrpcluster); each cluster's pair is deployed one director at a time")
    List<Path> clusterFiles;

    @Option(names = {"-d", "--director"}, paramLabel = "NAME", description = "only this director (of every cluster given)")
    String director;

    @Option(names = "--dry-run", description = "show what would change: each director's diff (auth_pass masked) and"
            + " the director's verdict on the new file; changes nothing")
    boolean dryRun;

    @Option(names = "--diff",
            description = "a real deploy also prints each changed director's diff (auth_pass masked); a dry run always does")
    boolean diff;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "deploy up to N clusters' pairs at the same time (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--accept-new-host-key", description = "trust a director's host key on first contact (a changed key is always refused)")
    boolean acceptNewHostKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file VRRP Studio manages (default: ~/.vrrpstudio/known_hosts)")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".vrrpstudio", "known_hosts");

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw CommandFailure.usage("--parallel must be at least 1, got " + parallel);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<FleetDeployment.Member> members = new ArrayList<>();
        for (Path file : clusterFiles) {
            members.add(new FleetDeployment.Member(file, ClusterFiles.load(InputFiles.readable(file))));
        }
        // every cluster is checked (and all errors shown) before anything goes out
        boolean allValid = true;
        for (FleetDeployment.Member member : members) {
            allValid &= isValid(member, out);
        }
        if (!allValid) {
            return 1;
        }
        DeployPlan plan;
        try {
            plan = FleetDeployment.plan(members, director, knownHosts);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        DeployOptions options = DeployOptions.DEFAULTS.withDryRun(dryRun).withAcceptNewHostKey(acceptNewHostKey)
                .withMaxParallelGroups(parallel);
        PlanResult result = new Deployer(options, new PromptingPassphrases()).run(plan, new StepLog(spec.commandLine().getErr()));
        result.orderLines().forEach(out::println); // which director went first, and whether the live state decided
        out.print(DeployReport.of(result, dryRun || diff));
        if (result.results().stream().anyMatch(DeployResult.UnknownHostKey.class::isInstance)) {
            out.println("vrrpstudio: check the fingerprint, then run again with --accept-new-host-key to trust it");
        }
        out.flush();
        return result.allSucceeded() ? 0 : 1;
    }

    /** Prints the cluster's errors, if any, and says that nothing is deployed. */
    private static boolean isValid(FleetDeployment.Member member, PrintWriter out) {
        List<Diagnostic> errors = ClusterValidator.validate(member.cluster()).stream()
                .filter(d -> d.severity() == Severity.ERROR).toList();
        errors.forEach(d -> out.println(d.format()));
        if (!errors.isEmpty()) {
            out.println("vrrpstudio: nothing deployed: " + member.file() + " has " + errors.size() + " error(s)");
        }
        return errors.isEmpty();
    }

    /** Progress and warnings (e.g. an unusable ssh-agent) on stderr, so stdout stays the report (diffs and summary lines). */
    private record StepLog(PrintWriter err) implements DeployProgress {
        @Override
        public void stepStarted(String director, DeployStep step) {
            err.println(director + ": " + step.toString().toLowerCase().replace('_', ' ') + "...");
        }

        @Override
        public void warning(String director, String message) {
            err.println(director + ": warning: " + message);
        }
    }
}

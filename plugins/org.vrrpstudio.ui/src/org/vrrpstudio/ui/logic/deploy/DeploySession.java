package org.vrrpstudio.ui.logic.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.KnownHostsFile;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;

/**
 * What the deploy wizard does, without SWT: choose directors, preview (a dry run that fetches, diffs and
 * validates on the director), trust a host key the user accepted, deploy. The plan is made fresh for each run
 * from the cluster as it is then, so the preview and the deploy show the same derived files.
 */
public final class DeploySession {

    private final Cluster cluster;
    private final Path knownHosts;
    private final PassphraseProvider passphrases;
    private final DeployPlanner planner;
    private final DeployOptions options;

    public DeploySession(Cluster cluster, Path knownHosts, PassphraseProvider passphrases, DeployPlanner planner,
            DeployOptions options) {
        this.cluster = cluster;
        this.knownHosts = knownHosts;
        this.passphrases = passphrases;
        this.planner = planner;
        this.options = options.withDryRun(false).withAcceptNewHostKey(false); // host keys only by explicit accept
    }

    /** The console's session: ClusterDeployment, default options. */
    public static DeploySession of(Cluster cluster, Path knownHosts, PassphraseProvider passphrases) {
        return new DeploySession(cluster, knownHosts, passphrases, DeployPlanner.CLUSTER_DEPLOYMENT,
                DeployOptions.DEFAULTS);
    }

    public List<String> directorNames() {
        return cluster.getDirectors().stream().map(Director::getName).toList();
    }

    public Path knownHosts() {
        return knownHosts;
    }

    /**
     * The plan for the chosen directors, in the planner's order (BACKUP side first), as one group: the first
     * director that fails stops the rest. A planner's live ordering is kept (the deploy asks the daemons who is
     * MASTER now). Throws IllegalArgumentException with a message for the user when a director lacks a deploy
     * setting or nothing is chosen.
     */
    public DeployPlan plan(Collection<String> chosen) {
        Set<String> wanted = Set.copyOf(chosen);
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("choose at least one director");
        }
        DeployPlan planned = planner.plan(cluster, knownHosts);
        List<DeployItem> items = planned.items().stream().filter(item -> wanted.contains(item.director())).toList();
        return DeployPlan.sequential(items).orderedByLiveState(planned.orderByLiveState());
    }

    /** Dry run: what would change on each chosen director; nothing live is touched. */
    public PlanResult preview(Collection<String> chosen, DeployProgress progress) {
        return new Deployer(options.withDryRun(true), passphrases).run(plan(chosen), progress);
    }

    /** The real deploy of the chosen directors. */
    public PlanResult deploy(Collection<String> chosen, DeployProgress progress) {
        return new Deployer(options, passphrases).run(plan(chosen), progress);
    }

    /** Adds exactly the key the user was shown to the known_hosts file. */
    public void trust(DeployResult.UnknownHostKey key) throws IOException {
        new KnownHostsFile(knownHosts).trust(key);
    }

    /** The dry run's diff for the user, auth_pass values masked; a line for results without a diff. */
    public static String previewText(DeployResult result) {
        return switch (result) {
            case DeployResult.WouldChange change -> change.diff().render(true);
            case DeployResult.NoChange same -> "No change: " + same.director() + " already has this configuration.\n";
            default -> result.summaryLine() + "\n";
        };
    }

    /**
     * The host keys the preview or deploy stopped at, for the accept dialog: one per host, port and key, so
     * directors behind one address (or one host's key met twice) ask once.
     */
    public static List<DeployResult.UnknownHostKey> unknownHostKeys(PlanResult result) {
        java.util.Map<String, DeployResult.UnknownHostKey> distinct = new java.util.LinkedHashMap<>();
        result.results().stream().filter(DeployResult.UnknownHostKey.class::isInstance)
                .map(DeployResult.UnknownHostKey.class::cast)
                .forEach(key -> distinct.putIfAbsent(key.host() + ":" + key.port() + " " + key.publicKeyBase64(), key));
        return List.copyOf(distinct.values());
    }
}

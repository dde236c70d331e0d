package org.vrrpstudio.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vrrpstudio.cluster.ClusterExporter;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;

/**
 * What to deploy for a cluster: each director's derived keepalived.conf to the place its model entry names, in an
 * order that protects the masters. Just before the deploy the daemons are asked which instances each director is
 * MASTER of now, and the one that holds fewer goes first; the pair stops at the first failure, so a config that
 * breaks is found on the side that holds the least. When a live state cannot be read, the model's order is used:
 * the director that is intended MASTER of the fewest instances first.
 */
public final class ClusterDeployment {

    private ClusterDeployment() {
    }

    /**
     * The plan for {@code cluster}'s directors ({@code onlyDirector} null: all of them) as one group in the model's
     * order, to be reordered by the live state when it runs ({@link DeployPlan#orderByLiveState()}). Throws
     * {@link IllegalArgumentException} naming the director and the missing setting (host, user, config path).
     */
    public static DeployPlan plan(Cluster cluster, String onlyDirector, Path knownHosts) {
        return DeployPlan.sequential(items(cluster, onlyDirector, knownHosts, "")).orderedByLiveState(true);
    }

    /**
     * The directors' items in deploy order, each named {@code namePrefix + director name} in progress and results
     * (a fleet deploy passes "cluster/" so the directors of several clusters can be told apart).
     */
    static List<DeployItem> items(Cluster cluster, String onlyDirector, Path knownHosts, String namePrefix) {
        List<Director> directors = cluster.getDirectors().stream()
                .filter(d -> onlyDirector == null || onlyDirector.equals(d.getName()))
                .sorted(Comparator.comparingLong(ClusterDeployment::masterCount).thenComparing(Director::getName))
                .toList();
        if (directors.isEmpty()) {
            throw new IllegalArgumentException(onlyDirector == null ? "the cluster has no directors"
                    : "the cluster has no director '" + onlyDirector + "'");
        }
        ClusterExporter exporter = new ClusterExporter();
        List<DeployItem> items = new ArrayList<>();
        for (Director director : directors) {
            items.add(new DeployItem(target(director, namePrefix + director.getName(), knownHosts),
                    exporter.exportText(cluster, director.getName())));
        }
        return items;
    }

    /** Where and how to reach {@code director} (the live view uses the same settings as the deploy). */
    public static DeployTarget target(Director director, String shownName, Path knownHosts) {
        DaemonKind kind = director.getDaemonKind() == org.vrrpstudio.model.DaemonKind.AGENT ? DaemonKind.AGENT : DaemonKind.KEEPALIVED;
        int port = director.getSshPort() > 0 ? director.getSshPort() : DeployTarget.DEFAULT_SSH_PORT;
        // null commands mean the daemon kind's defaults
        return new DeployTarget(shownName, director.getHost(), port, director.getSshUser(),
                identityFile(director), knownHosts, director.getRemoteConfigPath(), kind, null,
                blankToDefault(director.getReloadCommand()), blankToDefault(director.getVerifyCommand()), null,
                director.isSudo());
    }

    private static String blankToDefault(String command) {
        return command == null || command.isBlank() ? null : command;
    }

    /**
     * The director's key, or null: then the deploy offers the ssh-agent's keys, or without an agent the user's
     * default key, when it connects (the agent is only known then).
     */
    private static Path identityFile(Director director) {
        String configured = director.getIdentityFile();
        if (configured == null || configured.isBlank()) {
            return null;
        }
        return Path.of(configured.startsWith("~/") ? System.getProperty("user.home") + configured.substring(1) : configured);
    }

    private static long masterCount(Director director) {
        return director.getInstanceSettings().stream().map(DirectorInstance::getInitialState)
                .filter(InitialState.MASTER::equals).count();
    }
}

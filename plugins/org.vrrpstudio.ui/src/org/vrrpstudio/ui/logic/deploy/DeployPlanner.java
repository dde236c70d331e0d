package org.vrrpstudio.ui.logic.deploy;

import java.nio.file.Path;

import org.vrrpstudio.deploy.ClusterDeployment;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.model.Cluster;

/**
 * Turns the cluster into what to deploy, in the order that protects the masters. The console uses
 * {@link ClusterDeployment}; tests wrap it to point the daemon commands at harmless ones.
 */
@FunctionalInterface
public interface DeployPlanner {

    DeployPlanner CLUSTER_DEPLOYMENT = (cluster, knownHosts) -> ClusterDeployment.plan(cluster, null, knownHosts);

    /** Every director of the cluster; throws IllegalArgumentException naming a director's missing setting. */
    DeployPlan plan(Cluster cluster, Path knownHosts);
}

package org.vrrpstudio.ui.tests;

import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployPlan;
import org.vrrpstudio.ui.logic.deploy.DeployPlanner;

/** Deploy plans for the console's tests against a real sshd: the test machine runs no keepalived service. */
public final class HarmlessDeploy {

    /** The console's plan with harmless daemon commands: validate = the file is not empty, reload = true, no verify. */
    public static final DeployPlanner COMMANDS = (cluster, knownHosts) -> DeployPlan.sequential(
            DeployPlanner.CLUSTER_DEPLOYMENT.plan(cluster, knownHosts).items().stream()
                    .map(item -> new DeployItem(item.target().withCommands("test -s {file}", "true", ""), item.configText()))
                    .toList());

    private HarmlessDeploy() {
    }
}

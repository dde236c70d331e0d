package org.vrrpstudio.deploy.live;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.vrrpstudio.cluster.ClusterExporter;
import org.vrrpstudio.deploy.ClusterDeployment;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.live.DirectorProbe;
import org.vrrpstudio.live.LiveMonitor;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;

/** A cluster's directors as SSH probes for the live view, with the same connection settings as its deploy. */
public final class ClusterWatch {

    private ClusterWatch() {
    }

    /**
     * @param label the cluster's name as shown ("" when it is the only one)
     * Throws {@link IllegalArgumentException} naming the director and its missing setting (host, user).
     */
    public static LiveMonitor.Watched of(Cluster cluster, String label, Path knownHosts, DeployOptions options,
            PassphraseProvider passphrases, Clock clock) {
        ClusterExporter exporter = new ClusterExporter();
        List<DirectorProbe> probes = new ArrayList<>();
        for (Director director : cluster.getDirectors()) {
            DeployTarget target = ClusterDeployment.target(director, director.getName(), knownHosts);
            probes.add(new SshDirectorProbe(target, options, passphrases, clock, exporter.exportText(cluster, director.getName())));
        }
        return new LiveMonitor.Watched(label, ClusterIntent.of(cluster), probes);
    }
}

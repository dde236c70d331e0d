package org.vrrpstudio.ui.logic.interim;

import java.util.List;

import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.ui.logic.ClusterProblem;
import org.vrrpstudio.ui.logic.ClusterServices;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;

/** The console's own import, export and checks, used until the cluster bundle provides them. */
public final class InterimClusterServices implements ClusterServices {

    private final InterimImporter importer = new InterimImporter();
    private final InterimExporter exporter = new InterimExporter();
    private final InterimChecker checker = new InterimChecker();

    @Override
    public ImportOutcome importDirectors(List<DirectorSource> sources) {
        return importer.importDirectors(sources);
    }

    @Override
    public String exportDirector(Cluster cluster, Director director, boolean maskSecrets) {
        return exporter.export(cluster, director, maskSecrets);
    }

    @Override
    public List<ClusterProblem> check(Cluster cluster) {
        return checker.check(cluster);
    }
}

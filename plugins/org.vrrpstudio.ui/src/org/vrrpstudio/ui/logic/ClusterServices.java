package org.vrrpstudio.ui.logic;

import java.util.List;

import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;

/**
 * What the console needs from the cluster logic: import keepalived.conf files, derive each director's file,
 * check the model. Kept as an interface so the console is independent of which implementation does the work.
 */
public interface ClusterServices {

    /** One file (the second director is its mirror) or one file per director (pairs are matched by name). */
    ImportOutcome importDirectors(List<DirectorSource> sources);

    /** The keepalived.conf text of {@code director}; secrets are written as {@code ********} when masked. */
    String exportDirector(Cluster cluster, Director director, boolean maskSecrets);

    /** Every problem of the cluster, in a stable order. */
    List<ClusterProblem> check(Cluster cluster);
}

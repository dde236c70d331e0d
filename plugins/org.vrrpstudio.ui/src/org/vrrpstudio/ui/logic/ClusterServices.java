package org.vrrpstudio.ui.logic;

import java.util.List;
import java.util.Map;

import org.vrrpstudio.cluster.ScriptHost;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;

/**
 * What the console needs from the cluster logic: import keepalived.conf files, derive each director's file,
 * check the model. An interface so views and tests see one narrow contract; {@link ClusterBundleServices} is the
 * implementation over the cluster bundle.
 */
public interface ClusterServices {

    /** One director's file; the second director, {@code mirrorName}, is derived as its symmetric mirror. */
    ImportOutcome importWithMirror(DirectorSource source, String mirrorName);

    /** Both directors' files: instances matched by name; differences that must not exist are errors. */
    ImportOutcome importPair(DirectorSource first, DirectorSource second);

    /** The keepalived.conf text of {@code director}; secrets are written as {@link #MASK} when masked. */
    String exportDirector(Cluster cluster, Director director, boolean maskSecrets);

    /** Every problem of the cluster, in a stable order. */
    default List<ClusterProblem> check(Cluster cluster) {
        return check(cluster, Map.of());
    }

    /**
     * The same, with what directors answered about their scripts' paths and users (by director name; see
     * {@link ScriptHost#recorded}): keepalived's script rules judged on each of them add their warnings for it.
     */
    List<ClusterProblem> check(Cluster cluster, Map<String, ScriptHost> scriptHosts);

    /** What a masked secret looks like in a shown file. */
    String MASK = org.vrrpstudio.deploy.diff.SecretRedaction.MASK;
}

package org.vrrpstudio.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.model.Cluster;

/**
 * Several clusters in one deploy. Each cluster's directors are one group of the plan -- its pair, one director
 * at a time, the side that is MASTER of less first, live if the daemons can say ({@link ClusterDeployment}) -- and
 * the groups are independent, so {@link Deployer} runs up to {@link DeployOptions#maxParallelGroups()} pairs at the same time.
 * <p>
 * With more than one cluster, directors are named {@code cluster/director} in progress and results (clusters of a
 * fleet often all call their directors lvs1 and lvs2); with one they keep their plain names, as grep names files
 * only when given several.
 */
public final class FleetDeployment {

    private static final String EXTENSION = "." + ClusterStore.FILE_EXTENSION;

    /** A loaded cluster and the file it came from, as the user named it (for labels and messages). */
    public record Member(Path file, Cluster cluster) {
    }

    private FleetDeployment() {
    }

    /**
     * One group per member, in the given order. {@code onlyDirector} (null: all) applies to every cluster, and each
     * must have it. Throws {@link IllegalArgumentException} naming the cluster file and the problem, or the two
     * directors of different clusters that would write the same file on the same host.
     */
    public static DeployPlan plan(List<Member> members, String onlyDirector, Path knownHosts) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no cluster to deploy");
        }
        List<String> labels = labels(members.stream().map(Member::file).toList());
        List<List<DeployItem>> groups = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            String prefix = members.size() == 1 ? "" : labels.get(i) + "/";
            try {
                groups.add(ClusterDeployment.items(member.cluster(), onlyDirector, knownHosts, prefix));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(member.file() + ": " + e.getMessage(), e);
            }
        }
        return DeployPlan.ofGroups(groups).orderedByLiveState(true);
    }

    /**
     * How the clusters are named in results: the file name without {@code .vrrpcluster}; when two files share a
     * name (dc1/web.vrrpcluster, dc2/web.vrrpcluster), every cluster is named by its path as given instead.
     */
    public static List<String> labels(List<Path> files) {
        List<String> names = files.stream().map(f -> withoutExtension(String.valueOf(f.getFileName()))).toList();
        if (new HashSet<>(names).size() == names.size()) {
            return names;
        }
        return files.stream().map(f -> withoutExtension(f.toString())).toList();
    }

    private static String withoutExtension(String name) {
        return name.endsWith(EXTENSION) && name.length() > EXTENSION.length()
                ? name.substring(0, name.length() - EXTENSION.length()) : name;
    }
}

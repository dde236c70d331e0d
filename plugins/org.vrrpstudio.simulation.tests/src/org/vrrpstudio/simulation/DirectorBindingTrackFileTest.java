package org.vrrpstudio.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.vrrp.config.TrackConfig;

/** An instance's track_file weight: its own, or the track_file block's (default 1), as keepalived.conf(5) says. */
class DirectorBindingTrackFileTest {

    private static Cluster cluster(String tracks) {
        String text = """
                track_file plain {
                    file /run/ka/plain
                }
                vrrp_track_file weighted {
                    file /run/ka/weighted
                    weight -5 reverse
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.168.200.10
                    }
                    track_file {
                """ + tracks + """
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("f.conf"), text), "local");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        return result.cluster().orElseThrow();
    }

    private static BoundDirector bind(Cluster cluster) throws BindingException {
        return DirectorBinding.bind(cluster, "local", DirectorBindingTest.hostByte(5));
    }

    private static List<TrackConfig> tracks(String lines) throws BindingException {
        return bind(cluster(lines)).node().instances().getFirst().tracks();
    }

    @Test
    void withoutAWeightOnTheInstanceTheBlocksWeightCountsAndItDefaultsToOne() throws Exception {
        assertEquals(List.of(new TrackConfig.File("plain", 1, false), new TrackConfig.File("weighted", -5, true)),
                tracks("plain\nweighted\n"));
    }

    @Test
    void theInstancesWeightReplacesTheBlocksWeightAndReverse() throws Exception {
        assertEquals(List.of(new TrackConfig.File("plain", 0, false), new TrackConfig.File("weighted", 3, false)),
                tracks("plain weight 0\nweighted weight 3\n"));
    }

    @Test
    void reverseOnTheInstancesLineIsKept() throws Exception {
        assertEquals(List.of(new TrackConfig.File("plain", 2, true), new TrackConfig.File("weighted", 4, false)),
                tracks("plain weight 2 reverse\nweighted weight 4\n"));
    }

    @Test
    void aTrackFileBlockKeptAsTextIsSaidAsNotTracked() throws Exception {
        BoundDirector bound = bind(cluster("plain weight 2 sideways\n")); // an option the model does not hold
        assertEquals(List.of(), bound.node().instances().getFirst().tracks());
        assertEquals(List.of("director local, vrrp_instance VI_1: track_file block with options kept as text is not tracked"),
                bound.notRun());
    }

    /**
     * keepalived tracks a sync group's own track blocks for every member: a failure puts the member, and so the
     * group, in FAULT. A block with an option the binding cannot read stays said as not tracked.
     */
    @Test
    void aSyncGroupsOwnTrackBlocksAreTrackedByEveryMember() throws Exception {
        String text = """
                track_file plain {
                    file /run/ka/plain
                    weight -3
                }
                vrrp_sync_group VG1 {
                    group {
                        VI_1
                        VI_2
                    }
                    track_file {
                        plain
                    }
                    track_interface {
                        eth2 weight -10
                    }
                    track_script {
                        chk {
                        }
                    }
                }
                vrrp_script chk {
                    script /bin/true
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.168.200.10
                    }
                    track_interface {
                        eth1
                    }
                }
                vrrp_instance VI_2 {
                    interface eth1
                    virtual_router_id 52
                    virtual_ipaddress {
                        192.168.100.10
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("g.conf"), text), "local");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        BoundDirector bound = bind(result.cluster().orElseThrow());
        List<TrackConfig> groupTracks = List.of(new TrackConfig.File("plain", -3, false), new TrackConfig.Interface("eth2", -10, false));
        assertEquals(List.of(new TrackConfig.Interface("eth1", 0, false), groupTracks.get(0), groupTracks.get(1)),
                bound.node().instances().get(0).tracks(), "the instance's own tracks, then its group's");
        assertEquals(groupTracks, bound.node().instances().get(1).tracks());
        assertEquals(List.of("vrrp_sync_group VG1: track_script block with options kept as text is not tracked"), bound.notRun());
    }

    @Test
    void anUndefinedTrackFileIsRefusedByName() {
        BindingException e = assertThrows(BindingException.class, () -> bind(cluster("nowhere\n")));
        assertEquals("director local, vrrp_instance VI_1: track_file nowhere names no track_file block", e.getMessage());
    }

    @Test
    void aSyncGroupsTrackingWeightReachesTheEngineFromTheModelAndFromTheFile() throws Exception {
        String text = """
                vrrp_sync_group VG1 {
                    group {
                        VI_1
                    }
                    sync_group_tracking_weight
                }
                vrrp_sync_group VG2 {
                    group {
                        VI_2
                    }
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.168.200.10
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        192.168.200.11
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("g.conf"), text), "local");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        var groups = bind(result.cluster().orElseThrow()).node().syncGroups();
        assertEquals(List.of(true, false), groups.stream().map(org.vrrpstudio.vrrp.config.SyncGroupConfig::trackingWeight).toList());
        // the agent reads the file itself: the same
        var read = ConfigBinding.read(new ConfigParser().parse(Path.of("g.conf"), text), "local").setup().orElseThrow();
        assertEquals(List.of(true, false), read.syncGroups().stream().map(org.vrrpstudio.vrrp.config.SyncGroupConfig::trackingWeight).toList());
    }
}

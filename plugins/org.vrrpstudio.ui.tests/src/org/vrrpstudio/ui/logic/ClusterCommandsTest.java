package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.VrrpInstance;

class ClusterCommandsTest {

    @Test
    void newInstancePairPicksFreeVridAndMirrorsPriorities() throws Exception {
        ClusterDocument document = TestData.seedDocument();
        Cluster cluster = document.cluster();
        InstancePairPlanner planner = new InstancePairPlanner();
        assertEquals(1, planner.freeVrid(cluster).getAsInt());
        assertEquals("VI_5", planner.freeName(cluster));
        Director two = cluster.getDirectors().get(1);
        InstancePairRequest request = new InstancePairRequest("VI_5", 1, "eth0", two, 150, 100, BigDecimal.ONE,
                AuthType.AH, "secret5", List.of("192.168.200.20", "192.168.200.10"));
        InstancePairPlanner.Plan plan = planner.plan(cluster, request);
        assertEquals(List.of("virtual address 192.168.200.10 is already held by VI_1"), plan.warnings());
        assertTrue(document.execute(new ClusterCommands(document).addInstancePair(plan)));
        String onOne = document.directorConfig(cluster.getDirectors().get(0), true);
        String onTwo = document.directorConfig(two, true);
        assertTrue(onOne.contains("vrrp_instance VI_5 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 1\n    priority 100"), onOne);
        assertTrue(onTwo.contains("vrrp_instance VI_5 {\n    state MASTER\n    interface eth0\n    virtual_router_id 1\n    priority 150"), onTwo);
        assertTrue(document.problems().stream().anyMatch(p -> p.message().contains("is also a virtual address of vrrp_instance VI_1")));
        document.undo();
        assertEquals(4, cluster.getInstances().size());
        assertTrue(cluster.getDirectors().stream().allMatch(d -> d.getInstanceSettings().size() == 4));
    }

    @Test
    void deleteRemovesSettingsAndSyncGroupMembershipInOneUndoableStep() throws Exception {
        ClusterDocument document = TestData.seedDocument();
        Cluster cluster = document.cluster();
        VrrpInstance vi1 = cluster.getInstances().getFirst();
        assertTrue(document.execute(new ClusterCommands(document).delete(List.of(vi1))));
        assertEquals(3, cluster.getInstances().size());
        assertEquals(List.of("VI_2"), cluster.getSyncGroups().getFirst().getInstances().stream().map(VrrpInstance::getName).toList());
        String withoutVi1 = document.directorConfig(cluster.getDirectors().get(1), true);
        assertFalse(withoutVi1.contains("vrrp_instance VI_1") || withoutVi1.contains("        VI_1\n"), withoutVi1);
        document.undo();
        assertEquals("VI_1", cluster.getInstances().getFirst().getName());
        assertEquals(2, cluster.getSyncGroups().getFirst().getInstances().size());
        assertTrue(document.directorConfig(cluster.getDirectors().get(1), true).contains("vrrp_instance VI_1"));
    }

    @Test
    void duplicateGetsFreeNameAndVridButNoAddresses() throws Exception {
        ClusterDocument document = TestData.seedDocument();
        Cluster cluster = document.cluster();
        document.execute(new ClusterCommands(document).duplicate(cluster.getInstances().getFirst()));
        VrrpInstance copy = cluster.getInstances().getLast();
        assertEquals("VI_5", copy.getName());
        assertEquals(1, copy.getVrid());
        assertTrue(copy.getVirtualAddresses().isEmpty());
        assertTrue(document.directorConfig(cluster.getDirectors().getFirst(), true)
                .contains("vrrp_instance VI_5 {\n    state MASTER"));
        document.execute(new ClusterCommands(document).addSyncGroup("VG3", List.of(copy)));
        assertEquals("VG3", cluster.getSyncGroups().getLast().getName());
    }
}

package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.vrrp.binding.InterfaceAddresses;

/** Which parts of a director a reload keeps, replaces, removes and adds: decided on the seed and edits of it. */
class ReloadPlanTest {

    private static final InterfaceAddresses HOST_5 = name -> Optional.ofNullable(
            Map.of("eth0", "192.168.200.5", "eth1", "192.168.100.5", "eth2", "10.0.0.5").get(name))
            .map(a -> (Inet4Address) InetAddress.ofLiteral(a));

    static String seed() throws Exception {
        return Files.readString(Path.of("data", "seed-director1.conf"));
    }

    static BoundDirector bind(String conf) throws Exception {
        // the agent's own reading of the file, as its reload does it
        ConfigBinding.Reading reading = ConfigBinding.read(new ConfigParser().parse(Path.of("d1.conf"), conf), "local");
        assertTrue(reading.errors().isEmpty(), () -> reading.errors().toString());
        return reading.setup().orElseThrow().bind(HOST_5);
    }

    static List<EngineUnit> units(String conf) throws Exception {
        return EngineUnit.split(bind(conf));
    }

    @Test
    void seedSplitsIntoItsTwoSyncGroupsWithOnlyTheirOwnInterfaces() throws Exception {
        List<EngineUnit> units = units(seed());
        assertEquals(List.of("VG1", "VG2"), units.stream().map(EngineUnit::name).toList());
        EngineUnit vg1 = units.getFirst();
        assertEquals(List.of("VI_1", "VI_2"), vg1.node().instances().stream().map(i -> i.name()).toList());
        assertEquals(List.of("VG1"), vg1.node().syncGroups().stream().map(g -> g.name()).toList());
        assertEquals(java.util.Set.of("eth0", "eth1"), vg1.interfaces());
        assertEquals(java.util.Set.of("eth0/51/4", "eth1/52/4"), vg1.routingKeys());
    }

    @Test
    void sameFileChangesNothing() throws Exception {
        ReloadPlan plan = ReloadPlan.between(units(seed()), units(seed()));
        assertEquals(List.of("VG1", "VG2"), plan.kept());
        assertTrue(plan.changesNothing());
    }

    @Test
    void priorityChangeInOneGroupReplacesOnlyThatGroup() throws Exception {
        String changed = seed().replaceFirst("priority 100", "priority 120"); // VI_3, in VG2
        ReloadPlan plan = ReloadPlan.between(units(seed()), units(changed));
        assertEquals(List.of("VG1"), plan.kept());
        assertEquals(List.of("VG2"), plan.replaced().stream().map(EngineUnit::name).toList());
        assertEquals(120, plan.replaced().getFirst().node().instances().getFirst().priority());
        assertEquals("kept VG1; replaced VG2; removed -; added -", plan.summary());
    }

    @Test
    void secretChangeIsAChangeThoughNeverPrinted() throws Exception {
        String changed = seed().replace("auth_pass k@l!ve2", "auth_pass other2");
        ReloadPlan plan = ReloadPlan.between(units(seed()), units(changed));
        assertEquals(List.of("VG2"), plan.kept());
        assertEquals(List.of("VG1"), plan.replaced().stream().map(EngineUnit::name).toList());
        assertTrue(!plan.replaced().toString().contains("other2"), "the unit's text shows no secret");
    }

    @Test
    void vipLabelChangeIsAChangeEvenWhenTheEngineConfigIsEqual() throws Exception {
        String changed = seed().replace("        192.168.100.10\n", "        192.168.100.10 label eth1:vi2\n");
        ReloadPlan plan = ReloadPlan.between(units(seed()), units(changed));
        assertEquals(List.of("VG1"), plan.replaced().stream().map(EngineUnit::name).toList());
    }

    @Test
    void removedGroupAndAddedLoneInstance() throws Exception {
        String withoutVg2 = seed().replaceAll("(?s)vrrp_sync_group VG2 \\{.*?\\n}\\n", "")
                .replaceAll("(?s)vrrp_instance VI_4 \\{.*?\\n}\\n", "")
                + """
                vrrp_instance VI_5 {
                    state BACKUP
                    interface eth2
                    virtual_router_id 55
                    priority 100
                    virtual_ipaddress {
                        10.0.0.10
                    }
                }
                """;
        List<EngineUnit> next = units(withoutVg2);
        assertEquals(List.of("VG1", "VI_3", "VI_5"), next.stream().map(EngineUnit::name).toList());
        ReloadPlan plan = ReloadPlan.between(units(seed()), next);
        assertEquals(List.of("VG1"), plan.kept());
        assertEquals(List.of("VG2"), plan.removed());
        assertEquals(List.of("VI_3", "VI_5"), plan.added().stream().map(EngineUnit::name).toList());
        assertEquals(java.util.Set.of("eth2"), plan.added().get(1).interfaces());
    }
}

package org.vrrpstudio.vrrp.sim;

import static org.vrrpstudio.vrrp.packet.Addresses.v4;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.StartState;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;

/**
 * The keepalived case study (seed): two directors, VI_1..VI_4 with IPsec-AH, sync groups VG1 (VI_1, VI_2)
 * and VG2 (VI_3, VI_4). d1 is MASTER (150) for VI_1/VI_2, d2 the mirror for VI_3/VI_4.
 * eth0 of both directors is on segment "lan200", eth1 on "lan100".
 */
public final class SeedCluster {
    public static final Duration PACKET_DELAY = Duration.ofMillis(1);

    private SeedCluster() {
    }

    public static SimulatedCluster create() {
        return create(UnaryOperator.identity());
    }

    /** {@code tweak} may change every instance config (e.g. auth or version) before the directors are built. */
    public static SimulatedCluster create(UnaryOperator<InstanceConfig.Builder> tweak) {
        SimulatedCluster cluster = new SimulatedCluster(PACKET_DELAY);
        Map<String, String> segments = Map.of("eth0", "lan200", "eth1", "lan100");
        cluster.addDirector(director("d1", "5", true, tweak), segments);
        cluster.addDirector(director("d2", "6", false, tweak), segments);
        return cluster;
    }

    public static NodeConfig director(String name, String hostByte, boolean firstPairMaster,
            UnaryOperator<InstanceConfig.Builder> tweak) {
        List<InterfaceConfig> interfaces = List.of(new InterfaceConfig("eth0", v4("192.168.200." + hostByte)),
                new InterfaceConfig("eth1", v4("192.168.100." + hostByte)));
        List<InstanceConfig> instances = List.of(
                instance("VI_1", "eth0", 51, firstPairMaster, "k@l!ve1", tweak, "192.168.200.10", "192.168.200.11"),
                instance("VI_2", "eth1", 52, firstPairMaster, "k@l!ve2", tweak, "192.168.100.10"),
                instance("VI_3", "eth0", 53, !firstPairMaster, "k@l!ve3", tweak, "192.168.200.12", "192.168.200.13"),
                instance("VI_4", "eth1", 54, !firstPairMaster, "k@l!ve4", tweak, "192.168.100.11"));
        return new NodeConfig(name, interfaces, instances,
                List.of(new SyncGroupConfig("VG1", List.of("VI_1", "VI_2")), new SyncGroupConfig("VG2", List.of("VI_3", "VI_4"))));
    }

    private static InstanceConfig instance(String name, String iface, int vrid, boolean master, String authPass,
            UnaryOperator<InstanceConfig.Builder> tweak, String... vips) {
        InstanceConfig.Builder builder = InstanceConfig.builder(name, iface, vrid)
                .startState(master ? StartState.MASTER : StartState.BACKUP)
                .priority(master ? 150 : 100)
                .advertInterval(Duration.ofSeconds(1))
                .auth(AuthConfig.ah(authPass));
        for (String vip : vips) {
            builder.virtualAddress(v4(vip));
        }
        return tweak.apply(builder).build();
    }
}

package org.vrrpstudio.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.InterfaceAddresses;
import org.vrrpstudio.vrrp.binding.VipPlacement;
import org.vrrpstudio.vrrp.config.AuthType;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.StartState;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.sim.SimulatedCluster;

class DirectorBindingTest {

    private static Cluster seed() {
        ImportResult result = new ClusterImporter()
                .importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")), "lvs1", "lvs2");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        return result.cluster().orElseThrow();
    }

    /** 192.168.200.x on eth0 and 192.168.100.x on eth1, as in the case study. */
    static InterfaceAddresses hostByte(int host) {
        Map<String, String> nets = Map.of("eth0", "192.168.200.", "eth1", "192.168.100.");
        return name -> Optional.ofNullable(nets.get(name)).map(net -> (Inet4Address) InetAddress.ofLiteral(net + host));
    }

    @Test
    void seedDirectorOneGetsItsOwnPrioritiesAndTheSharedDefinitions() throws Exception {
        BoundDirector lvs1 = DirectorBinding.bind(seed(), "lvs1", hostByte(5));
        List<InstanceConfig> instances = lvs1.node().instances();
        assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"), instances.stream().map(InstanceConfig::name).toList());
        InstanceConfig vi1 = instances.get(0);
        assertEquals(51, vi1.vrid());
        assertEquals(150, vi1.priority());
        assertEquals(StartState.MASTER, vi1.startState());
        assertEquals("eth0", vi1.interfaceName());
        assertEquals(Duration.ofSeconds(1), vi1.advertInterval());
        assertEquals(AuthType.AH, vi1.auth().type());
        assertEquals(List.of(InetAddress.ofLiteral("192.168.200.10"), InetAddress.ofLiteral("192.168.200.11")), vi1.virtualAddresses());
        assertEquals(100, instances.get(2).priority(), "VI_3 is the backup side on lvs1");
        assertEquals(List.of("VG1", "VG2"), lvs1.node().syncGroups().stream().map(g -> g.name()).toList());
        assertEquals(Map.of("eth0", "eth0", "eth1", "eth1"), lvs1.segmentByInterface());
        assertTrue(lvs1.notRun().isEmpty(), lvs1.notRun()::toString);
    }

    @Test
    void mirroredDirectorSwapsPrioritiesAndStates() throws Exception {
        InstanceConfig vi1 = DirectorBinding.bind(seed(), "lvs2", hostByte(6)).node().instances().get(0);
        assertEquals(100, vi1.priority());
        assertEquals(StartState.BACKUP, vi1.startState());
    }

    /** lvs1 and lvs2 of {@code cluster} bound as hosts .5 and .6, on a simulated LAN, after 10 s of settling. */
    static SimulatedCluster startedPair(Cluster cluster) throws Exception {
        SimulatedCluster simulation = new SimulatedCluster(Duration.ofMillis(1));
        for (String director : new String[] {"lvs1", "lvs2"}) {
            BoundDirector bound = DirectorBinding.bind(cluster, director, hostByte(director.equals("lvs1") ? 5 : 6));
            simulation.addDirector(bound.node(), bound.segmentByInterface());
        }
        simulation.startAll();
        simulation.runFor(Duration.ofSeconds(10));
        return simulation;
    }

    @Test
    void boundSeedConvergesInTheEngineToTheCaseStudyDistribution() throws Exception {
        SimulatedCluster simulation = startedPair(seed());
        assertEquals(List.of("VI_1", "VI_2"), simulation.node("lvs1").masterInstances());
        assertEquals(List.of("VI_3", "VI_4"), simulation.node("lvs2").masterInstances());
    }

    @Test
    void unknownDirectorAndMissingAddressAreClearErrors() {
        Cluster cluster = seed();
        BindingException noDirector = assertThrows(BindingException.class,
                () -> DirectorBinding.bind(cluster, "lvs9", hostByte(5)));
        assertEquals("the cluster has no director 'lvs9'", noDirector.getMessage());
        BindingException noAddress = assertThrows(BindingException.class,
                () -> DirectorBinding.bind(cluster, "lvs1", name -> Optional.empty()));
        assertTrue(noAddress.getMessage().contains("interface eth0 has no IPv4 address"), noAddress::getMessage);
    }

    /**
     * keepalived: global_defs' vrrp_version is every instance's default, and VRRPv3 has no authentication, so an
     * authentication block is ignored there (the validator warns about it) rather than refused.
     */
    @Test
    void globalVrrpVersionIsTheDefaultAndVersion3IgnoresAuthentication() throws Exception {
        String conf = """
                global_defs {
                    vrrp_version 3
                }
                vrrp_instance VI_3 {
                    interface eth0
                    virtual_router_id 53
                    advert_int 0.5
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.168.200.30
                    }
                }
                vrrp_instance VI_4 {
                    interface eth0
                    virtual_router_id 54
                    version 2
                    authentication {
                        auth_type PASS
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        192.168.200.40
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("v3.conf"), conf), "lvs1");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        List<InstanceConfig> instances = DirectorBinding.bind(result.cluster().orElseThrow(), "lvs1", hostByte(5)).node().instances();
        assertEquals(VrrpVersion.V3, instances.get(0).version());
        assertEquals(Duration.ofMillis(500), instances.get(0).advertInterval());
        assertEquals(AuthType.NONE, instances.get(0).auth().type());
        assertEquals(VrrpVersion.V2, instances.get(1).version(), "an instance's own version wins");
        assertEquals(AuthType.PASS, instances.get(1).auth().type());
    }

    @Test
    void missingSecretIsNamedNotGuessed() {
        Cluster cluster = seed();
        cluster.getInstances().get(1).getAuthentication().setSecret(null);
        BindingException e = assertThrows(BindingException.class, () -> DirectorBinding.bind(cluster, "lvs1", hostByte(5)));
        assertEquals("director lvs1, vrrp_instance VI_2: auth_type AH without auth_pass (secret not loaded?)", e.getMessage());
    }

    @Test
    void vipPlacementKeepsPrefixDeviceBroadcastScopeAndLabel() throws Exception {
        String conf = """
                vrrp_instance VI_9 {
                    state MASTER
                    interface eth0
                    virtual_router_id 59
                    priority 150
                    virtual_ipaddress {
                        192.168.200.20
                        192.168.100.20/24 brd 192.168.100.255 dev eth1 scope link label eth1:vip
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("vip.conf"), conf), "lvs1");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        BoundDirector lvs1 = DirectorBinding.bind(result.cluster().orElseThrow(), "lvs1", hostByte(5));
        InetAddress bare = InetAddress.ofLiteral("192.168.200.20");
        InetAddress detailed = InetAddress.ofLiteral("192.168.100.20");
        assertEquals(VipPlacement.bare(bare), lvs1.placement("VI_9", bare));
        assertEquals("eth0", lvs1.placement("VI_9", bare).deviceOr("eth0"));
        assertEquals(new VipPlacement(detailed, 24, Optional.of("eth1"), Optional.of(InetAddress.ofLiteral("192.168.100.255")),
                Optional.of("link"), Optional.of("eth1:vip")), lvs1.placement("VI_9", detailed));
        assertEquals(List.of(bare, detailed), lvs1.node().instances().getFirst().virtualAddresses());
        assertTrue(lvs1.notRun().isEmpty(), lvs1.notRun()::toString);
    }

    @Test
    void bindingWithoutDetailsPlacesEveryVipBare() throws Exception {
        BoundDirector lvs1 = DirectorBinding.bind(seed(), "lvs1", hostByte(5));
        BoundDirector plain = new BoundDirector(lvs1.node(), lvs1.segmentByInterface(), lvs1.notRun());
        assertEquals(lvs1.placements(), plain.placements(), "the seed writes bare addresses");
        assertEquals(32, plain.placement("VI_1", InetAddress.ofLiteral("192.168.200.10")).prefixLength());
    }

    @Test
    void ipv6InstancesSendFromTheInterfacesLinkLocalAddressWhichMustExistAndNeedNoIpv4Address() throws Exception {
        String conf = """
                vrrp_instance VI_6 {
                    state MASTER
                    interface eth1
                    virtual_router_id 51
                    version 3
                    priority 150
                    virtual_ipaddress {
                        2001:db8:100::10/64
                    }
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    virtual_ipaddress {
                        192.168.200.10
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("v6.conf"), conf), "lvs1");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        Cluster cluster = result.cluster().orElseThrow();
        List<String> asked = new java.util.ArrayList<>();
        InterfaceAddresses ipv6OnlyEth1 = new InterfaceAddresses() {
            @Override
            public Optional<Inet4Address> primaryIpv4(String name) {
                return name.equals("eth1") ? Optional.empty() : hostByte(5).primaryIpv4(name);
            }

            @Override
            public Optional<java.net.Inet6Address> linkLocalIpv6(String name) {
                asked.add(name);
                return Optional.of((java.net.Inet6Address) InetAddress.ofLiteral("fe80::5"));
            }
        };
        BoundDirector lvs1 = DirectorBinding.bind(cluster, "lvs1", ipv6OnlyEth1);
        assertEquals(List.of("eth1"), asked, "only an interface with IPv6 instances needs a link-local address");
        var eth1 = lvs1.node().interfaces().stream().filter(i -> i.name().equals("eth1")).findFirst().orElseThrow();
        assertEquals(Optional.of(InetAddress.ofLiteral("fe80::5")), eth1.linkLocalIpv6());
        assertEquals(Optional.empty(), eth1.primaryIpv4(), "an interface with only IPv6 instances needs no IPv4 address");
        var eth0 = lvs1.node().interfaces().stream().filter(i -> i.name().equals("eth0")).findFirst().orElseThrow();
        assertEquals(Optional.of(InetAddress.ofLiteral("192.168.200.5")), eth0.primaryIpv4());
        assertEquals(64, lvs1.placement("VI_6", InetAddress.ofLiteral("2001:db8:100::10")).prefixLength());

        BindingException e = assertThrows(BindingException.class, () -> DirectorBinding.bind(cluster, "lvs1", hostByte(5)));
        assertEquals("director lvs1: interface eth1 has no IPv6 link-local address (needed by IPv6 instance VI_6)", e.getMessage());
    }
}

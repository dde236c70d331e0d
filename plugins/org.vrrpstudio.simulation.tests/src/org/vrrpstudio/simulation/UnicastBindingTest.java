package org.vrrpstudio.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.sim.SimulatedCluster;

/** The seed turned to unicast: director 1's file gives both directors' engine configs, swapped on director 2. */
class UnicastBindingTest {

    /** Each instance of the seed gets unicast_src_ip .5 and unicast_peer .6 on its interface's LAN. */
    static String unicastSeed(String seed) {
        Matcher m = Pattern.compile("(?m)^(\\s*)interface (eth[01])$").matcher(seed);
        return m.replaceAll(r -> {
            String net = r.group(2).equals("eth0") ? "192.168.200." : "192.168.100.";
            return Matcher.quoteReplacement(r.group() + "\n" + r.group(1) + "unicast_src_ip " + net + "5\n" + r.group(1)
                    + "unicast_peer {\n" + r.group(1) + "    " + net + "6\n" + r.group(1) + "}");
        });
    }

    private static Cluster unicastCluster() throws Exception {
        String text = unicastSeed(Files.readString(Path.of("data", "seed-director1.conf")));
        ImportResult result = new ClusterImporter().importWithMirror(new ConfigParser().parse(Path.of("d1.conf"), text), "lvs1",
                "lvs2");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        return result.cluster().orElseThrow();
    }

    @Test
    void eachDirectorSendsFromItsOwnAddressToTheOther() throws Exception {
        Cluster cluster = unicastCluster();
        BoundDirector lvs1 = DirectorBinding.bind(cluster, "lvs1", DirectorBindingTest.hostByte(5));
        BoundDirector lvs2 = DirectorBinding.bind(cluster, "lvs2", DirectorBindingTest.hostByte(6));
        assertTrue(lvs1.notRun().isEmpty(), lvs1.notRun()::toString);
        assertTrue(lvs2.notRun().isEmpty(), lvs2.notRun()::toString);
        InstanceConfig vi2on1 = lvs1.node().instances().get(1);
        assertEquals(Optional.of(InetAddress.ofLiteral("192.168.100.5")), vi2on1.sourceAddress());
        assertEquals(List.of(InetAddress.ofLiteral("192.168.100.6")), vi2on1.unicastPeers());
        InstanceConfig vi1on2 = lvs2.node().instances().get(0);
        assertEquals(Optional.of(InetAddress.ofLiteral("192.168.200.6")), vi1on2.sourceAddress());
        assertEquals(List.of(InetAddress.ofLiteral("192.168.200.5")), vi1on2.unicastPeers());
    }

    @Test
    void perPeerTtlOptionsAndUnicastTtlAreRun() throws Exception {
        String text = unicastSeed(Files.readString(Path.of("data", "seed-director1.conf")))
                .replaceFirst("192\\.168\\.200\\.6\n", "192.168.200.6 min_ttl 250 max_ttl 255\n")
                .replaceFirst("(vrrp_instance VI_1 \\{\n)", "$1    unicast_ttl 254\n");
        ParseResult parsed = new ConfigParser().parse(Path.of("d1.conf"), text);
        ImportResult result = new ClusterImporter().importSingle(parsed, "lvs1");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        InstanceConfig vi1 = DirectorBinding.bind(result.cluster().orElseThrow(), "lvs1", DirectorBindingTest.hostByte(5))
                .node().instances().stream().filter(i -> i.name().equals("VI_1")).findFirst().orElseThrow();
        assertEquals(List.of(InetAddress.ofLiteral("192.168.200.6")), vi1.unicastPeers());
        assertEquals(java.util.Map.of(InetAddress.ofLiteral("192.168.200.6"), new org.vrrpstudio.vrrp.config.TtlRange(250, 255)), vi1.peerTtl());
        assertEquals(254, vi1.unicastTtl());
        // the agent's own reader runs them the same way
        InstanceConfig direct = ConfigBinding.read(parsed, "lvs1").setup().orElseThrow().instances().stream()
                .filter(i -> i.name().equals("VI_1")).findFirst().orElseThrow();
        assertEquals(vi1.peerTtl(), direct.peerTtl());
        assertEquals(254, direct.unicastTtl());
    }

    @Test
    void aPeerOptionTheEngineCannotRunIsStillRefusedRatherThanRunAsMulticast() throws Exception {
        String text = unicastSeed(Files.readString(Path.of("data", "seed-director1.conf")))
                .replaceFirst("192\\.168\\.200\\.6\n", "192.168.200.6 frobnicate 1\n");
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("d1.conf"), text), "lvs1");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        BindingException e = org.junit.jupiter.api.Assertions.assertThrows(BindingException.class,
                () -> DirectorBinding.bind(result.cluster().orElseThrow(), "lvs1", DirectorBindingTest.hostByte(5)));
        assertTrue(e.getMessage().contains("vrrp_instance VI_1: unicast_peer with per-peer options"), e.getMessage());
    }

    @Test
    void boundUnicastSeedConvergesAndFailsOverInTheEngine() throws Exception {
        SimulatedCluster simulation = DirectorBindingTest.startedPair(unicastCluster());
        assertEquals(List.of("VI_1", "VI_2"), simulation.node("lvs1").masterInstances());
        assertEquals(List.of("VI_3", "VI_4"), simulation.node("lvs2").masterInstances());
        assertEquals(0, simulation.node("lvs1").rejectCounters().total(), simulation.node("lvs1").rejectCounters()::toString);
        simulation.setLinkUp("lvs1", "eth0", false);
        simulation.runFor(Duration.ofSeconds(10));
        assertEquals(List.of(), simulation.node("lvs1").masterInstances());
        assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"), simulation.node("lvs2").masterInstances());
    }
}

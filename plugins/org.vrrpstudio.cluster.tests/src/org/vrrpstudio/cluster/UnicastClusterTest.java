package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DirectorInstance;

/** unicast_src_ip / unicast_peer: validation rules and the mirror's swap of source and peer. */
class UnicastClusterTest {

    private final Cluster cluster = TestClusters.pairWithOneInstance();
    private final DirectorInstance on1 = cluster.getDirectors().get(0).getInstanceSettings().getFirst();
    private final DirectorInstance on2 = cluster.getDirectors().get(1).getInstanceSettings().getFirst();

    private List<Diagnostic> about(String fragment) {
        return ClusterValidator.validate(cluster).stream().filter(d -> d.message().contains(fragment)).toList();
    }

    private void unicastPair() {
        on1.setUnicastSrcIp("192.168.200.5");
        on1.getUnicastPeers().add("192.168.200.6");
        on2.setUnicastSrcIp("192.168.200.6");
        on2.getUnicastPeers().add("192.168.200.5");
    }

    @Test
    void aConsistentUnicastPairHasNothingToSayAboutUnicast() {
        unicastPair();
        List<Diagnostic> found = ClusterValidator.validate(cluster);
        assertTrue(found.stream().noneMatch(d -> d.message().contains("unicast")), found.toString());
    }

    @Test
    void aPeerListContainingTheSourceItselfIsAnError() {
        unicastPair();
        on1.getUnicastPeers().add("192.168.200.5");
        List<Diagnostic> found = about("this director's own unicast_src_ip");
        assertEquals(1, found.size(), ClusterValidator.validate(cluster).toString());
        assertEquals(Severity.ERROR, found.getFirst().severity());
    }

    @Test
    void unicastOnOneSideOnlyIsAnError() {
        on1.setUnicastSrcIp("192.168.200.5");
        on1.getUnicastPeers().add("192.168.200.6");
        List<Diagnostic> found = about("uses multicast");
        assertEquals(1, found.size(), ClusterValidator.validate(cluster).toString());
        assertEquals(Severity.ERROR, found.getFirst().severity());
        assertTrue(found.getFirst().message().contains("lvs1 use unicast_peer but lvs2 uses multicast"), found.toString());
    }

    @Test
    void aPeerOutsideTheSubnetTheVipsTellIsAWarning() {
        unicastPair();
        cluster.getInstances().getFirst().getVirtualAddresses().getFirst().setPrefix(24);
        assertTrue(about("is not in eth0's subnet").isEmpty(), "192.168.200.6 is in 192.168.200.0/24");
        on1.getUnicastPeers().add("10.1.2.3");
        List<Diagnostic> found = about("is not in eth0's subnet");
        assertEquals(1, found.size(), ClusterValidator.validate(cluster).toString());
        assertEquals(Severity.WARNING, found.getFirst().severity());
        assertTrue(found.getFirst().message().contains("unicast_peer 10.1.2.3 is not in eth0's subnet 192.168.200.0/24"),
                found.toString());
    }

    @Test
    void aPeerListMissingTheOtherDirectorsSourceAndABadAddressAreReported() {
        unicastPair();
        on2.getUnicastPeers().set(0, "192.168.200.7");
        assertEquals(Severity.WARNING, about("does not list 192.168.200.5").getFirst().severity());
        on2.getUnicastPeers().add("not-an-ip");
        assertEquals(Severity.ERROR, about("'not-an-ip' is not an IP address").getFirst().severity());
    }

    @Test
    void mirrorSwapsSourceAndPeer() {
        String d1 = """
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    unicast_src_ip 192.168.200.5
                    unicast_peer {
                        192.168.200.6
                    }
                    virtual_ipaddress {
                        192.168.200.10
                    }
                }
                """;
        Mirror.Result result = Mirror.derive(new ConfigParser().parse(Path.of("d1.conf"), d1));
        assertTrue(result.diagnostics().stream().noneMatch(d -> d.severity() != Severity.INFO), result.diagnostics().toString());
        String d2 = result.text().orElseThrow();
        assertTrue(d2.contains("unicast_src_ip 192.168.200.6"), d2);
        assertTrue(d2.matches("(?s).*unicast_peer \\{\\s*192\\.168\\.200\\.5\\s*}.*"), d2);
        // and back again
        String back = Mirror.mirror(new ConfigParser().parse(Path.of("d2.conf"), d2));
        assertTrue(back.contains("unicast_src_ip 192.168.200.5"), back);
        assertTrue(back.matches("(?s).*unicast_peer \\{\\s*192\\.168\\.200\\.6\\s*}.*"), back);
    }

    @Test
    void mirrorSaysWhatItCannotKnow() {
        String noSource = """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    unicast_peer {
                        192.168.200.6
                    }
                    virtual_ipaddress {
                        192.168.200.10
                    }
                }
                """;
        Mirror.Result result = Mirror.derive(new ConfigParser().parse(Path.of("d1.conf"), noSource));
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.severity() == Severity.WARNING
                && d.message().contains("has unicast_peer but no unicast_src_ip")), result.diagnostics().toString());

        String multicastWithSource = noSource.replace("unicast_peer {\n        192.168.200.6\n    }", "unicast_src_ip 192.168.200.5");
        result = Mirror.derive(new ConfigParser().parse(Path.of("d1.conf"), multicastWithSource));
        String d2 = result.text().orElseThrow();
        assertTrue(!d2.contains("unicast"), "director2 stays multicast with its own source address: " + d2);
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.message().contains("unicast_src_ip is director1's address")),
                result.diagnostics().toString());
    }
}

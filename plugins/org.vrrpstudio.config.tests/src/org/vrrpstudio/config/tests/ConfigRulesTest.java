package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.AdvertInterval;
import org.vrrpstudio.config.ConfigRules;
import org.vrrpstudio.config.ConfigRules.Finding;
import org.vrrpstudio.config.Severity;

/** The rules both the console's validator and the daemon's binding judge with, worded once. */
class ConfigRulesTest {

    private static Optional<Finding> interval(String text, int version) {
        return ConfigRules.advertInterval("vrrp_instance V", AdvertInterval.parsePlain(text), version);
    }

    @Test
    void advertIntervalByVersion() {
        assertEquals(Optional.empty(), interval("1", 2));
        assertEquals(Optional.empty(), interval("0.02", 3));
        assertEquals(Severity.ERROR, interval("0", 2).orElseThrow().severity());
        assertEquals("vrrp_instance V: VRRPv2 advertises whole seconds; advert_int 0.5 is not (use version 3 for sub-second "
                + "intervals)", interval("0.5", 2).orElseThrow().message());
        assertEquals(Severity.ERROR, interval("256", 2).orElseThrow().severity());
        assertEquals(Severity.ERROR, interval("40.951", 3).orElseThrow().severity());
        Finding rounded = interval("0.015", 3).orElseThrow();
        assertEquals(Severity.WARNING, rounded.severity(), "v3 carries centiseconds: 0.015 is rounded, not refused");
        assertEquals("advert_int", rounded.keyword());
    }

    @Test
    void unicastChecksInOrderWithTheCallersOwnLastCheck() {
        List<Finding> findings = ConfigRules.unicast("vrrp_instance V on d1", "10.0.0.1",
                List.of("10.0.0.1", "fe80::1", "nonsense", "10.9.0.2", "10.0.0.2"), false,
                (peer, address) -> peer.startsWith("10.9.")
                        ? Optional.of(new Finding("unicast_peer", Severity.WARNING, peer + " is far")) : Optional.empty());
        assertEquals(List.of(
                "vrrp_instance V on d1: unicast_peer lists 10.0.0.1, which is this director's own unicast_src_ip",
                "vrrp_instance V on d1: unicast_peer fe80::1 is not of the virtual addresses' family",
                "vrrp_instance V on d1: unicast_peer 'nonsense' is not an IP address",
                "10.9.0.2 is far"), findings.stream().map(Finding::message).toList());
        assertTrue(ConfigRules.unicast("n", "fe80::9", List.of(), false, (p, a) -> Optional.empty()).getFirst().message()
                .endsWith("unicast_src_ip fe80::9 is not of the virtual addresses' family"));
    }

    @Test
    void rangesAndTheVridDomain() {
        assertEquals(Optional.empty(), ConfigRules.vrid("n", 255));
        assertEquals(Optional.of("n: virtual_router_id 0 is out of range 1..255"), ConfigRules.vrid("n", 0));
        assertEquals(Optional.of("n: priority 256 is out of range 1..255"), ConfigRules.priority("n", 256));
        assertEquals(Optional.of("n: track weight -255 is out of range -254..254"), ConfigRules.trackWeight("n", -255));
        assertEquals(Optional.empty(), ConfigRules.trackWeight("n", null));
        assertEquals(Optional.of("n: version must be 2 or 3, not 4"), ConfigRules.version("n", 4));
        // IPv4 and IPv6 virtual routers are separate domains: the same VRID may serve one of each
        assertTrue(!ConfigRules.vridDomain("eth0", true, 51).equals(ConfigRules.vridDomain("eth0", false, 51)));
    }
}

package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.config.VrrpInstanceSpec;
import org.vrrpstudio.config.VrrpInstanceSpec.Part;

/** The one reading of a vrrp_instance block that the daemon's binding and the model's import both map. */
class VrrpInstanceSpecTest {

    private static ResolvedStatement block(String text) {
        return new ConfigParser().parse(Path.of("keepalived.conf"), text).resolutionForDirector(null).statements().getFirst();
    }

    private static Part part(VrrpInstanceSpec spec, String keyword) {
        return spec.parts().stream().filter(p -> p.statement().keyword().equals(keyword)).findFirst().orElseThrow();
    }

    @Test
    void readsEachModelledStatementWithItsValue() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        VrrpInstanceSpec spec = VrrpInstanceSpec.read(block("""
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 0.02
                    version 3
                    nopreempt
                    smtp_alert
                    authentication {
                        auth_type AH
                        auth_pass k@l!ve1
                    }
                    virtual_ipaddress {
                        192.168.200.16/24 dev eth0
                    }
                    unicast_peer {
                        10.0.0.2
                    }
                    track_interface {
                        eth1 weight -20
                    }
                    notify_master /bin/m
                }
                """), name -> false, diagnostics);
        assertEquals(List.of(), diagnostics);
        assertEquals("VI_1", spec.name());
        assertTrue(spec.parts().stream().allMatch(Part::modelled), spec.parts().toString());
        assertEquals(new VrrpInstanceSpec.State(true), part(spec, "state").value());
        assertEquals(new VrrpInstanceSpec.Word("eth0"), part(spec, "interface").value());
        assertEquals(new VrrpInstanceSpec.Number(150), part(spec, "priority").value());
        assertEquals("0.02", ((VrrpInstanceSpec.Interval) part(spec, "advert_int").value()).value().plain());
        assertEquals("AH", ((VrrpInstanceSpec.Authentication) part(spec, "authentication").value()).spec().type());
        VrrpInstanceSpec.Addresses addresses = (VrrpInstanceSpec.Addresses) part(spec, "virtual_ipaddress").value();
        assertEquals("eth0", addresses.addresses().getFirst().device());
        assertFalse(addresses.excluded());
        assertEquals(new VrrpInstanceSpec.Peers(List.of("10.0.0.2"), Map.of()), part(spec, "unicast_peer").value());
        assertEquals(-20, ((VrrpInstanceSpec.Tracks) part(spec, "track_interface").value()).lines().getFirst().weight());
        VrrpInstanceSpec.Notify notify = (VrrpInstanceSpec.Notify) part(spec, "notify_master").value();
        assertEquals(0, notify.index());
        assertNull(notify.line().user());
    }

    @Test
    void keptAsWrittenYetRunWhereTheEngineRunsIt() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        VrrpInstanceSpec spec = VrrpInstanceSpec.read(block("""
                vrrp_instance VI_1 {
                    unicast_ttl 64
                    unicast_peer {
                        10.0.0.2 min_ttl 250 max_ttl 255
                        10.0.0.3
                    }
                    notify_backup /bin/b nobody nogroup
                    use_vmac
                    frobnicate 1
                }
                """), name -> false, diagnostics);
        Part ttl = part(spec, "unicast_ttl");
        assertFalse(ttl.modelled());
        assertTrue(ttl.runByTheEngine());
        assertEquals(new VrrpInstanceSpec.UnicastTtl(64), ttl.value());
        Part peers = part(spec, "unicast_peer");
        assertFalse(peers.modelled(), "the model keeps per-peer options as written");
        assertTrue(peers.runByTheEngine());
        assertEquals(new VrrpInstanceSpec.Peers(List.of("10.0.0.2", "10.0.0.3"),
                Map.of("10.0.0.2", new VrrpInstanceSpec.TtlBounds(250, 255))), peers.value());
        Part notify = part(spec, "notify_backup");
        assertFalse(notify.modelled());
        assertFalse(notify.runByTheEngine(), "counted as not run: its value is taken through the Notify value");
        assertEquals("nobody nogroup", ((VrrpInstanceSpec.Notify) notify.value()).line().user());
        assertFalse(part(spec, "use_vmac").runByTheEngine());
        assertEquals(1, diagnostics.size(), diagnostics.toString()); // frobnicate only: use_vmac is a known keyword
        assertEquals("unknown keyword 'frobnicate' in vrrp_instance VI_1: kept as written", diagnostics.getFirst().message());
        assertEquals(Severity.WARNING, diagnostics.getFirst().severity());
    }

    @Test
    void reportsEachBadValueOnceInStatementOrder() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        VrrpInstanceSpec spec = VrrpInstanceSpec.read(block("""
                vrrp_instance VI_1 {
                    state LEADER
                    priority high
                    advert_int soon
                    unicast_ttl 0
                    unicast_peer {
                        10.0.0.2 min_ttl 9 max_ttl 3
                    }
                }
                """), name -> false, diagnostics);
        assertEquals(List.of("state must be MASTER or BACKUP", "priority must be a whole number, not 'high'",
                "advert_int must be a number of seconds, not 'soon'"), diagnostics.stream().map(Diagnostic::message).toList());
        assertEquals(List.of(2, 3, 4), diagnostics.stream().map(d -> d.location().line()).toList());
        assertInstanceOf(VrrpInstanceSpec.Nothing.class, part(spec, "state").value());
        assertTrue(part(spec, "priority").modelled(), "a bad value of a modelled keyword is not kept as text");
        assertFalse(part(spec, "unicast_ttl").runByTheEngine(), "0 is no TTL: kept as written, not run");
        assertFalse(part(spec, "unicast_peer").runByTheEngine(), "min_ttl above max_ttl: kept, and refused when bound");
    }

    @Test
    void aMissingOrRepeatedNameEndsTheReadingWithOneError() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        assertNull(VrrpInstanceSpec.read(block("vrrp_instance {\n priority x\n}\n"), name -> false, diagnostics));
        assertNull(VrrpInstanceSpec.read(block("vrrp_instance VI_1 {\n priority x\n}\n"), "VI_1"::equals, diagnostics));
        assertEquals(List.of("vrrp_instance needs a name", "vrrp_instance VI_1 is defined twice"),
                diagnostics.stream().map(Diagnostic::message).toList(), "the children of a refused block are not read");
    }

    @Test
    void theValueReadFromTheModelsTextIsTheFilesValue() {
        // the simulation reads what the model keeps as written one statement at a time: the same value as in the file
        ResolvedStatement written = block("unicast_peer {\n 10.0.0.2 max_ttl 200\n}\n");
        Part alone = VrrpInstanceSpec.part(written, new ArrayList<>());
        VrrpInstanceSpec inFile = VrrpInstanceSpec.read(block("vrrp_instance V {\nunicast_peer {\n 10.0.0.2 max_ttl 200\n}\n}\n"),
                name -> false, new ArrayList<>());
        assertEquals(inFile.parts().getFirst().value(), alone.value());
        assertEquals("track_script names 'chk', which no vrrp_script defines",
                VrrpInstanceSpec.missingScript(written, "chk").message());
    }
}

package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.config.VrrpSyncGroupSpec;
import org.vrrpstudio.config.VrrpSyncGroupSpec.Kind;

/** The one reading of a vrrp_sync_group block that the daemon's binding and the model's import both map. */
class VrrpSyncGroupSpecTest {

    @Test
    void sortsTheStatementsAndJudgesMembersOnce() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        VrrpSyncGroupSpec spec = VrrpSyncGroupSpec.read(new ConfigParser().parse(Path.of("keepalived.conf"), """
                vrrp_sync_group G {
                    group {
                        VI_1 VI_2
                        VI_1
                        VI_9
                    }
                    notify_master /bin/m
                    notify_backup "/bin/b arg" root
                    smtp_alert
                    frobnicate
                }
                """).resolutionForDirector(null).statements().getFirst(), diagnostics);
        assertEquals("G", spec.name());
        assertEquals(List.of(Kind.GROUP, Kind.NOTIFY, Kind.OPAQUE, Kind.SMTP_ALERT, Kind.OPAQUE),
                spec.parts().stream().map(VrrpSyncGroupSpec.Part::kind).toList());
        assertEquals(1, diagnostics.size(), diagnostics.toString()); // frobnicate only: notify with a user is known
        assertEquals("unknown keyword 'frobnicate' in vrrp_sync_group G: kept as written", diagnostics.getFirst().message());
        assertEquals(List.of("VI_1", "VI_2", "VI_1", "VI_9"), spec.members().stream().map(VrrpSyncGroupSpec.Member::name).toList());

        diagnostics.clear();
        Set<String> instances = Set.of("VI_1", "VI_2");
        List<String> added = new ArrayList<>();
        for (VrrpSyncGroupSpec.Member member : spec.members()) {
            if (spec.resolve(member, instances::contains, added::contains, diagnostics)) {
                added.add(member.name());
            }
        }
        assertEquals(List.of("VI_1", "VI_2"), added);
        assertEquals(2, diagnostics.size(), diagnostics.toString());
        assertEquals(Severity.WARNING, diagnostics.get(0).severity());
        assertEquals(4, diagnostics.get(0).location().line());
        assertEquals("vrrp_sync_group G lists VI_1 twice", diagnostics.get(0).message());
        assertEquals(Severity.ERROR, diagnostics.get(1).severity());
        assertEquals("vrrp_sync_group G names 'VI_9', which no vrrp_instance defines", diagnostics.get(1).message());
        assertTrue(diagnostics.get(1).location().line() == 5);
        assertFalse(spec.resolve(spec.members().getLast(), instances::contains, added::contains, new ArrayList<>()));
    }
}

package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.GlobalDefsSpec;
import org.vrrpstudio.config.NotifyLine;
import org.vrrpstudio.config.ResolvedStatement;

/** The one reading of global_defs that the daemon's binding, the simulation and the validator share. */
class GlobalDefsSpecTest {

    private static List<ResolvedStatement> children(String text) {
        return new ConfigParser().parse(Path.of("keepalived.conf"), text).resolutionForDirector(null).statements().stream()
                .flatMap(block -> block.children().stream()).toList();
    }

    @Test
    void takesTheFirstOfEachAndTheFifoScriptThatGoesWithTheFifo() {
        GlobalDefsSpec spec = GlobalDefsSpec.read(children("""
                global_defs {
                    router_id LVS_DEVEL
                    router_id SECOND
                    script_user
                    script_user keepalived_script nogroup
                    script_user root
                    vrrp_version 3
                    notify_fifo_script /bin/other
                    vrrp_notify_fifo /run/vrrp.fifo
                    notify_fifo /run/all.fifo
                    vrrp_notify_fifo_script "/usr/local/bin/read fifo" nobody
                    vrrp_notify_fifo_script /bin/later
                    smtp_server 127.0.0.1
                }
                """));
        assertEquals("LVS_DEVEL", spec.routerId().args().getFirst());
        assertEquals(3, spec.defaultVersion());
        assertEquals(Optional.of("keepalived_script nogroup"), spec.scriptUserAndGroup(), "the first with a user");
        assertFalse(spec.scriptSecurity());
        assertEquals(Optional.of("/run/vrrp.fifo"), spec.notifyFifoPath(), "the first FIFO, of either keyword");
        assertEquals(Optional.of(new NotifyLine("/usr/local/bin/read fifo", "nobody")), spec.notifyFifoScript(),
                "the first script of the FIFO's own keyword");
        assertEquals(3, spec.fifoScripts().size(), "every FIFO script, for the validator's script checks");
    }

    @Test
    void severalBlocksReadAsOneAndNothingGivenIsTheDefault() {
        GlobalDefsSpec spec = GlobalDefsSpec.read(children("""
                global_defs {
                    vrrp_version 2
                }
                global_defs {
                    enable_script_security
                    notify_fifo_script /bin/no-fifo
                }
                """));
        assertEquals(2, spec.defaultVersion());
        assertTrue(spec.scriptSecurity());
        assertEquals(Optional.empty(), spec.notifyFifoScript(), "no FIFO: its script is not started");
        assertNull(spec.routerId());
        assertEquals(GlobalDefsSpec.NONE, GlobalDefsSpec.read(List.of()));
    }
}

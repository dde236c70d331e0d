package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.VirtualAddressSpec;

/** The one reading of virtual_ipaddress lines that the daemon's binding and the model's import both map. */
class VirtualAddressSpecTest {

    @Test
    void readsEachLineAndReportsABadPrefixOnce() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<VirtualAddressSpec> lines = VirtualAddressSpec.read(new ConfigParser().parse(Path.of("keepalived.conf"), """
                virtual_ipaddress {
                    10.0.0.1/24 brd 10.0.0.255 dev eth0 scope global label eth0:1 no_track
                    10.0.0.2/x
                    fd00::1 dev
                }
                """).resolutionForDirector(null).statements().getFirst(), diagnostics);
        assertEquals(3, lines.size());
        VirtualAddressSpec first = lines.get(0);
        assertEquals(List.of("10.0.0.1", 24, "10.0.0.255", "eth0", "global", "eth0:1", List.of("no_track")),
                List.of(first.address(), first.prefix(), first.brd(), first.device(), first.scope(), first.label(),
                        first.options()));
        assertEquals("10.0.0.2", lines.get(1).address());
        assertNull(lines.get(1).prefix());
        assertNull(lines.get(2).device()); // dev without a value
        assertEquals(List.of(), lines.get(2).options());
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertEquals("bad prefix length in '10.0.0.2/x'", diagnostics.getFirst().message());
        assertEquals(3, diagnostics.getFirst().location().line());
    }
}

package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.config.VrrpScriptSpec;

/** The one reading of a vrrp_script block that the daemon's binding and the model's import both map. */
class VrrpScriptSpecTest {

    private static final Path FILE = Path.of("keepalived.conf");

    private static ResolvedStatement block(String text) {
        return new ConfigParser().parse(FILE, text).resolutionForDirector(null).statements().getFirst();
    }

    @Test
    void readsTheValuesAndMarksWhatIsKeptAsWritten() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        VrrpScriptSpec spec = VrrpScriptSpec.read(block("""
                vrrp_script chk {
                    script "/bin/true"
                    interval 2
                    interval 3
                    weight 10 reverse
                    fall 2
                    rise 1
                    timeout 4
                    user nobody nogroup
                    init_fail
                }
                """), diagnostics);
        assertEquals(List.of(), diagnostics);
        assertEquals("chk", spec.name());
        assertEquals("/bin/true", spec.script());
        assertEquals(3, spec.interval()); // the last one counts
        assertNull(spec.weight()); // weight N reverse is kept as written
        assertEquals(2, spec.fall());
        assertEquals(1, spec.rise());
        assertEquals(4, spec.timeout());
        assertEquals("nobody nogroup", spec.user());
        assertTrue(spec.initFail());
        assertEquals(List.of("script", "interval", "interval", "fall", "rise", "timeout", "user"),
                spec.parts().stream().filter(VrrpScriptSpec.Part::modelled).map(p -> p.statement().keyword()).toList());
        assertEquals(List.of("weight", "init_fail"),
                spec.parts().stream().filter(p -> !p.modelled()).map(p -> p.statement().keyword()).toList());
    }

    @Test
    void reportsEachProblemOnceWithItsLine() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        VrrpScriptSpec spec = VrrpScriptSpec.read(block("""
                vrrp_script chk {
                    interval 2
                    interval soon
                    frobnicate 1
                }
                """), diagnostics);
        assertEquals(2, spec.interval()); // a bad value leaves the earlier one
        assertEquals(2, diagnostics.size(), diagnostics.toString());
        assertEquals(3, diagnostics.get(0).location().line());
        assertTrue(diagnostics.get(0).severity() == Severity.ERROR, diagnostics.toString());
        assertEquals(4, diagnostics.get(1).location().line());
        assertFalse(diagnostics.get(1).severity() == Severity.ERROR);
        assertEquals("unknown keyword 'frobnicate' in vrrp_script chk: kept as written", diagnostics.get(1).message());
    }

    @Test
    void aBlockWithoutOneNameIsAnError() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        assertNull(VrrpScriptSpec.read(block("vrrp_script {\n script /bin/true\n}\n"), diagnostics));
        assertEquals(1, diagnostics.size());
        assertEquals("vrrp_script needs a name", diagnostics.getFirst().message());
    }
}

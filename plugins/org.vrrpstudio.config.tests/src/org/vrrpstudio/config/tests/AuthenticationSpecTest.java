package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.AuthenticationSpec;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;

/** The one reading of an authentication block that the daemon's binding and the model's import both map. */
class AuthenticationSpecTest {

    @Test
    void takesTheLastGoodValuesLocatesTheFirstAndReportsTheRestOnce() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        AuthenticationSpec spec = AuthenticationSpec.read(new ConfigParser().parse(Path.of("keepalived.conf"), """
                authentication {
                    auth_type PASS
                    auth_type MD5
                    auth_pass one
                    auth_pass two
                    auth_pass three four
                    auth_key x
                }
                """).resolutionForDirector(null).statements().getFirst(), diagnostics);
        assertEquals("PASS", spec.type());
        assertEquals("two", spec.secret());
        assertEquals(2, spec.typeAt().line());
        assertEquals(4, spec.passAt().line());
        assertEquals(List.of(true, false, true, true, false, false),
                spec.parts().stream().map(AuthenticationSpec.Part::taken).toList());
        assertEquals(List.of("auth_type must be PASS or AH, not 'MD5'", "auth_pass takes one password",
                "unknown keyword 'auth_key' in authentication block"),
                diagnostics.stream().map(Diagnostic::message).toList());
        assertEquals(List.of(3, 6, 7), diagnostics.stream().map(d -> d.location().line()).toList());
    }
}

package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;

/** A diagnostic is one line wherever it is shown (CLI, Problems view, log), whatever text of the file it quotes. */
class DiagnosticTest {

    private static final Location AT = new Location(Path.of("k.conf"), 3, 1);

    @Test
    void quotedLineBreaksAndControlCharactersAreShownEscaped() {
        // found by the config fuzzer: a quoted keyword with a line break made the import's warning two lines
        Diagnostic d = Diagnostic.warning(AT, "unknown keyword 'vrrp\nsync\r\u0000\u007f\u2028' at top level");
        assertEquals("unknown keyword 'vrrp\\nsync\\r\\x00\\x7f\\x2028' at top level", d.message());
        assertEquals("k.conf:3:1: warning: unknown keyword 'vrrp\\nsync\\r\\x00\\x7f\\x2028' at top level", d.format());
    }

    @Test
    void ordinaryMessagesAndTabsAreKeptAsTheyAre() {
        String message = "priority 256 out of range\t(1-254)";
        assertSame(message, Diagnostic.error(AT, message).message());
    }
}

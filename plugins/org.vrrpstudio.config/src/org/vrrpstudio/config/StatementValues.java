package org.vrrpstudio.config;

import java.math.BigDecimal;
import java.util.List;

/**
 * The one-number statements of keepalived.conf ({@code priority 150}, {@code advert_int 0.5}), read with the error
 * keepalived users should see when they are not: the model's importer and the agent's reader say the same words.
 */
public final class StatementValues {

    private StatementValues() {
    }

    /** The whole number {@code s} holds, or {@code null} after adding an error to {@code diagnostics}. */
    public static Integer integer(ResolvedStatement s, List<Diagnostic> diagnostics) {
        if (s.args().size() != 1 || s.hasBlock()) {
            diagnostics.add(Diagnostic.error(s.location(), s.keyword() + " takes one number"));
            return null;
        }
        try {
            return Integer.parseInt(s.args().getFirst());
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.error(s.location(), s.keyword() + " must be a whole number, not '" + s.args().getFirst() + "'"));
            return null;
        }
    }

    /** The number of seconds {@code s} holds, or {@code null} after adding an error to {@code diagnostics}. */
    public static BigDecimal seconds(ResolvedStatement s, List<Diagnostic> diagnostics) {
        if (s.args().size() != 1 || s.hasBlock()) {
            diagnostics.add(Diagnostic.error(s.location(), s.keyword() + " takes one number"));
            return null;
        }
        try {
            return new BigDecimal(s.args().getFirst());
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.error(s.location(), s.keyword() + " must be a number of seconds, not '" + s.args().getFirst() + "'"));
            return null;
        }
    }
}

package org.vrrpstudio.config;

import java.util.List;

/** The resolved statements for one config id, and the problems found while resolving (bad ~SEQ, braces...). */
public record Resolution(String configId, List<ResolvedStatement> statements, List<Diagnostic> diagnostics) {

    public Resolution {
        statements = List.copyOf(statements);
        diagnostics = List.copyOf(diagnostics);
    }
}

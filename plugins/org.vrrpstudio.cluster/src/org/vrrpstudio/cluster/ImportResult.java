package org.vrrpstudio.cluster;

import java.util.List;
import java.util.Optional;

import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Cluster;

/**
 * The outcome of an import: either a cluster (with warnings, and where each element came from) or only the
 * errors. Never a half-imported cluster.
 */
public record ImportResult(Optional<Cluster> cluster, SourceMap sources, List<Diagnostic> diagnostics) {

    public ImportResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean succeeded() {
        return cluster.isPresent();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }
}

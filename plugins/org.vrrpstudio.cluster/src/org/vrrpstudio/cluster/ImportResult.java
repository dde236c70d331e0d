package org.vrrpstudio.cluster;

import java.util.LinkedHashSet;
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
        // the same report at the same place once: a line a ~SEQ repeats 100,000 times is one warning, not 100,000
        diagnostics = List.copyOf(new LinkedHashSet<>(diagnostics));
    }

    public boolean succeeded() {
        return cluster.isPresent();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }
}

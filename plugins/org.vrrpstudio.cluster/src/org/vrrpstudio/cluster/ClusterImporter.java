package org.vrrpstudio.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vrrpstudio.cluster.internal.DirectorImport;
import org.vrrpstudio.cluster.internal.PairMerger;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;

/**
 * keepalived.conf → cluster model. Either from one director's file (the other director is derived as its
 * symmetric mirror, see {@link MirrorDerivation}) or from both directors' files (instances matched by name,
 * shared parts held once, differences that must not exist reported at both places).
 * <p>
 * Files are read as keepalived applies them for the given config id ({@code null}: none): includes inlined,
 * conditions, parameters and ~SEQ applied. Whatever the model does not interpret is kept as text.
 */
public final class ClusterImporter {

    private final String configId;

    public ClusterImporter() {
        this(null);
    }

    /** An importer that reads files as {@code keepalived -i configId} would. */
    public ClusterImporter(String configId) {
        this.configId = configId;
    }

    /** One director's file; a second director {@code mirrorName} is derived as its mirror. */
    public ImportResult importWithMirror(ParseResult file, String directorName, String mirrorName) {
        SourceMap sources = new SourceMap();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Cluster cluster = new DirectorImport(file, directorName, configId, sources, diagnostics).run();
        if (!hasErrors(diagnostics)) {
            Director source = cluster.getDirectors().getFirst();
            diagnostics.addAll(MirrorDerivation.addMirror(cluster, source, mirrorName, sources));
        }
        return finish(cluster, file, sources, diagnostics);
    }

    /** One director's file, as a cluster of that director only. */
    public ImportResult importSingle(ParseResult file, String directorName) {
        SourceMap sources = new SourceMap();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Cluster cluster = new DirectorImport(file, directorName, configId, sources, diagnostics).run();
        return finish(cluster, file, sources, diagnostics);
    }

    /** Both directors' files: shared definitions once, per-director settings where they may differ. */
    public ImportResult importPair(ParseResult first, String firstName, ParseResult second, String secondName) {
        SourceMap sources = new SourceMap();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Cluster a = new DirectorImport(first, firstName, configId, sources, diagnostics).run();
        Cluster b = new DirectorImport(second, secondName, configId, sources, diagnostics).run();
        if (hasErrors(diagnostics)) {
            return new ImportResult(Optional.empty(), sources, diagnostics);
        }
        Cluster merged = new PairMerger(sources, diagnostics).merge(a, b);
        return finish(merged, first, sources, diagnostics);
    }

    private static ImportResult finish(Cluster cluster, ParseResult file, SourceMap sources,
            List<Diagnostic> diagnostics) {
        if (hasErrors(diagnostics)) {
            return new ImportResult(Optional.empty(), sources, diagnostics);
        }
        cluster.setName(baseName(file));
        return new ImportResult(Optional.of(cluster), sources, diagnostics);
    }

    private static String baseName(ParseResult file) {
        String name = file.main().path().getFileName() == null ? "cluster"
                : file.main().path().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}

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
        hintConfigIds(file, configId, diagnostics);
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
        hintConfigIds(file, configId, diagnostics);
        return finish(cluster, file, sources, diagnostics);
    }

    /** Both directors' files: shared definitions once, per-director settings where they may differ. */
    public ImportResult importPair(ParseResult first, String firstName, ParseResult second, String secondName) {
        return pair(first, firstName, configId, second, secondName, configId);
    }

    /**
     * Both directors from one file written for both with {@code @id} lines (keepalived {@code -i firstId} on the
     * first director, {@code -i secondId} on the second): the file read once for each id, then merged as a pair.
     */
    public static ImportResult importPairFromOneFile(ParseResult file, String firstName, String firstId, String secondName,
            String secondId) {
        return importPair(file, firstName, firstId, file, secondName, secondId);
    }

    /** Both directors' files, each read for its own config id. */
    public static ImportResult importPair(ParseResult first, String firstName, String firstId, ParseResult second,
            String secondName, String secondId) {
        return new ClusterImporter(null).pair(first, firstName, firstId, second, secondName, secondId);
    }

    private ImportResult pair(ParseResult first, String firstName, String firstId, ParseResult second, String secondName,
            String secondId) {
        SourceMap sources = new SourceMap();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Cluster a = new DirectorImport(first, firstName, firstId, sources, diagnostics).run();
        hintConfigIds(first, firstId, diagnostics);
        Cluster b = new DirectorImport(second, secondName, secondId, sources, diagnostics).run();
        if (second != first) {
            hintConfigIds(second, secondId, diagnostics);
        }
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

    /**
     * A file written for config ids ({@code @lb-a} lines), read without one, usually fails on what only those lines
     * define ({@code $PRI}): say which ids it has and how to read it.
     */
    private static void hintConfigIds(ParseResult file, String configId, List<Diagnostic> diagnostics) {
        java.util.SortedSet<String> ids = file.configIds();
        if (configId != null || ids.isEmpty() || !hasErrors(diagnostics)) {
            return;
        }
        String first = ids.first();
        String second = ids.size() > 1 ? new ArrayList<>(ids).get(1) : "OTHER";
        diagnostics.add(Diagnostic.info(org.vrrpstudio.config.Location.of(file.main().path()),
                "the file has lines for config id" + (ids.size() == 1 ? " " : "s ") + String.join(", ", ids)
                        + " (@id lines) and was read without one: import it as one director with --config-id " + first
                        + ", or both directors from this one file with --config-id " + first + "," + second));
    }

    static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}

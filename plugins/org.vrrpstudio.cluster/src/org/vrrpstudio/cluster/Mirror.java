package org.vrrpstudio.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;

/**
 * The {@code mirror} command: from one director's keepalived.conf, the peer's file in a symmetric pair
 * (MASTER ↔ BACKUP with swapped priorities, everything else equal; see {@link MirrorDerivation}).
 * It goes through the cluster model: import, derive the mirror director, export.
 */
public final class Mirror {

    static final String SOURCE = "director1";
    static final String PEER = "director2";

    private Mirror() {
    }

    /** The result: the peer's file text when the source imported without errors, and all diagnostics. */
    public record Result(Optional<String> text, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public static Result derive(ParseResult source) {
        ImportResult imported = new ClusterImporter().importWithMirror(source, SOURCE, PEER);
        List<Diagnostic> diagnostics = new ArrayList<>(imported.diagnostics());
        Optional<String> text = imported.cluster().map(cluster -> new ClusterExporter().exportText(cluster, PEER));
        return new Result(text, diagnostics);
    }

    /**
     * The peer's file text. Throws {@link IllegalArgumentException} with the formatted errors when the
     * source cannot be imported; callers that show diagnostics use {@link #derive}.
     */
    public static String mirror(ParseResult source) {
        Result result = derive(source);
        return result.text().orElseThrow(() -> new IllegalArgumentException(String.join("\n",
                result.diagnostics().stream().map(Diagnostic::format).toList())));
    }
}

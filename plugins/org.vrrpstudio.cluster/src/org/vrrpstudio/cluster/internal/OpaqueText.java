package org.vrrpstudio.cluster.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.Statement;

/**
 * Converts statements the model does not interpret to and from text. The written source is kept (with the
 * comments inside its block) when it says exactly what keepalived applies; otherwise (parameters, conditions,
 * ~SEQ) the resolved form is written, so the text never depends on definitions that are not carried along.
 */
public final class OpaqueText {

    private static final Path NOMINAL = Path.of("opaque-statement.conf");

    private OpaqueText() {
    }

    public static String of(ResolvedStatement resolved) {
        Statement source = resolved.source();
        Statement written = source != null && faithful(source, resolved) ? source.withCondition(null)
                : rebuild(resolved);
        return new ConfigWriter().format(ConfigFile.of(NOMINAL, written)).strip();
    }

    /** The statements of an opaque text, as nodes to put into a written file. */
    public static List<Node> nodes(String text) {
        ParseResult parsed = new ConfigParser().parse(NOMINAL, text);
        return parsed.main().nodes();
    }

    /** A statement rebuilt from its resolved form (keyword and arguments quoted where needed). */
    public static Statement rebuild(ResolvedStatement resolved) {
        if (!resolved.hasBlock()) {
            return Statement.fromValues(resolved.keyword(), resolved.args(), null);
        }
        List<Node> children = new ArrayList<>();
        for (ResolvedStatement child : resolved.children()) {
            children.add(rebuild(child));
        }
        return Statement.fromValues(resolved.keyword(), resolved.args(), children);
    }

    private static boolean faithful(Statement source, ResolvedStatement resolved) {
        if (!source.repeats().isEmpty() || source.oneLine() || !source.keyword().equals(resolved.keyword())
                || !source.values().equals(resolved.args()) || source.hasBlock() != resolved.hasBlock()) {
            return false;
        }
        List<Statement> sourceChildren = new ArrayList<>();
        for (Node node : source.children()) {
            if (node instanceof Statement child) {
                sourceChildren.add(child);
            } else if (!(node instanceof org.vrrpstudio.config.ast.Comment
                    || node instanceof org.vrrpstudio.config.ast.BlankLine)) {
                return false; // includes or parameter definitions inside the block
            }
        }
        if (sourceChildren.size() != resolved.children().size()) {
            return false;
        }
        for (int i = 0; i < sourceChildren.size(); i++) {
            Statement child = sourceChildren.get(i);
            if (child.condition() != null || !faithful(child, resolved.children().get(i))) {
                return false;
            }
        }
        return true;
    }
}

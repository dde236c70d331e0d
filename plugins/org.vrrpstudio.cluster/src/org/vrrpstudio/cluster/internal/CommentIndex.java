package org.vrrpstudio.cluster.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.ast.BlankLine;
import org.vrrpstudio.config.ast.Comment;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.Statement;

/**
 * The comment lines written just before each statement of a parsed file (and its includes). The resolved
 * view drops comments; the importer looks them up here through {@code ResolvedStatement.source()}.
 */
public final class CommentIndex {

    private final Map<Statement, List<String>> leading = new IdentityHashMap<>();

    public CommentIndex(ParseResult parsed) {
        for (ConfigFile file : parsed.files()) {
            index(file.nodes());
        }
    }

    private void index(List<Node> nodes) {
        List<String> pending = new ArrayList<>();
        for (Node node : nodes) {
            switch (node) {
                case Comment comment -> pending.add(comment.raw());
                case BlankLine blank -> {
                    // a blank line inside a comment run is kept as an empty comment line
                    if (!pending.isEmpty()) {
                        pending.add("");
                    }
                }
                case Statement statement -> {
                    while (!pending.isEmpty() && pending.getLast().isEmpty()) {
                        pending.removeLast();
                    }
                    if (!pending.isEmpty()) {
                        leading.put(statement, List.copyOf(pending));
                    }
                    pending.clear();
                    index(statement.children());
                }
                default -> pending.clear();
            }
        }
    }

    /** The comment lines (raw, with marker; "" for a blank line between them) before {@code statement}. */
    public List<String> before(Statement statement) {
        return statement == null ? List.of() : leading.getOrDefault(statement, List.of());
    }
}

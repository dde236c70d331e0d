package org.vrrpstudio.cluster.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.ast.BlankLine;
import org.vrrpstudio.config.ast.Comment;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.ParamDefinition;
import org.vrrpstudio.config.ast.Statement;

/**
 * The comment lines written just before each statement of a parsed file (and its includes), read in the order
 * keepalived reads them (an included file's lines where its {@code include} stands). The resolved view drops
 * comments; the importer looks them up here through {@code ResolvedStatement.source()}. Comments before (and on)
 * a {@code $NAME=} definition or an {@code include} line go with the next statement, since those lines are
 * applied on import and not written again; comments after the last statement of the file are kept as its end.
 */
public final class CommentIndex {

    private final Map<Statement, List<String>> leading = new IdentityHashMap<>();
    private final Map<Statement, List<String>> insideEnd = new IdentityHashMap<>();
    private final List<String> end = new ArrayList<>();
    private final Set<Statement> blankBefore = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** A blank line came before the current run of comments (or before the next statement, when there is none). */
    private boolean blankSeen;

    public CommentIndex(ParseResult parsed) {
        List<String> pending = new ArrayList<>();
        index(parsed.main().nodes(), pending);
        trimBlank(pending);
        end.addAll(pending);
    }

    private void index(List<Node> nodes, List<String> pending) {
        for (Node node : nodes) {
            switch (node) {
                case Comment comment -> pending.add(comment.raw());
                case BlankLine blank -> {
                    // a blank line inside a comment run is kept as an empty comment line
                    if (!pending.isEmpty()) {
                        pending.add("");
                    } else {
                        blankSeen = true;
                    }
                }
                case Statement statement -> {
                    trimBlank(pending);
                    if (!pending.isEmpty()) {
                        leading.put(statement, List.copyOf(pending));
                    }
                    pending.clear();
                    if (blankSeen) {
                        blankBefore.add(statement);
                    }
                    blankSeen = false;
                    if (statement.hasBlock()) {
                        List<String> last = new ArrayList<>();
                        index(statement.block(), last);
                        trimBlank(last);
                        if (!last.isEmpty()) {
                            insideEnd.put(statement, List.copyOf(last));
                        }
                        blankSeen = false;
                    }
                }
                case ParamDefinition definition -> {
                    if (definition.comment() != null) {
                        pending.add(definition.comment());
                    }
                }
                case Include include -> {
                    if (include.comment() != null) {
                        pending.add(include.comment());
                    }
                    include.files().forEach(file -> index(file.nodes(), pending));
                }
                default -> {
                }
            }
        }
    }

    private static void trimBlank(List<String> lines) {
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
    }

    /** The comment lines (raw, with marker; "" for a blank line between them) before {@code statement}. */
    public List<String> before(Statement statement) {
        return statement == null ? List.of() : leading.getOrDefault(statement, List.of());
    }

    /** Whether a blank line separates {@code statement} (with the comments before it) from what precedes it. */
    public boolean blankBefore(Statement statement) {
        return statement != null && blankBefore.contains(statement);
    }

    /** The comment lines after the last statement of {@code statement}'s block, before its closing brace. */
    public List<String> insideEnd(Statement statement) {
        return statement == null ? List.of() : insideEnd.getOrDefault(statement, List.of());
    }

    /** The comment lines after the file's last statement. */
    public List<String> end() {
        return List.copyOf(end);
    }
}

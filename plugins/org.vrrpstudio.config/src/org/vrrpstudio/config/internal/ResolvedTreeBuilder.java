package org.vrrpstudio.config.internal;

import java.util.ArrayList;
import java.util.List;

import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.ast.Statement;

/** Builds resolved statements from the final lines' words and braces, with keepalived's brace rules. */
final class ResolvedTreeBuilder {

    private static final class Draft {
        final String keyword;
        final List<String> args = new ArrayList<>();
        final Location location;
        final Statement source;
        List<Draft> children;

        Draft(String keyword, Location location, Statement source) {
            this.keyword = keyword;
            this.location = location;
            this.source = source;
        }
    }

    /** An open block; {@code owner} is null for a stray '{' whose contents stay at the outer level. */
    private record Frame(Draft owner, List<Draft> statements, Location opened) {
    }

    private final List<Diagnostic> diagnostics;
    private final List<Draft> topLevel = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private boolean tooDeep;

    ResolvedTreeBuilder(List<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
        frames.add(new Frame(null, topLevel, null));
    }

    void line(List<Token> tokens, Location location, Statement source) {
        if (tooDeep) {
            return;
        }
        Draft onLine = null;
        boolean lastWasClose = false;
        for (Token token : tokens) {
            List<Draft> current = frames.getLast().statements();
            switch (token.kind()) {
                case WORD -> {
                    if (onLine == null) {
                        onLine = new Draft(Quoting.unquote(token.raw()), location, source);
                        current.add(onLine);
                    } else {
                        onLine.args.add(Quoting.unquote(token.raw()));
                    }
                }
                case OPEN -> {
                    if (frames.size() > Limits.MAX_BLOCK_DEPTH) {
                        tooDeep = true;
                        diagnostics.add(Diagnostic.error(location, "blocks nested more than "
                                + Limits.MAX_BLOCK_DEPTH + " deep; the rest of the configuration is ignored"));
                        return;
                    }
                    Draft owner = onLine;
                    if (owner == null && !lastWasClose && !current.isEmpty() && current.getLast().children == null) {
                        owner = current.getLast(); // '{' on its own line
                    }
                    if (owner == null) {
                        diagnostics.add(Diagnostic.error(location, "'{' without a keyword to open a block for"));
                        frames.add(new Frame(null, current, location));
                    } else {
                        owner.children = new ArrayList<>();
                        frames.add(new Frame(owner, owner.children, location));
                    }
                    onLine = null;
                }
                case CLOSE -> {
                    if (frames.size() == 1) {
                        diagnostics.add(Diagnostic.error(location, "'}' without an open block"
                                + " (is the line that opened it conditional or repeated?)"));
                    } else {
                        frames.removeLast();
                    }
                    onLine = null;
                }
            }
            lastWasClose = token.kind() == Token.Kind.CLOSE;
        }
    }

    List<ResolvedStatement> finish() {
        while (frames.size() > 1) {
            Frame open = frames.removeLast();
            if (tooDeep) {
                continue; // the nesting error said why
            }
            diagnostics.add(Diagnostic.error(open.opened(), "block"
                    + (open.owner() == null ? "" : " of '" + open.owner().keyword + "'") + " is never closed"));
        }
        return freeze(topLevel);
    }

    private static List<ResolvedStatement> freeze(List<Draft> drafts) {
        List<ResolvedStatement> statements = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            statements.add(new ResolvedStatement(d.keyword, d.args, d.children == null ? List.of() : freeze(d.children),
                    d.location, d.source, d.children != null));
        }
        return statements;
    }
}

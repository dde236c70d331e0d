package org.vrrpstudio.config.tests;

import java.util.List;

import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.ast.BlankLine;
import org.vrrpstudio.config.ast.Comment;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.ParamDefinition;
import org.vrrpstudio.config.ast.Statement;

/** Structural dumps that ignore locations, so trees can be compared across a write/parse round trip. */
public final class AstShape {

    private AstShape() {
    }

    public static String of(ConfigFile file) {
        StringBuilder out = new StringBuilder();
        nodes(file.nodes(), 0, out);
        return out.toString();
    }

    private static void nodes(List<Node> nodes, int depth, StringBuilder out) {
        for (Node node : nodes) {
            out.append("  ".repeat(depth));
            switch (node) {
                case BlankLine b -> out.append("BLANK\n");
                case Comment c -> out.append("COMMENT ").append(c.raw()).append('\n');
                case ParamDefinition p -> out.append("DEF ").append(p.condition()).append(" $").append(p.name())
                        .append('=').append(p.valueLines()).append(" ").append(p.comment()).append('\n');
                case Include i -> {
                    out.append("INCLUDE ").append(i.keyword()).append(' ').append(i.pattern()).append(' ')
                            .append(i.comment()).append('\n');
                    for (ConfigFile f : i.files()) {
                        out.append("  ".repeat(depth + 1)).append("FILE ").append(f.path()).append('\n');
                        nodes(f.nodes(), depth + 2, out);
                    }
                }
                case Statement s -> {
                    out.append("STMT ").append(s.condition()).append(' ').append(s.repeats()).append(' ')
                            .append(s.keyword()).append(' ').append(s.arguments()).append(" #").append(s.comment())
                            .append(" #").append(s.closingComment()).append(s.oneLine() ? " oneLine" : "")
                            .append(s.hasBlock() ? " {" : "").append('\n');
                    if (s.hasBlock()) {
                        nodes(s.block(), depth + 1, out);
                    }
                }
            }
        }
    }

    public static String ofResolved(List<ResolvedStatement> statements) {
        StringBuilder out = new StringBuilder();
        resolved(statements, 0, out);
        return out.toString();
    }

    private static void resolved(List<ResolvedStatement> statements, int depth, StringBuilder out) {
        for (ResolvedStatement s : statements) {
            out.append("  ".repeat(depth)).append(s.keyword()).append(' ').append(s.args())
                    .append(s.hasBlock() ? " {" : "").append('\n');
            resolved(s.children(), depth + 1, out);
        }
    }
}

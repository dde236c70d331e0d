package org.vrrpstudio.config.internal;

import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.Statement;

/** The canonical text of a statement's own line, shared by the writer and the resolver. */
public final class StatementText {

    private StatementText() {
    }

    /** {@code [@id ][~SEQ(..) ]keyword [args...]} without brace or comment. */
    public static String header(Statement statement) {
        StringBuilder text = new StringBuilder();
        if (statement.condition() != null) {
            text.append(statement.condition()).append(' ');
        }
        for (String repeat : statement.repeats()) {
            text.append(repeat).append(' ');
        }
        text.append(statement.keyword());
        for (String argument : statement.arguments()) {
            text.append(' ').append(argument);
        }
        return text.toString();
    }

    /** Whether the statement must stay on one line: a prefixed line whose block closes on the same line. */
    public static boolean staysOnOneLine(Statement statement) {
        return statement.oneLine() && statement.hasBlock()
                && (statement.condition() != null || !statement.repeats().isEmpty())
                && statement.comment() == null && fitsOnOneLine(statement);
    }

    private static boolean fitsOnOneLine(Statement statement) {
        for (Node child : statement.children()) {
            if (!(child instanceof Statement s) || s.comment() != null || s.closingComment() != null
                    || (s.hasBlock() && !fitsOnOneLine(s))) {
                return false;
            }
        }
        return true;
    }

    /** {@code header { child { grandchild } child2 }}: children written without the line's prefix. */
    public static String oneLine(Statement statement) {
        StringBuilder text = new StringBuilder(header(statement));
        appendBlock(statement, text);
        return text.toString();
    }

    private static void appendBlock(Statement statement, StringBuilder text) {
        text.append(" {");
        for (Node child : statement.children()) {
            Statement s = (Statement) child;
            text.append(' ').append(s.keyword());
            for (String argument : s.arguments()) {
                text.append(' ').append(argument);
            }
            if (s.hasBlock()) {
                appendBlock(s, text);
            }
        }
        text.append(" }");
    }
}

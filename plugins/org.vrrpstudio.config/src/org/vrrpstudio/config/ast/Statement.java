package org.vrrpstudio.config.ast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.internal.Quoting;
import org.vrrpstudio.config.internal.Secrets;

/**
 * A keyword line with its arguments and, when it opens one, its block.
 *
 * @param location       where the keyword starts
 * @param condition      the {@code @id}/{@code @^id} prefix, or {@code null}
 * @param repeats        {@code ~SEQ(...)}, {@code ~SEQx(...)}, {@code ~LST(...)} prefixes as written, in order
 * @param keyword        the first word, raw
 * @param arguments      the other words, raw: quotes kept exactly as written (see {@link #values()})
 * @param block          the block's nodes, or {@code null} when the statement opens no block
 * @param comment        the comment ending the keyword's line ({@code "# text"}), or {@code null}
 * @param closingComment the comment after the block's closing brace, or {@code null}
 * @param oneLine        the block is written on the keyword's line; only honoured (and only set by the parser)
 *                       for statements with a condition or repeats, because keepalived applies those to the
 *                       physical line, so splitting the line would change its meaning
 */
public record Statement(Location location, Condition condition, List<String> repeats, String keyword,
        List<String> arguments, List<Node> block, String comment, String closingComment, boolean oneLine)
        implements Node {

    public Statement {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keyword, "keyword");
        if (keyword.isEmpty()) {
            throw new IllegalArgumentException("empty keyword");
        }
        repeats = List.copyOf(repeats);
        arguments = List.copyOf(arguments);
        block = block == null ? null : List.copyOf(block);
    }

    /** A statement that opens a block, built in code. Arguments are values: they are quoted if they need it. */
    public static Statement of(String keyword, List<String> argumentValues, Node... children) {
        return of(keyword, argumentValues, Arrays.asList(children));
    }

    /** A statement that opens a block, built in code. Arguments are values: they are quoted if they need it. */
    public static Statement of(String keyword, List<String> argumentValues, List<? extends Node> children) {
        return new Statement(Location.NONE, null, List.of(), keyword, quoteAll(argumentValues),
                List.copyOf(children), null, null, false);
    }

    /** A block statement without arguments, e.g. {@code authentication { ... }}. */
    public static Statement block(String keyword, Node... children) {
        return of(keyword, List.of(), children);
    }

    /** A statement without a block, e.g. {@code leaf("priority", "150")}. Arguments are quoted if needed. */
    public static Statement leaf(String keyword, String... argumentValues) {
        return new Statement(Location.NONE, null, List.of(), keyword, quoteAll(Arrays.asList(argumentValues)),
                null, null, null, false);
    }

    /**
     * A statement rebuilt from resolved values ({@code children} null: no block). Unlike {@link #of} and
     * {@link #leaf}, the keyword is a value too: a resolved keyword can be empty or hold spaces (a line that starts
     * with {@code ""}), and is quoted then so the written statement reads back the same.
     */
    public static Statement fromValues(String keywordValue, List<String> argumentValues, List<? extends Node> children) {
        return new Statement(Location.NONE, null, List.of(), Quoting.quoteIfNeeded(keywordValue), quoteAll(argumentValues),
                children == null ? null : List.copyOf(children), null, null, false);
    }

    private static List<String> quoteAll(List<String> values) {
        List<String> raw = new ArrayList<>(values.size());
        for (String value : values) {
            raw.add(Quoting.quoteIfNeeded(value));
        }
        return raw;
    }

    public boolean hasBlock() {
        return block != null;
    }

    /** The block's nodes; empty when there is no block. */
    public List<Node> children() {
        return block == null ? List.of() : block;
    }

    /** The block's statements with the given keyword (comments etc. skipped). */
    public List<Statement> statements(String childKeyword) {
        List<Statement> found = new ArrayList<>();
        for (Node node : children()) {
            if (node instanceof Statement s && s.keyword.equals(childKeyword)) {
                found.add(s);
            }
        }
        return found;
    }

    /** The arguments with quotes removed and escapes applied, as keepalived sees them (no substitution). */
    public List<String> values() {
        List<String> values = new ArrayList<>(arguments.size());
        for (String raw : arguments) {
            values.add(Quoting.unquote(raw));
        }
        return values;
    }

    public Statement withCondition(Condition newCondition) {
        return new Statement(location, newCondition, repeats, keyword, arguments, block, comment, closingComment,
                oneLine);
    }

    public Statement withRepeats(List<String> newRepeats) {
        return new Statement(location, condition, newRepeats, keyword, arguments, block, comment, closingComment,
                oneLine);
    }

    /** The same statement with a trailing comment; {@code text} is without marker, e.g. {@code "primary"}. */
    public Statement withComment(String text) {
        return new Statement(location, condition, repeats, keyword, arguments, block,
                text == null ? null : "# " + text, closingComment, oneLine);
    }

    public Statement withChildren(List<? extends Node> children) {
        return new Statement(location, condition, repeats, keyword, arguments, List.copyOf(children), comment,
                closingComment, oneLine);
    }

    /** The same statement with one more node at the end of its block (a block is opened if there was none). */
    public Statement withChild(Node child) {
        List<Node> children = new ArrayList<>(children());
        children.add(child);
        return withChildren(children);
    }

    @Override
    public String toString() {
        String args = Secrets.isSecretKeyword(keyword) ? "[***]" : arguments.toString();
        return "Statement[" + (condition == null ? "" : condition + " ") + String.join(" ", repeats)
                + (repeats.isEmpty() ? "" : " ") + keyword + " " + args
                + (block == null ? "" : " {" + block.size() + " nodes}") + ", " + location + "]";
    }
}

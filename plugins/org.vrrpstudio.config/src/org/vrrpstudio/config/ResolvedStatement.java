package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vrrpstudio.config.ast.Statement;
import org.vrrpstudio.config.internal.Secrets;

/**
 * A statement as keepalived applies it: includes inlined, conditions applied, parameters substituted,
 * {@code ~SEQ}/{@code ~LST} expanded, quotes removed.
 *
 * @param keyword  the keyword
 * @param args     the arguments, unquoted and unescaped
 * @param children the block's statements (empty when there is no block or it is empty; see {@link #hasBlock()})
 * @param location where the statement (or, for generated lines, the line that produced it) was written
 * @param source   the syntax node that produced it: the statement itself, or the {@code $PARAM}/{@code ~SEQ} line
 *                 it was expanded from; {@code null} only for statements of a block closed by a generated line
 */
public record ResolvedStatement(String keyword, List<String> args, List<ResolvedStatement> children,
        Location location, Statement source, boolean hasBlock) {

    public ResolvedStatement {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(location, "location");
        args = List.copyOf(args);
        children = List.copyOf(children);
    }

    /** A statement without a block flag: it has a block exactly when it has children. */
    public ResolvedStatement(String keyword, List<String> args, List<ResolvedStatement> children, Location location,
            Statement source) {
        this(keyword, args, children, location, source, !children.isEmpty());
    }

    /** The first child with this keyword. */
    public Optional<ResolvedStatement> child(String childKeyword) {
        for (ResolvedStatement child : children) {
            if (child.keyword.equals(childKeyword)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    /** All children with this keyword, in order. */
    public List<ResolvedStatement> children(String childKeyword) {
        List<ResolvedStatement> found = new ArrayList<>();
        for (ResolvedStatement child : children) {
            if (child.keyword.equals(childKeyword)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The argument at {@code index} (0 = first after the keyword), if there is one. */
    public Optional<String> arg(int index) {
        return index >= 0 && index < args.size() ? Optional.of(args.get(index)) : Optional.empty();
    }

    /** Keyword and arguments as one list: handy for list blocks like {@code group { VI_1 VI_2 }}. */
    public List<String> words() {
        List<String> words = new ArrayList<>(args.size() + 1);
        words.add(keyword);
        words.addAll(args);
        return words;
    }

    @Override
    public String toString() {
        return "ResolvedStatement[" + keyword + " " + (Secrets.isSecretKeyword(keyword) ? "[***]" : args)
                + (hasBlock ? " {" + children.size() + " children}" : "") + ", " + location + "]";
    }
}

package org.vrrpstudio.ui.logic;

import java.util.BitSet;
import java.util.List;

/**
 * Which lines of two texts the side-by-side view highlights: the lines the deploy's edit script
 * ({@link org.vrrpstudio.deploy.diff.LineDiff}, Myers with a capped search) deletes on the left and inserts on the
 * right. One diff for the console and the deploy, so both show the same changed lines.
 */
public final class LineDiff {

    /** Changed line numbers (0-based) of each side. */
    public record Result(BitSet leftChanged, BitSet rightChanged) {

        public boolean identical() {
            return leftChanged.isEmpty() && rightChanged.isEmpty();
        }
    }

    private LineDiff() {
    }

    public static List<String> lines(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return text.isEmpty() ? List.of() : List.of(body.split("\n", -1));
    }

    public static Result compare(String left, String right) {
        return compare(lines(left), lines(right));
    }

    public static Result compare(List<String> a, List<String> b) {
        BitSet left = new BitSet(a.size());
        BitSet right = new BitSet(b.size());
        for (org.vrrpstudio.deploy.diff.LineDiff.Edit edit : org.vrrpstudio.deploy.diff.LineDiff.compute(a, b)) {
            switch (edit.op()) {
                case DELETE -> left.set(edit.oldIndex());
                case INSERT -> right.set(edit.newIndex());
                case EQUAL -> { }
            }
        }
        return new Result(left, right);
    }
}

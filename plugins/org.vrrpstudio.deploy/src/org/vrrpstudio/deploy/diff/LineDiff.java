package org.vrrpstudio.deploy.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Line-based shortest edit script (Myers, "An O(ND) Difference Algorithm", 1986).
 * <p>
 * Common prefix and suffix are trimmed first, so typical config edits cost almost nothing. The middle part
 * is searched for at most {@link #MAX_EDIT_DISTANCE} edits; beyond that (a rewritten or huge file) the
 * middle part is reported as "all removed, all added": still a correct diff, just not a minimal one, and
 * memory stays bounded.
 */
public final class LineDiff {

    /** Above this many edits the search stops and the coarse (but correct) script is used. */
    static final int MAX_EDIT_DISTANCE = 2_000;

    public enum Op { EQUAL, DELETE, INSERT }

    /**
     * One line of the edit script. {@code oldIndex}/{@code newIndex} are 0-based positions of the line in
     * the old/new list; the one that does not apply (new for DELETE, old for INSERT) is the position the
     * edit happens at.
     */
    public record Edit(Op op, int oldIndex, int newIndex, String line) {
    }

    private LineDiff() {
    }

    /** The edit script turning {@code oldLines} into {@code newLines}, in order. */
    public static List<Edit> compute(List<String> oldLines, List<String> newLines) {
        int prefix = 0;
        int maxPrefix = Math.min(oldLines.size(), newLines.size());
        while (prefix < maxPrefix && oldLines.get(prefix).equals(newLines.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < maxPrefix - prefix
                && oldLines.get(oldLines.size() - 1 - suffix).equals(newLines.get(newLines.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> script = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            script.add(new Edit(Op.EQUAL, i, i, oldLines.get(i)));
        }
        List<String> oldMiddle = oldLines.subList(prefix, oldLines.size() - suffix);
        List<String> newMiddle = newLines.subList(prefix, newLines.size() - suffix);
        List<Edit> middle = myers(oldMiddle, newMiddle);
        if (middle == null) {
            middle = coarse(oldMiddle, newMiddle);
        }
        for (Edit e : middle) {
            script.add(new Edit(e.op(), e.oldIndex() + prefix, e.newIndex() + prefix, e.line()));
        }
        for (int i = 0; i < suffix; i++) {
            int o = oldLines.size() - suffix + i;
            int n = newLines.size() - suffix + i;
            script.add(new Edit(Op.EQUAL, o, n, oldLines.get(o)));
        }
        return script;
    }

    private static List<Edit> coarse(List<String> a, List<String> b) {
        List<Edit> script = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < a.size(); i++) {
            script.add(new Edit(Op.DELETE, i, 0, a.get(i)));
        }
        for (int j = 0; j < b.size(); j++) {
            script.add(new Edit(Op.INSERT, a.size(), j, b.get(j)));
        }
        return script;
    }

    /** Greedy forward search keeping one frontier per edit count for the backtrack; null when too far apart. */
    private static List<Edit> myers(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        if (n == 0 || m == 0) {
            return coarse(a, b);
        }
        int limit = Math.min(n + m, MAX_EDIT_DISTANCE);
        // frontier[k + offset] = furthest x reached on diagonal k = x - y
        int offset = limit + 1;
        int[] frontier = new int[2 * limit + 3];
        List<int[]> history = new ArrayList<>();
        for (int d = 0; d <= limit; d++) {
            history.add(frontier.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]))
                        ? frontier[offset + k + 1]
                        : frontier[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                frontier[offset + k] = x;
                if (x >= n && y >= m) {
                    return backtrack(a, b, history, offset, d);
                }
            }
        }
        return null;
    }

    private static List<Edit> backtrack(List<String> a, List<String> b, List<int[]> history, int offset, int distance) {
        List<Edit> reversed = new ArrayList<>();
        int x = a.size();
        int y = b.size();
        for (int d = distance; d >= 0; d--) {
            int[] frontier = history.get(d);
            int k = x - y;
            int previousK = (k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1])) ? k + 1 : k - 1;
            int previousX = d == 0 ? 0 : frontier[offset + previousK];
            int previousY = d == 0 ? 0 : previousX - previousK;
            while (x > previousX && y > previousY) {
                x--;
                y--;
                reversed.add(new Edit(Op.EQUAL, x, y, a.get(x)));
            }
            if (d > 0) {
                if (x == previousX) {
                    reversed.add(new Edit(Op.INSERT, x, y - 1, b.get(y - 1)));
                } else {
                    reversed.add(new Edit(Op.DELETE, x - 1, y, a.get(x - 1)));
                }
            }
            x = previousX;
            y = previousY;
        }
        Collections.reverse(reversed);
        return reversed;
    }
}

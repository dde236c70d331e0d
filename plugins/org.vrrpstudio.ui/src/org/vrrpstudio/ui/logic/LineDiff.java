package org.vrrpstudio.ui.logic;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which lines of two texts are not part of their longest common line sequence (Myers' O(ND) algorithm), i.e. the
 * lines the side-by-side view highlights. Cost grows with the number of differences, not the file size squared,
 * so two 200-instance director files compare in milliseconds.
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
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            // only diagonals -d..d can be read back for this step: keep that slice, not the whole array
            trace.add(java.util.Arrays.copyOfRange(v, offset - d, offset + d + 1));
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        BitSet left = new BitSet(n);
        BitSet right = new BitSet(m);
        left.set(0, n);
        right.set(0, m);
        // Walk back through the saved frontiers, clearing the lines of each diagonal (matching) run.
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] previous = trace.get(d);
            int k = x - y;
            int previousK = (k == -d || (k != d && previous[d + k - 1] < previous[d + k + 1])) ? k + 1 : k - 1;
            int previousX = previous[d + previousK];
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                x--;
                y--;
                left.clear(x);
                right.clear(y);
            }
            x = previousX;
            y = previousY;
        }
        while (x > 0 && y > 0) {
            x--;
            y--;
            left.clear(x);
            right.clear(y);
        }
        return new Result(left, right);
    }
}

package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    private static BitSet bits(int... lines) {
        BitSet set = new BitSet();
        for (int line : lines) {
            set.set(line);
        }
        return set;
    }

    @Test
    void identicalTextsHaveNoChangedLines() {
        assertTrue(LineDiff.compare("a\nb\nc\n", "a\nb\nc\n").identical());
    }

    @Test
    void changedInsertedAndDeletedLinesAreMarkedOnTheirSide() {
        LineDiff.Result result = LineDiff.compare("a\nstate MASTER\nc\nd\n", "a\nstate BACKUP\nc\nextra\nd\n");
        assertEquals(bits(1), result.leftChanged());
        assertEquals(bits(1, 3), result.rightChanged());
        LineDiff.Result deleted = LineDiff.compare("x\ny\nz", "x\nz");
        assertEquals(bits(1), deleted.leftChanged());
        assertEquals(bits(), deleted.rightChanged());
    }

    @Test
    void emptySides() {
        assertEquals(bits(0, 1), LineDiff.compare("", "a\nb\n").rightChanged());
        assertEquals(bits(0), LineDiff.compare("a", "").leftChanged());
    }

    @Test
    void unchangedLineCountIsTheLongestCommonSubsequence() {
        // brute-force LCS on small random texts gives the same count of unchanged lines
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 300; round++) {
            List<String> a = randomLines(random);
            List<String> b = randomLines(random);
            LineDiff.Result result = LineDiff.compare(a, b);
            int lcs = lcs(a, b);
            assertEquals(lcs, a.size() - result.leftChanged().cardinality(), a + " vs " + b);
            assertEquals(lcs, b.size() - result.rightChanged().cardinality(), a + " vs " + b);
        }
    }

    private static List<String> randomLines(java.util.Random random) {
        List<String> lines = new ArrayList<>();
        int n = random.nextInt(9);
        for (int i = 0; i < n; i++) {
            lines.add(String.valueOf((char) ('a' + random.nextInt(3))));
        }
        return lines;
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                table[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? table[i - 1][j - 1] + 1
                        : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return table[a.size()][b.size()];
    }
}

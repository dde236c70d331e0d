package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.diff.UnifiedDiff;

class UnifiedDiffTest {

    @TempDir
    Path tmp;

    @Test
    void identicalTextsHaveNoHunks() {
        UnifiedDiff diff = UnifiedDiff.between("a", "x\ny\n", "b", "x\ny\n");
        assertTrue(diff.isEmpty());
        assertEquals("", diff.render(false));
        assertEquals("+0 -0 lines", diff.stats());
    }

    @Test
    void rendersLikeDiffU() {
        String old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n";
        String now = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\n";
        assertEquals("""
                --- old
                +++ new
                @@ -1,7 +1,7 @@
                 a
                 b
                 c
                -d
                +D
                 e
                 f
                 g
                @@ -9,3 +9,4 @@
                 i
                 j
                 k
                +l
                """, UnifiedDiff.between("old", old, "new", now).render(false));
    }

    @Test
    void sameOutputAsGnuDiffWhereTheScriptIsUnique() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/diff")), "needs GNU diff");
        String old = "global_defs {\n  router_id lvs1\n}\nvrrp_instance VI_1 {\n  priority 100\n  advert_int 1\n}\n";
        String now = "global_defs {\n  router_id lvs1\n}\nvrrp_instance VI_1 {\n  priority 150\n  advert_int 1\n  nopreempt\n}\n";
        assertEquals(gnuDiff(old, now), UnifiedDiff.between("old", old, "new", now).render(false));
    }

    @Test
    void missingNewlineAtEndIsAChangeAndIsMarked() {
        String rendered = UnifiedDiff.between("old", "a\nb", "new", "a\nb\n").render(false);
        assertEquals("""
                --- old
                +++ new
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +b
                """, rendered);
    }

    @Test
    void fromAndToEmptyText() {
        assertEquals("--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.between("old", "", "new", "a\nb\n").render(false));
        assertEquals("--- old\n+++ new\n@@ -1 +0,0 @@\n-a\n", UnifiedDiff.between("old", "a\n", "new", "").render(false));
    }

    @Test
    void randomEditsApplyBackAndAreMinimal() {
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            List<String> a = randomLines(random);
            List<String> b = mutate(random, a);
            String old = String.join("", a);
            String now = String.join("", b);
            UnifiedDiff diff = UnifiedDiff.between("old", old, "new", now, random.nextInt(4));
            assertEquals(now, PatchApplier.apply(old, diff.render(false)), "round " + round);
            int lcs = lcs(a, b);
            assertEquals(a.size() - lcs, diff.removedLines(), "removed lines minimal, round " + round);
            assertEquals(b.size() - lcs, diff.addedLines(), "added lines minimal, round " + round);
        }
    }

    @Test
    void gnuPatchAcceptsOurOutput() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/patch")), "needs GNU patch");
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<String> a = randomLines(random);
            String old = String.join("", a);
            String now = String.join("", mutate(random, a));
            Path file = tmp.resolve("f" + round);
            Files.writeString(file, old);
            Path patchFile = tmp.resolve("p" + round);
            Files.writeString(patchFile, UnifiedDiff.between("old", old, "new", now).render(false));
            Process patch = new ProcessBuilder("/usr/bin/patch", "--quiet", "--force", file.toString(), patchFile.toString())
                    .redirectErrorStream(true).start();
            String out = new String(patch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, patch.waitFor(), out);
            assertEquals(now, Files.readString(file), "round " + round);
        }
    }

    @Test
    void hugeRewritesStillGiveACorrectDiff() {
        StringBuilder old = new StringBuilder("header\n");
        StringBuilder now = new StringBuilder("header\n");
        for (int i = 0; i < 6000; i++) {
            old.append("old ").append(i).append('\n');
            now.append("new ").append(i).append('\n');
        }
        old.append("footer\n");
        now.append("footer\n");
        UnifiedDiff diff = UnifiedDiff.between("old", old.toString(), "new", now.toString());
        assertEquals(6000, diff.removedLines());
        assertEquals(6000, diff.addedLines());
        assertEquals(now.toString(), PatchApplier.apply(old.toString(), diff.render(false)));
    }

    @Test
    void secretsAreMaskedOnRequestAndNeverInToString() {
        String old = "authentication {\n    auth_type PASS\n    auth_pass oldSecret\n}\n";
        String now = "authentication {\n    auth_type PASS\n    auth_pass \"new Secret\"\n}\n";
        UnifiedDiff diff = UnifiedDiff.between("old", old, "new", now);
        String masked = diff.render(true);
        assertTrue(masked.contains("-    auth_pass ********\n+    auth_pass ********\n"), masked);
        assertFalse(masked.contains("Secret"), masked);
        assertTrue(diff.render(false).contains("oldSecret"));
        assertFalse(diff.toString().contains("Secret"), diff.toString());
    }

    @Test
    void aCommentAfterTheSecretIsMaskedTooForItCanHoldTheRestOfThePassword() {
        // keepalived reads "auth_pass k@l!ve1" as the password k@l and the comment !ve1; the export writes "k@l !ve1"
        UnifiedDiff diff = UnifiedDiff.between("old", "", "new", "    auth_pass k@l !ve1\n    auth_type AH # auth_pass x\n");
        String masked = diff.render(true);
        assertEquals("+    auth_pass ********\n+    auth_type AH # auth_pass ********\n", masked.substring(masked.indexOf("@@\n") + 3));
    }

    private String gnuDiff(String old, String now) throws IOException, InterruptedException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Files.writeString(a, old);
        Files.writeString(b, now);
        Process p = new ProcessBuilder("/usr/bin/diff", "-u", "--label", "old", "--label", "new", a.toString(), b.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static List<String> randomLines(Random random) {
        List<String> lines = new ArrayList<>();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            lines.add((char) ('a' + random.nextInt(5)) + "\n");
        }
        if (!lines.isEmpty() && random.nextInt(5) == 0) {
            String last = lines.removeLast();
            lines.add(last.substring(0, last.length() - 1));
        }
        return lines;
    }

    private static List<String> mutate(Random random, List<String> a) {
        List<String> b = new ArrayList<>();
        for (String line : a) {
            int r = random.nextInt(10);
            if (r == 0) {
                continue;
            }
            if (r == 1) {
                b.add((char) ('a' + random.nextInt(5)) + "\n");
            }
            b.add(line.endsWith("\n") || random.nextBoolean() ? line : line + "\n");
        }
        if (random.nextInt(3) == 0) {
            b.add("z\n");
        }
        // a line without terminator may only be last
        for (int i = 0; i < b.size() - 1; i++) {
            if (!b.get(i).endsWith("\n")) {
                b.set(i, b.get(i) + "\n");
            }
        }
        return b;
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }
}

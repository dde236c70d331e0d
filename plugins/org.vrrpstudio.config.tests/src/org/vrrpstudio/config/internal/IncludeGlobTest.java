package org.vrrpstudio.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Include patterns matched without regular expressions (issue 20: a pattern of many '*' hung the reader). */
class IncludeGlobTest {

    private static final List<String> PATTERNS = List.of("*", "*.conf", "a*", "*a", "a*b*c", "?", "??.conf", "a?c",
            "[ab]*", "[!ab]*", "[a-c]x", "[]a]", "[!]a]", "[a-]", "\\*", "a\\?", "*[0-9]", "**", "***.conf", "*a*a*a*b",
            "[", "a[", "[a", "x[!a-z]y", "keepalived.conf");
    private static final List<String> NAMES = List.of("", "a", "b", "ab", "abc", "a.conf", "ab.conf", "abc.conf", "axbxc",
            "cx", "]", "-", "*", "a?", "ax", "x1", "x9y", "xAy", "aaab", "aaaa", "[", "a[", "keepalived.conf", "conf");

    @Test
    void matchesAsTheJdksGlobDoesForEveryPatternAndName() {
        for (String pattern : PATTERNS) {
            java.nio.file.PathMatcher jdk;
            try {
                jdk = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            } catch (RuntimeException e) {
                continue; // a pattern the JDK refuses ("[", "[]a]"): glob(3) takes it, and so do we (next test)
            }
            for (String name : NAMES) {
                if (name.isEmpty()) {
                    continue; // an empty path names nothing to the JDK
                }
                boolean expected = jdk.matches(Path.of(name));
                assertEquals(expected, IncludeGlob.matches(pattern, name), "'" + pattern + "' against '" + name + "'");
            }
        }
    }

    @Test
    void whatTheJdkRefusesIsTakenAsGlob3TakesIt() {
        assertEquals(true, IncludeGlob.matches("[]a]", "]"), "a ']' first in a class is a member");
        assertEquals(true, IncludeGlob.matches("[!]a]", "b"));
        assertEquals(false, IncludeGlob.matches("[!]a]", "]"));
        assertEquals(true, IncludeGlob.matches("[", "["), "an unclosed class is a character");
        assertEquals(true, IncludeGlob.matches("a[", "a["));
        assertEquals(true, IncludeGlob.matches("[^a]", "b"), "'^' negates as '!' does");
    }

    @Test
    void manyStarsTakeStepsNotAges() {
        String pattern = "*".repeat(40) + "x" + "*a".repeat(30) + "z";
        String name = "a".repeat(200);
        // with a regular expression made of this pattern the match ran for more than ten minutes in the fuzzer
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(IncludeGlob.matches(pattern, name)));
    }

    @Test
    void bracesExpandNestedAndBounded() throws IOException {
        assertEquals(List.of("a.conf", "b1.conf", "b2.conf", "c.conf"), IncludeGlob.alternatives("{a,b{1,2},c}.conf"));
        assertEquals(List.of("x{.conf"), IncludeGlob.alternatives("x{.conf"), "an unclosed brace is a character");
        assertEquals(List.of("{a.conf", "{b.conf"), IncludeGlob.alternatives("{{a,b}.conf"));
        IOException tooMany = assertThrows(IOException.class, () -> IncludeGlob.alternatives("{a,b}".repeat(11)));
        assertEquals("its braces give more than 1000 patterns", tooMany.getMessage());
    }

    @Test
    void expandsPerSegmentSortedWithoutHiddenFilesAndBounded(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("conf.d/sub"));
        for (String file : List.of("b.conf", "a.conf", ".hidden.conf", "c.txt", "conf.d/x.conf", "conf.d/sub/y.conf")) {
            Files.writeString(dir.resolve(file), "");
        }
        Files.createDirectories(dir.resolve("d.conf")); // a directory is not an include file
        assertEquals(List.of(dir.resolve("a.conf"), dir.resolve("b.conf")), IncludeGlob.expand(dir, "*.conf"));
        assertEquals(List.of(dir.resolve(".hidden.conf")), IncludeGlob.expand(dir, ".*.conf"));
        assertEquals(List.of(dir.resolve("conf.d/x.conf")), IncludeGlob.expand(dir, "*/*.conf"));
        assertEquals(List.of(dir.resolve("a.conf"), dir.resolve("c.txt")), IncludeGlob.expand(dir, "{a.conf,c.*,a.*}"));
        assertEquals(List.of(dir.resolve("conf.d/sub/y.conf")), IncludeGlob.expand(dir, dir + "/conf.d/s?b/[x-z].conf"));
        assertEquals(List.of(), IncludeGlob.expand(dir, "*".repeat(40) + "x"));
        assertThrows(IOException.class, () -> IncludeGlob.expand(dir, "*" + "a".repeat(5000)));
    }
}

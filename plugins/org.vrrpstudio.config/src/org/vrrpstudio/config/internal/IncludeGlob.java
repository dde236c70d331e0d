package org.vrrpstudio.config.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Expands an include pattern the way glob(3) does for keepalived: relative to the including file's directory,
 * {@code * ? [..] {a,b}} per path segment (a {@code *} never crosses a {@code /}), matches sorted.
 * <p>
 * Matching is our own and takes at most (name length × pattern length) steps: a regular expression made of the
 * pattern (the JDK's and Jimfs's glob matchers) backtracks without bound on a pattern such as {@code *****…x}, which
 * the config fuzzer found to hang the reader (issue 20). Brace alternatives are expanded first, at most
 * {@value #MAX_ALTERNATIVES} of them.
 */
public final class IncludeGlob {

    static final int MAX_ALTERNATIVES = 1_000;
    /** PATH_MAX: glob(3) matches no longer path, and it bounds what the alternatives can take. */
    static final int MAX_PATTERN = 4_096;

    private IncludeGlob() {
    }

    public static boolean isGlob(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    /**
     * Regular files matching {@code pattern}, sorted; {@code baseDir} anchors relative patterns. Everything happens in
     * {@code baseDir}'s file system (the default one, or an in-memory one in tests and the fuzzer).
     *
     * @throws IOException also for a pattern longer than {@value #MAX_PATTERN} characters, or whose braces give more
     *                     than {@value #MAX_ALTERNATIVES} alternatives
     */
    public static List<Path> expand(Path baseDir, String pattern) throws IOException {
        if (pattern.length() > MAX_PATTERN) {
            throw new IOException("it is longer than " + MAX_PATTERN + " characters");
        }
        FileSystem fs = baseDir.getFileSystem();
        if (!isGlob(pattern)) {
            Path patternPath = fs.getPath(pattern);
            Path anchored = patternPath.isAbsolute() ? patternPath : baseDir.resolve(patternPath);
            return Files.isRegularFile(anchored) ? List.of(anchored.normalize()) : List.of();
        }
        TreeSet<Path> found = new TreeSet<>();
        for (String alternative : alternatives(pattern)) {
            Path patternPath = fs.getPath(alternative);
            Path anchored = patternPath.isAbsolute() ? patternPath : baseDir.resolve(patternPath);
            List<String> segments = new ArrayList<>();
            for (Path part : anchored) {
                segments.add(part.toString());
            }
            Path start = anchored.getRoot() == null ? fs.getPath("") : anchored.getRoot();
            collect(start, segments, 0, found);
        }
        return List.copyOf(found);
    }

    /** The files under {@code dir} whose path from there matches {@code segments} from {@code index} on. */
    private static void collect(Path dir, List<String> segments, int index, TreeSet<Path> found) throws IOException {
        String segment = segments.get(index);
        boolean last = index == segments.size() - 1;
        if (!isGlob(segment)) {
            Path next = dir.resolve(segment);
            if (last ? Files.isRegularFile(next) : Files.isDirectory(next)) {
                step(next, segments, index, found);
            }
            return;
        }
        Path listed = dir.toString().isEmpty() ? dir.getFileSystem().getPath(".") : dir;
        if (!Files.isDirectory(listed)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(listed)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // glob(3) lets a wildcard match a leading dot only when the pattern segment itself starts with one
                boolean dotAllowed = !name.startsWith(".") || segment.startsWith(".");
                if (dotAllowed && matches(segment, name)) {
                    Path next = dir.resolve(name);
                    if (last ? Files.isRegularFile(next) : Files.isDirectory(next)) {
                        step(next, segments, index, found);
                    }
                }
            }
        }
    }

    private static void step(Path next, List<String> segments, int index, TreeSet<Path> found) throws IOException {
        if (index == segments.size() - 1) {
            found.add(next.normalize());
        } else {
            collect(next, segments, index + 1, found);
        }
    }

    /**
     * Whether {@code name} matches one segment's pattern ({@code *}, {@code ?}, {@code [..]} with {@code !} or
     * {@code ^}, {@code \} escaping the next character): the greedy wildcard walk, which returns to the last
     * {@code *} on a mismatch and so never needs more than (name length × pattern length) steps.
     */
    static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starP = -1; // where the pattern goes on after the last '*'
        int starN = -1; // the name position that '*' has swallowed up to
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                while (p < pattern.length() && pattern.charAt(p) == '*') {
                    p++;
                }
                starP = p;
                starN = n;
                continue;
            }
            int next = p < pattern.length() ? matchOne(pattern, p, name.charAt(n)) : -1;
            if (next >= 0) {
                p = next;
                n++;
            } else if (starP >= 0) {
                p = starP;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** The pattern index after the element at {@code p} when it matches {@code c}, else -1. */
    private static int matchOne(String pattern, int p, char c) {
        char first = pattern.charAt(p);
        if (first == '?') {
            return p + 1;
        }
        if (first == '\\' && p + 1 < pattern.length()) {
            return pattern.charAt(p + 1) == c ? p + 2 : -1;
        }
        if (first == '[') {
            int end = classEnd(pattern, p);
            if (end > 0) {
                return inClass(pattern, p + 1, end, c) ? end + 1 : -1;
            }
        }
        return first == c ? p + 1 : -1; // a '[' without its ']' is itself
    }

    /** The index of the ']' closing the class that opens at {@code open}, or -1. */
    private static int classEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++; // a ']' first is a member
        }
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            i++;
        }
        return i < pattern.length() ? i : -1;
    }

    private static boolean inClass(String pattern, int from, int end, char c) {
        boolean negated = pattern.charAt(from) == '!' || pattern.charAt(from) == '^';
        int i = negated ? from + 1 : from;
        boolean member = false;
        while (i < end) { // a ']' right after the opening (and '!') is a member: classEnd skipped it
            char low = pattern.charAt(i);
            if (i + 2 < end && pattern.charAt(i + 1) == '-') {
                member |= low <= c && c <= pattern.charAt(i + 2);
                i += 3;
            } else {
                member |= low == c;
                i++;
            }
        }
        return member != negated;
    }

    /** The pattern with each {@code {a,b,..}} group (nested ones too) expanded, in order; a lone brace is itself. */
    static List<String> alternatives(String pattern) throws IOException {
        List<String> done = new ArrayList<>();
        List<String> pending = new ArrayList<>(List.of(pattern));
        while (!pending.isEmpty()) {
            String next = pending.removeLast();
            int open = next.indexOf('{');
            int close = open < 0 ? -1 : groupEnd(next, open);
            while (open >= 0 && close < 0) { // an unclosed '{' is a character: look for a later group
                open = next.indexOf('{', open + 1);
                close = open < 0 ? -1 : groupEnd(next, open);
            }
            if (open < 0) {
                done.add(next);
                continue;
            }
            List<String> choices = choices(next.substring(open + 1, close));
            if (done.size() + pending.size() + choices.size() > MAX_ALTERNATIVES) {
                throw new IOException("its braces give more than " + MAX_ALTERNATIVES + " patterns");
            }
            for (int i = choices.size() - 1; i >= 0; i--) {
                pending.add(next.substring(0, open) + choices.get(i) + next.substring(close + 1));
            }
        }
        return done;
    }

    /** The index of the '}' closing the group that opens at {@code open} (nesting counted), or -1. */
    private static int groupEnd(String pattern, int open) {
        int depth = 0;
        for (int i = open; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A group's body split at its top-level commas. */
    private static List<String> choices(String body) {
        List<String> choices = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                choices.add(body.substring(start, i));
                start = i + 1;
            }
        }
        choices.add(body.substring(start));
        return choices;
    }
}

package org.vrrpstudio.config.internal;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands an include pattern the way glob(3) does for keepalived: relative to the including file's directory,
 * {@code * ? [..] {a,b}} per path segment (a {@code *} never crosses a {@code /}), matches sorted.
 */
public final class IncludeGlob {

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
     */
    public static List<Path> expand(Path baseDir, String pattern) throws IOException {
        FileSystem fs = baseDir.getFileSystem();
        Path patternPath = fs.getPath(pattern);
        Path anchored = patternPath.isAbsolute() ? patternPath : baseDir.resolve(patternPath);
        if (!isGlob(pattern)) {
            return Files.isRegularFile(anchored) ? List.of(anchored.normalize()) : List.of();
        }
        // walk from the deepest directory that has no wildcard, as deep as the pattern has segments
        List<String> segments = new ArrayList<>();
        for (Path part : anchored) {
            segments.add(part.toString());
        }
        Path root = anchored.getRoot() == null ? fs.getPath("") : anchored.getRoot();
        int firstGlob = 0;
        while (firstGlob < segments.size() - 1 && !isGlob(segments.get(firstGlob))) {
            root = root.resolve(segments.get(firstGlob));
            firstGlob++;
        }
        Path walkRoot = root.toString().isEmpty() ? fs.getPath(".") : root;
        if (!Files.isDirectory(walkRoot)) {
            return List.of();
        }
        int first = firstGlob;
        String rest = String.join("/", segments.subList(first, segments.size()));
        PathMatcher matcher = fs.getPathMatcher("glob:" + rest);
        int depth = segments.size() - first;
        List<Path> found = new ArrayList<>();
        Path finalRoot = root;
        try (Stream<Path> walk = Files.walk(walkRoot, depth)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> walkRoot.relativize(p).getNameCount() == depth)
                    .filter(p -> matcher.matches(walkRoot.relativize(p)))
                    .filter(p -> dotFilesMatchedExplicitly(walkRoot.relativize(p), segments.subList(first, segments.size())))
                    .forEach(p -> found.add(finalRoot.resolve(walkRoot.relativize(p)).normalize()));
        }
        found.sort(null);
        return found;
    }

    /** glob(3) lets a wildcard match a leading dot only when the pattern segment itself starts with a dot. */
    private static boolean dotFilesMatchedExplicitly(Path relative, List<String> patternSegments) {
        for (int i = 0; i < relative.getNameCount(); i++) {
            if (relative.getName(i).toString().startsWith(".") && !patternSegments.get(i).startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}

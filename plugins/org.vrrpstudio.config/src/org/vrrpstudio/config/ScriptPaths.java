package org.vrrpstudio.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * keepalived's {@code enable_script_security} rule for one script path: a script that runs as root must not be
 * changeable by a non-root user. A part of the path is unsafe when it is writable by a non-root owner, by a non-root
 * group, or by everyone; group and other write on a sticky directory (such as /tmp) do not count, since there only an
 * entry's owner may replace it. A symlink is judged by the directory that holds it and by its target's path. Used by
 * the agent before it runs a script and by {@code check} on the local file system.
 */
public final class ScriptPaths {

    /** Owner, group and mode bits (with the file type bits) of one file system entry, not following a symlink. */
    public record Entry(int uid, int gid, int mode) {

        boolean directory() {
            return (mode & 0170000) == 0040000;
        }

        boolean symlink() {
            return (mode & 0170000) == 0120000;
        }
    }

    /** The local file system's entries (empty: missing or unreadable). */
    public static final Function<Path, Optional<Entry>> LOCAL = path -> {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new Entry((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    };

    /** Where exec looks for a program named without a slash. */
    private static final List<String> SEARCH_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");

    private ScriptPaths() {
    }

    /** The program of a script line's first word as exec finds it: a name without a slash is looked up on the PATH. */
    public static Path executable(String program, Function<Path, Optional<Entry>> entries) {
        if (program.contains("/")) {
            return Path.of(program).toAbsolutePath().normalize();
        }
        return SEARCH_PATH.stream().map(d -> Path.of(d, program)).filter(p -> entries.apply(p).isPresent()).findFirst()
                .orElse(Path.of(program).toAbsolutePath());
    }

    /**
     * The first part of {@code file}'s path a non-root user can change, as a phrase ("/opt/x is writable by its owner,
     * uid 1000"); empty when every part is safe or the file does not exist.
     */
    public static Optional<String> unsafePart(Path file, Function<Path, Optional<Entry>> entries) {
        return unsafePart(file, entries, ScriptPaths::localRealPath);
    }

    /**
     * The same on a host whose symlinks {@code realPath} resolves (empty: cannot be resolved), e.g. a director
     * asked over SSH.
     */
    public static Optional<String> unsafePart(Path file, Function<Path, Optional<Entry>> entries,
            Function<Path, Optional<Path>> realPath) {
        return unsafePart(file, entries, realPath, 0);
    }

    private static Optional<Path> localRealPath(Path file) {
        try {
            return Optional.of(file.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> unsafePart(Path file, Function<Path, Optional<Entry>> entries,
            Function<Path, Optional<Path>> realPath, int depth) {
        Optional<Entry> leaf = entries.apply(file);
        if (leaf.isEmpty()) {
            return Optional.empty();
        }
        for (Path p = file; p != null; p = p.getParent()) {
            Optional<Entry> entry = entries.apply(p);
            if (entry.isEmpty() || entry.get().symlink()) {
                continue; // a symlink cannot be changed, only replaced: its directory decides, its target is checked below
            }
            Entry e = entry.get();
            boolean sticky = e.directory() && (e.mode() & 01000) != 0;
            if (e.uid() != 0 && (e.mode() & 0200) != 0) {
                return Optional.of(p + " is writable by its owner, uid " + e.uid());
            }
            if (e.gid() != 0 && (e.mode() & 0020) != 0 && !sticky) {
                return Optional.of(p + " is writable by its group, gid " + e.gid());
            }
            if ((e.mode() & 0002) != 0 && !sticky) {
                return Optional.of(p + " is writable by everyone");
            }
        }
        if (depth < 8 && leaf.get().symlink()) {
            Optional<Path> target = realPath.apply(file);
            return target.isEmpty() ? Optional.empty() : unsafePart(target.get(), entries, realPath, depth + 1);
        }
        return Optional.empty();
    }

    /** A script line as keepalived splits it into program and arguments: blanks separate, double quotes group. */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : line.trim().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}

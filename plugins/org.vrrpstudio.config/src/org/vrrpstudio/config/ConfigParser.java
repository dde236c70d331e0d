package org.vrrpstudio.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.internal.AstParser;
import org.vrrpstudio.config.internal.IncludeGlob;
import org.vrrpstudio.config.internal.Limits;
import org.vrrpstudio.config.internal.ParseBudget;

/**
 * Parses keepalived.conf files into a lossless syntax tree. Never throws on bad input: every problem, including
 * an unreadable main file, comes back as a located {@link Diagnostic} in the {@link ParseResult}.
 * A parser holds no state between calls and may be shared.
 */
public final class ConfigParser {

    private static final int MAX_INCLUDE_DEPTH = 32;

    /** What one parse has read so far, against {@link Limits}. */
    private static final class Budget {
        long bytes;
        int includedFiles;
        boolean exhausted;
        final ParseBudget tree = new ParseBudget();
    }

    /** Parses {@code file} from disk and follows its includes. */
    public ParseResult parse(Path file) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Budget budget = new Budget();
        String text;
        try {
            text = read(file, budget);
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(Location.of(file), "cannot read file: " + describe(e)));
            return new ParseResult(new ConfigFile(file, List.of()), diagnostics);
        } catch (BinaryFileException e) {
            diagnostics.add(Diagnostic.error(e.at(file), e.getMessage()));
            return new ParseResult(new ConfigFile(file, List.of()), diagnostics);
        }
        return parse(file, text, diagnostics, budget);
    }

    /**
     * Parses {@code text} as if it were the contents of {@code nominalFile}. Includes are resolved relative to
     * the nominal file's directory and followed only where matching files exist on disk.
     */
    public ParseResult parse(Path nominalFile, String text) {
        return parse(nominalFile, text, new ArrayList<>(), new Budget());
    }

    /**
     * Parses {@code text} alone: its includes stay include nodes and are not looked for (e.g. a file that is about to
     * be deployed elsewhere, whose includes live on another host).
     */
    public ParseResult parseWithoutIncludes(Path nominalFile, String text) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        return new ParseResult(AstParser.parse(nominalFile, text, diagnostics, (include, includingFile) -> List.of(),
                new ParseBudget()), diagnostics);
    }

    private ParseResult parse(Path file, String text, List<Diagnostic> diagnostics, Budget budget) {
        Deque<Path> including = new ArrayDeque<>();
        including.push(identity(file));
        ConfigFile main = AstParser.parse(file, text, diagnostics,
                (include, includingFile) -> loadInclude(include, includingFile, including, diagnostics, budget), budget.tree);
        return new ParseResult(main, diagnostics);
    }

    private List<ConfigFile> loadInclude(Include include, Path includingFile, Deque<Path> including,
            List<Diagnostic> diagnostics, Budget budget) {
        Location where = include.location();
        String pattern = include.pattern();
        Path baseDir = includingFile.getParent() == null ? includingFile.getFileSystem().getPath("") : includingFile.getParent();
        List<Path> matches;
        try {
            matches = IncludeGlob.expand(baseDir, pattern);
        } catch (IOException | RuntimeException e) {
            diagnostics.add(Diagnostic.error(where, "cannot expand include pattern '" + pattern + "': " + describe(e)));
            return List.of();
        }
        if (matches.isEmpty()) {
            reportNoMatch(include, pattern, diagnostics);
            return List.of();
        }
        List<ConfigFile> files = new ArrayList<>();
        for (Path match : matches) {
            Path id = identity(match);
            if (including.contains(id)) {
                diagnostics.add(Diagnostic.error(where, "include cycle: " + match + " is already being read"
                        + " (through " + includingFile + "); not included again"));
                continue;
            }
            if (including.size() >= MAX_INCLUDE_DEPTH) {
                diagnostics.add(Diagnostic.error(where, "includes nested deeper than " + MAX_INCLUDE_DEPTH
                        + " levels; " + match + " not included"));
                continue;
            }
            if (budget.exhausted || budget.tree.exhausted()) {
                continue; // said once already
            }
            if (++budget.includedFiles > Limits.MAX_INCLUDED_FILES) {
                budget.exhausted = true;
                diagnostics.add(Diagnostic.error(where, "more than " + Limits.MAX_INCLUDED_FILES
                        + " included files read (an include fan-out?); " + match + " and later includes not read"));
                continue;
            }
            String text;
            try {
                text = read(match, budget);
            } catch (IOException e) {
                diagnostics.add(Diagnostic.error(where, "cannot read included file " + match + ": " + describe(e)));
                continue;
            } catch (BinaryFileException e) {
                diagnostics.add(Diagnostic.error(e.at(match), e.getMessage() + " (included from " + where + ")"));
                continue;
            }
            including.push(id);
            try {
                files.add(AstParser.parse(match, text, diagnostics,
                        (nested, nestedFile) -> loadInclude(nested, nestedFile, including, diagnostics, budget),
                        budget.tree));
            } finally {
                including.pop();
            }
        }
        return files;
    }

    private static void reportNoMatch(Include include, String pattern, List<Diagnostic> diagnostics) {
        boolean strict = !include.keyword().equals("include");
        if (IncludeGlob.isGlob(pattern)) {
            Severity severity = include.keyword().equals("includew") || include.keyword().equals("includea")
                    ? Severity.ERROR : Severity.INFO;
            diagnostics.add(new Diagnostic(severity, include.location(), "include pattern '" + pattern
                    + "' matches no file"));
        } else {
            diagnostics.add(new Diagnostic(strict ? Severity.ERROR : Severity.WARNING, include.location(),
                    "included file not found: " + pattern));
        }
    }

    /**
     * Reads one file the way {@link #parse(Path)} does, for a caller that keeps the text (the console's import): at
     * most {@link Limits#MAX_FILE_BYTES} in one read (a device or a file that keeps growing is refused), and no NUL
     * byte. The exception's message is one line that says which.
     */
    public static String readText(Path file) throws IOException {
        try {
            return read(file, new Budget());
        } catch (BinaryFileException e) {
            throw new IOException("line " + e.line + ": " + e.getMessage(), e);
        }
    }

    /** A NUL byte: the file is not text (keepalived would stop reading the line there). */
    private static final class BinaryFileException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        BinaryFileException(int line, long offset) {
            super("binary file: NUL byte at offset " + offset + "; file not read");
            this.line = line;
        }

        Location at(Path file) {
            return new Location(file, line, 1);
        }
    }

    /**
     * Reads at most {@link Limits#MAX_FILE_BYTES} (and what is left of the parse's total budget) in one pass, so a
     * device, a pipe or a file that keeps growing while it is read cannot exhaust memory; a file that changes while
     * being read gives whatever the single read saw.
     */
    private static String read(Path file, Budget budget) throws IOException, BinaryFileException {
        long left = Limits.MAX_TOTAL_BYTES - budget.bytes;
        int limit = (int) Math.min(Limits.MAX_FILE_BYTES, Math.max(0, left));
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            throw new IOException(limit == Limits.MAX_FILE_BYTES
                    ? "file is larger than " + (Limits.MAX_FILE_BYTES >> 20) + " MiB (or keeps growing)"
                    : "the files read so far and this one are larger than " + (Limits.MAX_TOTAL_BYTES >> 20) + " MiB");
        }
        budget.bytes += bytes.length;
        int line = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            } else if (bytes[i] == 0) {
                throw new BinaryFileException(line, i);
            }
        }
        // keepalived reads bytes; undecodable bytes become U+FFFD instead of failing the whole file
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e.getClass() == IOException.class && message != null) {
            return message;
        }
        String kind = switch (e) {
            case java.nio.file.NoSuchFileException n -> "no such file";
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.NotDirectoryException n -> "not a directory";
            default -> e.getClass().getSimpleName();
        };
        return message == null || kind.equals("no such file") || kind.equals("permission denied") ? kind
                : kind + " (" + message.lines().findFirst().orElse("") + ")";
    }
}

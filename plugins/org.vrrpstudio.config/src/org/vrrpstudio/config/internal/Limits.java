package org.vrrpstudio.config.internal;

/**
 * Bounds on the work one read of a keepalived.conf (with its includes) may cause, so that any file, hostile or
 * broken, gives a located error in bounded time and memory instead of a hang, an OutOfMemoryError or a
 * StackOverflowError. Real configurations stay far below each of them. The expansion and size bounds can be
 * lowered with system properties {@code vrrpstudio.config.maxRepeatValues}, {@code .maxGeneratedLines},
 * {@code .maxWork}, {@code .maxLines}, {@code .maxWords} (the fuzz tests do, so that each input stays cheap while the
 * limit code paths are still reached).
 */
public final class Limits {

    /** Bytes read from one file; a longer file (or a device or a file that keeps growing) is refused. */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    /** Bytes read from the main file and all its includes together. */
    public static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    /** Included files read in one parse (an include fan-out would otherwise grow exponentially). */
    public static final int MAX_INCLUDED_FILES = 1000;
    /** Characters in one line, as written or after parameter substitution. */
    public static final int MAX_LINE_CHARS = 1024 * 1024;
    /**
     * Lines read in one parse, the main file and its includes together (the syntax tree has a node per line: a file
     * of 16 MiB of short lines would take gigabytes).
     */
    public static final long MAX_LINES = Long.getLong("vrrpstudio.config.maxLines", 200_000);
    /**
     * Words and braces read in one parse, and produced by one resolve: each is a string of its own in the trees, so
     * this bounds their memory (a file of long lines of one-letter words, or a parameter of many words used on many
     * lines, would otherwise take gigabytes). About 25 MiB of heap for each tree at the limit.
     */
    public static final long MAX_WORDS = Long.getLong("vrrpstudio.config.maxWords", 500_000);
    /** Blocks open at the same time, in one file's syntax tree and in the resolved tree. */
    public static final int MAX_BLOCK_DEPTH = 64;

    /** Values one {@code ~SEQ} may give; more is almost certainly a mistake (and would exhaust memory). */
    public static final int MAX_REPEAT_VALUES = Integer.getInteger("vrrpstudio.config.maxRepeatValues", 100_000);
    /** Lines one resolve may produce. */
    public static final long MAX_GENERATED_LINES = Long.getLong("vrrpstudio.config.maxGeneratedLines", 200_000);
    /**
     * Work of one resolve, in characters looked at (each line processed counts 64 plus its length): repeats whose
     * lines produce nothing (a condition that does not apply, an empty parameter) would otherwise loop unbounded.
     */
    public static final long MAX_WORK = Long.getLong("vrrpstudio.config.maxWork", 64L * 1024 * 1024);

    private Limits() {
    }
}

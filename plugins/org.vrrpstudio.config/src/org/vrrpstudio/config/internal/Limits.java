package org.vrrpstudio.config.internal;

/**
 * Bounds on the work one read of a keepalived.conf (with its includes) may cause, so that any file, hostile or
 * broken, gives a located error in bounded time and memory instead of a hang, an OutOfMemoryError or a
 * StackOverflowError. Real configurations stay far below each of them.
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
    /** Blocks open at the same time, in one file's syntax tree and in the resolved tree. */
    public static final int MAX_BLOCK_DEPTH = 64;

    private Limits() {
    }
}

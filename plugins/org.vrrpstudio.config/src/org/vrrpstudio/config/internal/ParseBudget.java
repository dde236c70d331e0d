package org.vrrpstudio.config.internal;

/**
 * The lines and words one parse (a main file and all its includes) has read, against {@link Limits#MAX_LINES} and
 * {@link Limits#MAX_WORDS}: they, not the bytes, decide how much memory the syntax tree takes (a short line is a
 * node of its own, a word a string of its own). Shared by the files of one parse; once over, it stays over, so
 * the error is said once and the files after it are not read.
 */
public final class ParseBudget {

    private long lines;
    private long words;
    private boolean exhausted;

    /** Takes {@code count} lines; false when that goes over the limit (the budget is then exhausted). */
    boolean takeLines(int count) {
        lines += count;
        return take(lines <= Limits.MAX_LINES);
    }

    /** Takes {@code count} words and braces; false when that goes over the limit (the budget is then exhausted). */
    boolean takeWords(int count) {
        words += count;
        return take(words <= Limits.MAX_WORDS);
    }

    /** Lines that may still be read: more than that need not be split off the text at all. */
    long linesLeft() {
        return Math.max(0, Limits.MAX_LINES - lines);
    }

    public boolean exhausted() {
        return exhausted;
    }

    private boolean take(boolean within) {
        exhausted |= !within;
        return within;
    }
}

package org.vrrpstudio.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A position in a configuration file. Line and column are 1-based; a column counts characters (a tab is one).
 * Nodes built programmatically carry {@link #NONE} (line 0) until they are written and parsed again.
 */
public record Location(Path file, int line, int column) {

    /** The location of nodes that were not read from a file. */
    public static final Location NONE = new Location(Path.of(""), 0, 0);

    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** The location of a whole file, for problems that have no better place (e.g. the file is unreadable). */
    public static Location of(Path file) {
        return new Location(file, 1, 1);
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** {@code FILE:LINE:COL}, the prefix compilers and editors understand. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}

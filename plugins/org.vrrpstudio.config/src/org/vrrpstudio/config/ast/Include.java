package org.vrrpstudio.config.ast;

import java.util.List;
import java.util.Objects;

import org.vrrpstudio.config.Location;

/**
 * An {@code include PATTERN} line (or a variant: {@code includer}, {@code includem}, {@code includew},
 * {@code includeb}, {@code includea}). Like keepalived, {@code pattern} is the rest of the line, trimmed, taken
 * literally: quotes are not removed and spaces do not split it. {@code files} are the files it matched, in
 * sorted order, each parsed (empty when nothing matched or includes were not followed).
 */
public record Include(Location location, String keyword, String pattern, List<ConfigFile> files, String comment)
        implements Node {

    public Include {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank() || pattern.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an include pattern is one non-empty line");
        }
        files = List.copyOf(files);
    }

    /** An {@code include} line built in code. */
    public static Include of(String pattern) {
        return new Include(Location.NONE, "include", pattern, List.of(), null);
    }

    /** The same include, holding the given parsed files. */
    public Include withFiles(List<ConfigFile> newFiles) {
        return new Include(location, keyword, pattern, newFiles, comment);
    }
}

package org.vrrpstudio.config.ast;

import java.util.List;
import java.util.Objects;

import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.internal.Quoting;

/**
 * An {@code include PATTERN} line (or a variant: {@code includer}, {@code includem}, {@code includew},
 * {@code includeb}, {@code includea}). {@code pattern} is the raw token, quotes kept; {@code files} are the
 * files it matched, in sorted order, each parsed (empty when nothing matched or includes were not followed).
 */
public record Include(Location location, String keyword, String pattern, List<ConfigFile> files, String comment)
        implements Node {

    public Include {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(pattern, "pattern");
        files = List.copyOf(files);
    }

    /** An {@code include} line built in code; the pattern is quoted if it needs to be. */
    public static Include of(String pattern) {
        return new Include(Location.NONE, "include", Quoting.quoteIfNeeded(pattern), List.of(), null);
    }

    /** The pattern without quotes, as keepalived passes it to glob(). */
    public String unquotedPattern() {
        return Quoting.unquote(pattern);
    }

    /** The same include, holding the given parsed files. */
    public Include withFiles(List<ConfigFile> newFiles) {
        return new Include(location, keyword, pattern, newFiles, comment);
    }
}

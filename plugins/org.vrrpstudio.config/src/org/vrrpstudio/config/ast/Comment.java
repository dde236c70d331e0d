package org.vrrpstudio.config.ast;

import java.util.Objects;

import org.vrrpstudio.config.Location;

/**
 * A full-line comment. {@code marker} is {@code '#'} or {@code '!'}; {@code text} is everything after it
 * (leading spaces kept, trailing whitespace dropped), so {@code "# note"} has text {@code " note"}.
 */
public record Comment(Location location, char marker, String text) implements Node {

    public Comment {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(text, "text");
        if (marker != '#' && marker != '!') {
            throw new IllegalArgumentException("comment marker must be '#' or '!', not '" + marker + "'");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a comment is one line");
        }
    }

    /** A {@code # text} comment built in code (one space is put after the marker). */
    public static Comment hash(String text) {
        return new Comment(Location.NONE, '#', text.isEmpty() ? "" : " " + text);
    }

    /** A {@code ! text} comment built in code. */
    public static Comment bang(String text) {
        return new Comment(Location.NONE, '!', text.isEmpty() ? "" : " " + text);
    }

    /** The comment as written: marker followed by text. */
    public String raw() {
        return marker + text;
    }
}

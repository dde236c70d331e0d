package org.vrrpstudio.config.ast;

import java.util.Objects;

import org.vrrpstudio.config.Location;

/** A run of one or more empty lines: keeps the author's grouping of statements. */
public record BlankLine(Location location) implements Node {

    public BlankLine {
        Objects.requireNonNull(location, "location");
    }

    public static BlankLine create() {
        return new BlankLine(Location.NONE);
    }
}

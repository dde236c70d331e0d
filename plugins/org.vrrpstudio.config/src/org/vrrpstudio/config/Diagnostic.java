package org.vrrpstudio.config;

import java.util.Objects;

/**
 * A located problem report. Messages never contain secret values (e.g. {@code auth_pass} arguments).
 */
public record Diagnostic(Severity severity, Location location, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(Location location, String message) {
        return new Diagnostic(Severity.ERROR, location, message);
    }

    public static Diagnostic warning(Location location, String message) {
        return new Diagnostic(Severity.WARNING, location, message);
    }

    public static Diagnostic info(Location location, String message) {
        return new Diagnostic(Severity.INFO, location, message);
    }

    /** {@code FILE:LINE:COL: error|warning|info: message} — exactly what the CLI prints. */
    public String format() {
        return location + ": " + severity.label() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}

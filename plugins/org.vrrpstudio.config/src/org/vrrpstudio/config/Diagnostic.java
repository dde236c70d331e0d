package org.vrrpstudio.config;

import java.util.Objects;

/**
 * A located problem report. Messages never contain secret values (e.g. {@code auth_pass} arguments), and are one
 * line: control characters a message quotes from the file (a keyword with a line break in quotes) are shown escaped.
 */
public record Diagnostic(Severity severity, Location location, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        message = oneLine(message);
    }

    /** {@code text} with line breaks and other control characters as {@code \n}, {@code \r}, {@code \xNN}. */
    private static String oneLine(String text) {
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else {
                escaped.append(String.format("\\x%02x", (int) c));
            }
        }
        return escaped.toString();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085';
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

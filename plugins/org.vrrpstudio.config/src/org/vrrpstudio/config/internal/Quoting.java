package org.vrrpstudio.config.internal;

/**
 * keepalived's quoting rules for one word: {@code "..."} and {@code '...'} sections may appear anywhere in a word
 * ({@code abc" d"} is the single value {@code abc d}); inside them backslash escapes work like the shell's
 * ({@code \n}, {@code \t}, {@code \nnn} octal, {@code \xXX} hex, {@code \cC} control, {@code \C} = C).
 * Outside quotes a backslash is an ordinary character.
 */
public final class Quoting {

    private Quoting() {
    }

    public static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    /** The value keepalived sees for a raw word. An unterminated quote runs to the end of the word. */
    public static String unquote(String raw) {
        if (raw.indexOf('"') < 0 && raw.indexOf('\'') < 0) {
            return raw;
        }
        StringBuilder value = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (!isQuote(c)) {
                value.append(c);
                i++;
                continue;
            }
            char quote = c;
            i++;
            while (i < raw.length() && raw.charAt(i) != quote) {
                char q = raw.charAt(i);
                if (q == '\\' && i + 1 < raw.length()) {
                    i = appendEscape(raw, i + 1, value);
                } else {
                    value.append(q);
                    i++;
                }
            }
            i++; // closing quote
        }
        return value.toString();
    }

    /** Appends the character escaped at {@code at} (just after the backslash); returns the index after it. */
    private static int appendEscape(String raw, int at, StringBuilder value) {
        char e = raw.charAt(at);
        switch (e) {
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'E' -> value.append('\u001b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000b');
            case 'x' -> {
                int end = at + 1;
                while (end < raw.length() && Character.digit(raw.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == at + 1) {
                    value.append('x');
                    return at + 1;
                }
                value.append((char) (Long.parseLong(raw.substring(at + 1, Math.min(end, at + 9)), 16) & 0xff));
                return end;
            }
            case 'c' -> {
                if (at + 1 < raw.length()) {
                    value.append((char) (Character.toUpperCase(raw.charAt(at + 1)) ^ 0x40));
                    return at + 2;
                }
                value.append('c');
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int end = at;
                    while (end < raw.length() && end < at + 3 && raw.charAt(end) >= '0' && raw.charAt(end) <= '7') {
                        end++;
                    }
                    value.append((char) (Integer.parseInt(raw.substring(at, end), 8) & 0xff));
                    return end;
                }
                value.append(e);
            }
        }
        return at + 1;
    }

    /** Whether a value must be quoted to survive as one word. */
    public static boolean needsQuoting(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || isQuote(c) || c == '#' || c == '!' || c == '{' || c == '}') {
                return true;
            }
        }
        return false;
    }

    /** A raw word for {@code value}: unchanged when safe, else double-quoted with {@code "} and {@code \} escaped. */
    public static String quoteIfNeeded(String value) {
        if (!needsQuoting(value)) {
            return value;
        }
        StringBuilder raw = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> raw.append('\\').append(c);
                case '\n' -> raw.append("\\n");
                case '\r' -> raw.append("\\r");
                case '\t' -> raw.append("\\t");
                default -> raw.append(c);
            }
        }
        return raw.append('"').toString();
    }
}

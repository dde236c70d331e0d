package org.vrrpstudio.ui.logic;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Turns what the user types into a form field into a value, or a message saying what is wrong. The instance
 * editor shows the message next to the field and changes nothing in the model.
 */
public final class FieldParsers {

    /** A parsed field: a value, or why there is none. */
    public sealed interface Parsed<T> {
        record Valid<T>(T value) implements Parsed<T> {
        }

        record Invalid<T>(String message) implements Parsed<T> {
        }
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private FieldParsers() {
    }

    public static Parsed<Integer> integer(String text, String what, int min, int max) {
        String trimmed = text.trim();
        try {
            int value = Integer.parseInt(trimmed);
            if (value < min || value > max) {
                return new Parsed.Invalid<>(what + " must be between " + min + " and " + max);
            }
            return new Parsed.Valid<>(value);
        } catch (NumberFormatException e) {
            return new Parsed.Invalid<>(what + " must be a whole number, not '" + trimmed + "'");
        }
    }

    public static Parsed<Integer> vrid(String text) {
        return integer(text, "virtual_router_id", 1, 255);
    }

    public static Parsed<Integer> priority(String text) {
        return integer(text, "priority", 1, 254);
    }

    /** advert_int in seconds; empty means keepalived's default (null). */
    public static Parsed<BigDecimal> advertInterval(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return new Parsed.Valid<>(null);
        }
        try {
            BigDecimal value = new BigDecimal(trimmed);
            if (value.signum() <= 0) {
                return new Parsed.Invalid<>("advert_int must be more than 0 seconds");
            }
            return new Parsed.Valid<>(value);
        } catch (NumberFormatException e) {
            return new Parsed.Invalid<>("advert_int must be a number of seconds, not '" + trimmed + "'");
        }
    }

    /** An IPv4 or IPv6 address with an optional /prefix. */
    public static Parsed<String> address(String text) {
        String trimmed = text.trim();
        String[] parts = trimmed.split("/", -1);
        if (trimmed.isEmpty() || parts.length > 2) {
            return new Parsed.Invalid<>("expected an address such as 192.168.200.10 or 192.168.200.10/24");
        }
        boolean v4 = IPV4.matcher(parts[0]).matches();
        if (v4) {
            for (String octet : parts[0].split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return new Parsed.Invalid<>("'" + parts[0] + "' is not an IPv4 address (" + octet + " > 255)");
                }
            }
        } else if (!IPV6.matcher(parts[0]).matches() || parts[0].chars().filter(c -> c == ':').count() > 7) {
            return new Parsed.Invalid<>("'" + parts[0] + "' is not an IPv4 or IPv6 address");
        }
        if (parts.length == 2) {
            Parsed<Integer> prefix = integer(parts[1], "prefix length", 0, v4 ? 32 : 128);
            if (prefix instanceof Parsed.Invalid<Integer> invalid) {
                return new Parsed.Invalid<>(invalid.message());
            }
        }
        return new Parsed.Valid<>(trimmed);
    }
}

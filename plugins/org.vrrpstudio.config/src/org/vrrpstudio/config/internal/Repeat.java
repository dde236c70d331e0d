package org.vrrpstudio.config.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code ~SEQ(var, [start,] [step,] end)}, {@code ~SEQx(...)} (values in hex) or
 * {@code ~LST(var|{v1,v2}, value|{a,b}, ...)} prefix: the variables it sets and their values per iteration.
 * Exactly one of {@code error} and {@code iterations} is meaningful.
 */
public record Repeat(List<String> variables, List<List<String>> iterations, String error) {

    static final int MAX_ITERATIONS = Limits.MAX_REPEAT_VALUES;

    private static Repeat failure(String error) {
        return new Repeat(List.of(), List.of(), error);
    }

    /** Parses the prefix text, e.g. {@code ~SEQ(i, 1, 3)}. */
    public static Repeat parse(String head) {
        int open = head.indexOf('(');
        String kind = head.substring(0, open);
        List<String> parts = splitTopLevel(head.substring(open + 1, head.length() - 1));
        return switch (kind) {
            case "~SEQ" -> sequence(parts, false);
            case "~SEQx" -> sequence(parts, true);
            case "~LST" -> list(parts);
            default -> failure("unknown repeat '" + kind + "'");
        };
    }

    private static Repeat sequence(List<String> parts, boolean hex) {
        if (parts.size() < 2 || parts.size() > 4) {
            return failure("expected (variable, [start,] [step,] end), got " + parts.size() + " item(s)");
        }
        String variable = parts.getFirst();
        if (!isName(variable)) {
            return failure("'" + variable + "' is not a parameter name");
        }
        long[] numbers = new long[parts.size() - 1];
        for (int i = 1; i < parts.size(); i++) {
            try {
                numbers[i - 1] = Long.decode(parts.get(i));
            } catch (NumberFormatException e) {
                return failure("'" + parts.get(i) + "' is not a number");
            }
        }
        long end = numbers[numbers.length - 1];
        long start = numbers.length >= 2 ? numbers[0] : (end > 0 ? 1 : -1);
        long step = numbers.length == 3 ? numbers[1] : (end >= start ? 1 : -1);
        if (step == 0) {
            return failure("step is 0: the sequence would never end");
        }
        List<List<String>> iterations = new ArrayList<>();
        for (long value = start; step > 0 ? value <= end : value >= end; value += step) {
            if (iterations.size() >= MAX_ITERATIONS) {
                return failure("more than " + MAX_ITERATIONS + " values");
            }
            iterations.add(List.of(hex ? Long.toHexString(value) : Long.toString(value)));
        }
        return new Repeat(List.of(variable), iterations, null);
    }

    private static Repeat list(List<String> parts) {
        if (parts.size() < 2) {
            return failure("expected (variable, value, ...) with at least one value");
        }
        List<String> variables = braced(parts.getFirst());
        for (String variable : variables) {
            if (!isName(variable)) {
                return failure("'" + variable + "' is not a parameter name");
            }
        }
        List<List<String>> iterations = new ArrayList<>();
        for (String part : parts.subList(1, parts.size())) {
            List<String> values = braced(part);
            if (values.size() != variables.size()) {
                return failure("'" + part + "' has " + values.size() + " value(s) for " + variables.size()
                        + " variable(s)");
            }
            iterations.add(values);
        }
        return new Repeat(variables, iterations, null);
    }

    private static List<String> braced(String part) {
        if (part.startsWith("{") && part.endsWith("}")) {
            return splitTopLevel(part.substring(1, part.length() - 1));
        }
        return List.of(part);
    }

    private static boolean isName(String text) {
        return text.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /** Splits on commas that are not inside braces; items are trimmed. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }
}

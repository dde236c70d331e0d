package org.vrrpstudio.config.ast;

import java.util.List;
import java.util.Objects;

import org.vrrpstudio.config.Location;

/**
 * A {@code $NAME=value} parameter definition, optionally conditional ({@code @main $PRIO=150}).
 * A single-line definition has one value line. A multi-line definition ({@code $NAME= \} followed by lines
 * ending in {@code \}) has the text after {@code =} first (usually empty) and then one element per continuation
 * line, trimmed and without the backslash; empty elements are blank lines inside the definition.
 * Comments on continuation lines are not kept.
 */
public record ParamDefinition(Location location, Condition condition, String name, List<String> valueLines,
        String comment) implements Node {

    public ParamDefinition {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad parameter name: " + name);
        }
        valueLines = List.copyOf(valueLines);
        if (valueLines.isEmpty()) {
            throw new IllegalArgumentException("a definition has at least one value line");
        }
    }

    /** {@code $name=value} built in code. */
    public static ParamDefinition of(String name, String value) {
        return new ParamDefinition(Location.NONE, null, name, List.of(value), null);
    }

    public boolean isMultiLine() {
        return valueLines.size() > 1;
    }

    /** The value as keepalived substitutes it: the lines joined with newlines, blank ones left out. */
    public String value() {
        if (!isMultiLine()) {
            return valueLines.getFirst();
        }
        StringBuilder text = new StringBuilder();
        for (String line : valueLines) {
            if (line.isBlank()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
        }
        return text.toString();
    }

    public ParamDefinition withCondition(Condition newCondition) {
        return new ParamDefinition(location, newCondition, name, valueLines, comment);
    }

    @Override
    public String toString() {
        // values may hold secrets (a parameter used as auth_pass): never print them
        return "ParamDefinition[" + (condition == null ? "" : condition + " ") + "$" + name + "=…, " + location + "]";
    }
}

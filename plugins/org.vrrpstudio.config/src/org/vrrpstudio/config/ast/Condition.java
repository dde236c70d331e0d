package org.vrrpstudio.config.ast;

import java.util.Objects;

/**
 * The {@code @name} / {@code @^name} prefix of a line: the line applies only when the config id
 * (keepalived {@code -i}) is / is not {@code configId}.
 */
public record Condition(String configId, boolean negated) {

    public Condition {
        Objects.requireNonNull(configId, "configId");
    }

    public static Condition when(String configId) {
        return new Condition(configId, false);
    }

    public static Condition unless(String configId) {
        return new Condition(configId, true);
    }

    /** Whether the line applies for {@code activeConfigId} ({@code null}: keepalived run without an id). */
    public boolean appliesTo(String activeConfigId) {
        boolean same = configId.equals(activeConfigId);
        return negated != same;
    }

    /** As written: {@code @main} or {@code @^main}. */
    @Override
    public String toString() {
        return (negated ? "@^" : "@") + configId;
    }
}

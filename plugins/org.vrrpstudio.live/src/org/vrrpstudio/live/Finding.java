package org.vrrpstudio.live;

import java.util.Objects;

/**
 * One thing an operator should know about the live state, with a sentence that says it.
 *
 * @param instance the instance it is about, or null (a director-wide finding)
 * @param director the director it is about, or null (an instance-wide finding)
 */
public record Finding(Severity severity, FindingKind kind, String instance, String director, String message) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** "error split_brain: VI_1 is MASTER on director1 and director2" */
    @Override
    public String toString() {
        return severity.label() + " " + kind.id() + ": " + message;
    }
}

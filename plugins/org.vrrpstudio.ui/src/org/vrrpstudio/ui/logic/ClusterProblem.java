package org.vrrpstudio.ui.logic;

import java.util.List;
import java.util.Objects;

import org.eclipse.emf.ecore.EObject;
import org.vrrpstudio.config.Severity;

/**
 * A problem of the cluster model, located on a model element (an instance, a director's settings, a sync
 * group...). {@code directors} names the directors whose generated files it concerns: a cross-director problem
 * names both, so it is shown on both sides. {@code where} is a short human location such as "VI_1 › priority".
 */
public record ClusterProblem(Severity severity, String message, EObject element, String where,
        List<String> directors) {

    public ClusterProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(where, "where");
        directors = List.copyOf(directors);
    }

    public boolean crossDirector() {
        return directors.size() > 1;
    }
}

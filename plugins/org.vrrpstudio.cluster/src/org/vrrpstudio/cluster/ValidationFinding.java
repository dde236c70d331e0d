package org.vrrpstudio.cluster;

import java.util.Objects;

import org.eclipse.emf.ecore.EObject;
import org.vrrpstudio.config.Diagnostic;

/**
 * One validation diagnostic together with the model element it is about and, when it concerns one statement of
 * that element, the statement's keyword (e.g. {@code priority}). Lets an editor put the problem on the element
 * even when the model was not imported from a file.
 */
public record ValidationFinding(Diagnostic diagnostic, EObject element, String keyword) {

    public ValidationFinding {
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(element, "element");
    }
}

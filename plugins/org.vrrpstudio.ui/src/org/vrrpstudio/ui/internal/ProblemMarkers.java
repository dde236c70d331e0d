package org.vrrpstudio.ui.internal;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.ClusterProblem;

/** Keeps the Problems view in step with a document: after each change, its markers are replaced in one batch. */
final class ProblemMarkers implements ClusterDocument.Listener {

    static final String TYPE = "org.vrrpstudio.ui.problem";
    static final String ELEMENT_ID = "elementId";
    static final String DIRECTORS = "directors";

    private final IFile file;

    ProblemMarkers(IFile file) {
        this.file = file;
    }

    @Override
    public void documentChanged(ClusterDocument document) {
        update(file, document);
    }

    static void update(IFile file, ClusterDocument document) {
        if (!file.exists()) {
            return;
        }
        try {
            ResourcesPlugin.getWorkspace().run(monitor -> {
                file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
                for (ClusterProblem problem : document.problems()) {
                    Map<String, Object> attributes = new HashMap<>();
                    attributes.put(IMarker.SEVERITY, switch (problem.severity()) {
                        case ERROR -> IMarker.SEVERITY_ERROR;
                        case WARNING -> IMarker.SEVERITY_WARNING;
                        case INFO -> IMarker.SEVERITY_INFO;
                    });
                    attributes.put(IMarker.MESSAGE, problem.message());
                    attributes.put(IMarker.LOCATION, problem.where() + " [" + String.join(", ", problem.directors()) + "]");
                    attributes.put(DIRECTORS, String.join(",", problem.directors()));
                    if (problem.element() != null && problem.element().eResource() != null) {
                        attributes.put(ELEMENT_ID, document.idOf(problem.element()));
                    }
                    file.createMarker(TYPE, attributes);
                }
            }, file, IWorkspace.AVOID_UPDATE, null);
        } catch (CoreException e) {
            ILog.of(ProblemMarkers.class).error("cannot update the problem markers of " + file.getFullPath(), e);
        }
    }

    static void clear(IFile file) {
        try {
            if (file.exists()) {
                file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
            }
        } catch (CoreException e) {
            ILog.of(ProblemMarkers.class).error("cannot clear the problem markers of " + file.getFullPath(), e);
        }
    }
}

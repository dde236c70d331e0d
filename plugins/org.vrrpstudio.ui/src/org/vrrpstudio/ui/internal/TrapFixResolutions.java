package org.vrrpstudio.ui.internal;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolution2;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.TrapFixes;

/**
 * Quick fixes in the Problems view for the case study's traps (see {@link TrapFixes}), on the open cluster document
 * of the marker's file; each is one undoable change of both directors.
 */
public final class TrapFixResolutions implements IMarkerResolutionGenerator2 {

    @Override
    public boolean hasResolutions(IMarker marker) {
        return getResolutions(marker).length > 0;
    }

    @Override
    public IMarkerResolution[] getResolutions(IMarker marker) {
        ClusterDocument document = marker.getResource() instanceof IFile file ? ConsolePlugin.get().documents().ifOpen(file) : null;
        String message = marker.getAttribute(IMarker.MESSAGE, "");
        if (document == null) {
            return new IMarkerResolution[0];
        }
        return new TrapFixes(document).forProblem(message).stream().filter(fix -> fix.command() != null)
                .map(fix -> (IMarkerResolution) new Resolution(document, fix)).toArray(IMarkerResolution[]::new);
    }

    private record Resolution(ClusterDocument document, TrapFixes.Fix fix) implements IMarkerResolution2 {

        @Override
        public String getLabel() {
            return fix.label();
        }

        @Override
        public String getDescription() {
            return fix.description();
        }

        @Override
        public Image getImage() {
            return null;
        }

        @Override
        public void run(IMarker marker) {
            // built again now: the model may have changed since the fixes were listed
            new TrapFixes(document).forProblem(marker.getAttribute(IMarker.MESSAGE, "")).stream()
                    .filter(f -> f.label().equals(fix.label()) && f.command() != null).findFirst()
                    .ifPresent(f -> document.execute(f.command()));
        }
    }
}

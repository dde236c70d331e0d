package org.vrrpstudio.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.ui.tests.UiDriver.settle;
import static org.vrrpstudio.ui.tests.UiDriver.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;

/**
 * The Problems view's quick fixes for the case study's traps: on the imported case study, "use the whole word" quotes
 * every auth_pass on both directors (undo brings k@l back), "keep what runs today" writes k@l, and "write what
 * keepalived does" turns AH's state MASTER into BACKUP everywhere.
 */
class TrapFixResolutionsTest {

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private static IMarker[] markers(IFile file) throws Exception {
        return file.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_ZERO);
    }

    private static IMarker first(IFile file, String message) throws Exception {
        return Arrays.stream(markers(file)).filter(m -> m.getAttribute(IMarker.MESSAGE, "").contains(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no marker with '" + message + "'"));
    }

    private static IMarkerResolution resolution(IMarker marker, String labelStart) {
        IMarkerResolution[] all = IDE.getMarkerHelpRegistry().getResolutions(marker);
        return Arrays.stream(all).filter(r -> r.getLabel().startsWith(labelStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no fix '" + labelStart + "' in " + Arrays.stream(all).map(IMarkerResolution::getLabel).toList()));
    }

    @Test
    void theCaseStudysTrapsAreFixedOnBothDirectorsFromTheProblemsView() throws Exception {
        ClusterDocument document = ui(() -> {
            ClusterDocuments documents = ConsolePlugin.get().documents();
            Path seed = Path.of("data", "director1.conf");
            ImportOutcome.Imported imported = (ImportOutcome.Imported) documents.services()
                    .importWithMirror(new DirectorSource("lvs1", seed, Files.readString(seed)), "lvs2");
            var project = ResourcesPlugin.getWorkspace().getRoot().getProject("traps");
            project.create(null);
            project.open(null);
            IFile file = project.getFile("casestudy.vrrpcluster");
            documents.create(file, imported.cluster());
            IDE.openEditor(page(), file);
            return documents.open(file);
        });
        IFile file = ui(() -> ResourcesPlugin.getWorkspace().getRoot().getProject("traps").getFile("casestudy.vrrpcluster"));
        settle(500);
        List<Director> directors = document.cluster().getDirectors();
        ui(() -> {
            IMarker cut = first(file, ClusterValidator.AUTH_PASS_CUT_MESSAGE);
            assertEquals(List.of("Keep what runs today (both directors)", "Use the whole word (both directors; the password changes)"),
                    Arrays.stream(IDE.getMarkerHelpRegistry().getResolutions(cut)).map(IMarkerResolution::getLabel).sorted().toList());
            resolution(cut, "Use the whole word").run(cut);
            for (Director director : directors) {
                String config = document.directorConfig(director, false);
                assertTrue(config.contains("auth_pass \"k@l!ve1\"") && config.contains("auth_pass \"k@l!ve4\""), config);
            }
            assertTrue(Arrays.stream(markers(file)).noneMatch(m -> m.getAttribute(IMarker.MESSAGE, "").contains(
                    ClusterValidator.AUTH_PASS_CUT_MESSAGE)), "the warnings are gone");
            assertTrue(document.undo(), "one undo takes the fix back");
            String undone = document.directorConfig(directors.getFirst(), false);
            assertTrue(undone.contains("!ve1") && !undone.contains("\"k@l!ve1\""), undone);

            IMarker again = first(file, ClusterValidator.AUTH_PASS_CUT_MESSAGE);
            resolution(again, "Keep what runs today").run(again);
            for (Director director : directors) {
                String config = document.directorConfig(director, false);
                assertTrue(config.contains("auth_pass k@l\n") && !config.contains("!ve"), config);
            }

            IMarker master = first(file, ClusterValidator.AH_MASTER_MESSAGE);
            resolution(master, "Write what keepalived does").run(master);
            for (Director director : directors) {
                assertFalse(document.directorConfig(director, false).contains("state MASTER"));
            }
            page().closeAllEditors(false);
            return null;
        });
    }
}

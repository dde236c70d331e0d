package org.vrrpstudio.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.ui.tests.UiDriver.settle;
import static org.vrrpstudio.ui.tests.UiDriver.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.model.ModelPackage;
import org.vrrpstudio.ui.logic.DirectorSettings;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;
import org.vrrpstudio.ui.tests.Screenshots;

/** The what-if view on the case study: the steady distribution, then eth0 down on director 1. */
class DistributionViewTest {

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    @Test
    void showsWhoHoldsWhatAndWhatAFailureChanges() throws Exception {
        DistributionView view = ui(() -> {
            // its own copy of the case study, so other tests' edits of the demo do not matter
            ClusterDocuments documents = ConsolePlugin.get().documents();
            Path seed = Path.of("data", "director1.conf");
            ImportOutcome.Imported imported = (ImportOutcome.Imported) documents.services()
                    .importWithMirror(new DirectorSource("lvs1", seed, Files.readString(seed)), "lvs2");
            var project = ResourcesPlugin.getWorkspace().getRoot().getProject("whatif");
            project.create(null);
            project.open(null);
            IFile file = project.getFile("case-study.vrrpcluster");
            documents.create(file, imported.cluster());
            IDE.openEditor(page(), file, ClusterEditor.ID);
            DistributionView shown = (DistributionView) page().showView(DistributionView.ID);
            shown.showMode(false); // the first start shows the demo live; this test is about what-if
            page().activate(page().getActiveEditor());
            return shown;
        });
        ui(() -> {
            assertEquals(List.of("lvs1", "lvs2"), view.outcome().directors());
            assertEquals("MASTER", view.cell("VI_1", 1));
            assertEquals("BACKUP", view.cell("VI_1", 2));
            assertEquals("MASTER", view.cell("VI_3", 2));
            assertEquals("Every instance has exactly one MASTER", view.verdict());
            view.choose("lvs1: eth0 down");
            assertEquals("MASTER → FAULT", view.cell("VI_1", 1));
            assertEquals("BACKUP → MASTER", view.cell("VI_1", 2));
            assertEquals("BACKUP → MASTER", view.cell("VI_2", 2), "VI_2 follows VI_1 through sync group VG1");
            assertEquals("MASTER", view.cell("VI_3", 2));
            assertEquals("Every instance has exactly one MASTER", view.verdict());
            assertTrue(view.outcome().timeline().stream().anyMatch(l -> l.endsWith("lvs1 eth0 down")));
            return null;
        });
        settle(600);
        Path shot = ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "distribution-eth0-down"));
        assertTrue(Files.size(shot) > 10_000);
        ui(() -> {
            view.choose("lvs2: crash");
            assertEquals("MASTER → down", view.cell("VI_3", 2));
            assertEquals("BACKUP → MASTER", view.cell("VI_3", 1));
            // edits re-run the simulation (once they pause): lvs2 outranks lvs1 in VG1 and takes it over
            view.choose(DistributionView.NO_FAILURE);
            ClusterEditor editor = (ClusterEditor) page().getActiveEditor();
            var document = editor.document();
            for (var instance : document.cluster().getInstances().subList(0, 2)) { // VG1: VI_1 and VI_2
                document.set(DirectorSettings.of(document.cluster().getDirectors().get(1), instance),
                        ModelPackage.Literals.DIRECTOR_INSTANCE__PRIORITY, 200);
            }
            return null;
        });
        settle(800);
        ui(() -> {
            assertEquals("MASTER", view.cell("VI_1", 2), "after the edit");
            assertEquals("MASTER", view.cell("VI_2", 2), "VG1 follows");
            assertEquals("BACKUP", view.cell("VI_1", 1));
            ((ClusterEditor) page().getActiveEditor()).document().undo();
            ((ClusterEditor) page().getActiveEditor()).document().undo();
            return null;
        });
    }
}

package org.vrrpstudio.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.ui.tests.UiDriver.settle;
import static org.vrrpstudio.ui.tests.UiDriver.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.DirectorFiles;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;
import org.vrrpstudio.ui.tests.Screenshots;

/**
 * The console as a user drives it, in the real workbench: the demo cluster is open on first start, an edit of
 * VI_1's priority shows in the director configs view and in the Problems view, undo reverts it, save writes
 * the file without secrets, a pair of files imports, and the export writes what the view shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWorkflowTest {

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private static ClusterEditor demoEditor() {
        IEditorPart editor = page().getActiveEditor();
        return assertInstanceOf(ClusterEditor.class, editor, "the demo cluster is open in its editor");
    }

    private static IMarker[] markers(IFile file) throws Exception {
        return file.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_ZERO);
    }

    @Test
    @Order(1)
    void demoClusterIsOpenWithBothDirectorsSideBySide() throws Exception {
        settle(500);
        ui(() -> {
            ClusterEditor editor = demoEditor();
            assertEquals(DemoWorkspace.FILE, editor.file().getName());
            Cluster cluster = editor.document().cluster();
            assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"), cluster.getInstances().stream().map(VrrpInstance::getName).toList());
            assertEquals(List.of("VG1", "VG2"), cluster.getSyncGroups().stream().map(g -> g.getName()).toList());
            DirectorConfigsView view = (DirectorConfigsView) page().showView(DirectorConfigsView.ID);
            page().activate(editor);
            assertTrue(view.text(0).contains("vrrp_instance VI_1 {\n    state MASTER"), view.text(0));
            assertTrue(view.text(1).contains("vrrp_instance VI_1 {\n    state BACKUP"), view.text(1));
            assertEquals(8, view.highlightedLines(0).cardinality(), "state and priority differ in 4 instances");
            assertFalse(view.text(0).contains("k@l"), "secrets are masked on screen");
            // the validator's 8 warnings about the seed (AH deprecated; keepalived 2.2 ignores state MASTER with AH)
            assertEquals(12, markers(editor.file()).length);
            assertTrue(List.of(markers(editor.file())).stream().allMatch(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_WARNING));
            assertNotNull(page().findView(ClusterExplorerView.ID));
            return null;
        });
    }

    @Test
    @Order(2)
    void editingPriorityUpdatesConfigsAndProblemsAndUndoRevertsIt() throws Exception {
        ui(() -> {
            ClusterEditor editor = demoEditor();
            editor.selectInstance(editor.document().cluster().getInstances().getFirst());
            Text priority = (Text) editor.instanceForm().field("priority:director2");
            priority.setFocus();
            priority.setText("200");
            priority.notifyListeners(SWT.DefaultSelection, null);
            assertTrue(editor.isDirty());
            DirectorConfigsView view = (DirectorConfigsView) page().findView(DirectorConfigsView.ID);
            assertTrue(view.text(1).contains("vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 200"));
            IMarker[] markers = markers(editor.file());
            assertTrue(markers.length > 0, "a problem marker");
            assertTrue(List.of(markers).stream().anyMatch(m -> m.getAttribute(IMarker.MESSAGE, "")
                    .contains("higher than the MASTER on director1") && m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR
                    && m.getAttribute(IMarker.LOCATION, "").equals("director director2 › vrrp_instance VI_1 › priority [director2]")),
                    () -> List.of(markers).stream().map(m -> m.getAttribute(IMarker.LOCATION, "") + ": " + m.getAttribute(IMarker.MESSAGE, "")).toList().toString());
            page().showView(IPageLayout.ID_PROBLEM_VIEW, null, IWorkbenchPage.VIEW_VISIBLE);
            page().activate(editor);
            return null;
        });
        settle(1500);
        Path shot = ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "console-edited"));
        assertTrue(Files.size(shot) > 10_000);
        ui(() -> {
            ClusterEditor editor = demoEditor();
            // Problems view double-click lands in the editor through IGotoMarker 
            IMarker marker = List.of(markers(editor.file())).stream()
                    .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).findFirst().orElseThrow();
            editor.selectInstance(editor.document().cluster().getInstances().get(2));
            IDE.gotoMarker(editor, marker);
            assertEquals("VI_1", editor.selectedInstance().getName());
            // Edit ▸ Undo, as the menu runs it
            editor.getEditorSite().getActionBars().getGlobalActionHandler(ActionFactory.UNDO.getId()).run();
            assertFalse(editor.isDirty());
            assertEquals("100", ((Text) editor.instanceForm().field("priority:director2")).getText());
            assertEquals(12, markers(editor.file()).length, "back to the seed's warnings");
            DirectorConfigsView view = (DirectorConfigsView) page().findView(DirectorConfigsView.ID);
            assertEquals(8, view.highlightedLines(1).cardinality());
            return null;
        });
    }

    @Test
    @Order(3)
    void invalidInputIsRefusedAndSaveWritesNoSecret() throws Exception {
        ui(() -> {
            ClusterEditor editor = demoEditor();
            Text vrid = (Text) editor.instanceForm().field("vrid");
            vrid.setText("300");
            vrid.notifyListeners(SWT.DefaultSelection, null);
            assertFalse(editor.isDirty(), "an out-of-range vrid changes nothing");
            vrid.setText("61");
            vrid.notifyListeners(SWT.DefaultSelection, null);
            assertTrue(editor.isDirty());
            editor.doSave(null);
            assertFalse(editor.isDirty());
            Path file = editor.file().getLocation().toPath();
            String saved = Files.readString(file);
            assertFalse(saved.contains("k@l"), "the secret is not in the cluster file");
            assertEquals(61, ClusterStore.load(file).getInstances().getFirst().getVrid());
            // the secret comes back from secure storage
            ClusterDocuments documents = ConsolePlugin.get().documents();
            page().closeEditor(editor, false);
            documents.forget(editor.file());
            ClusterDocument reopened = documents.open(editor.file());
            assertEquals("k@l", reopened.cluster().getInstances().getFirst().getAuthentication().getSecret());
            IDE.openEditor(page(), editor.file(), ClusterEditor.ID);
            return null;
        });
    }

    @Test
    @Order(4)
    void importPairAndExportPerDirector(@org.junit.jupiter.api.io.TempDir Path exportDir) throws Exception {
        ui(() -> {
            ClusterDocuments documents = ConsolePlugin.get().documents();
            ImportOutcome outcome = documents.services().importPair(
                    new DirectorSource("lvs1", Path.of("data/director1.conf"), Files.readString(Path.of("data/director1.conf"))),
                    new DirectorSource("lvs2", Path.of("data/director2.conf"), Files.readString(Path.of("data/director2.conf"))));
            ImportOutcome.Imported imported = assertInstanceOf(ImportOutcome.Imported.class, outcome);
            var project = ResourcesPlugin.getWorkspace().getRoot().getProject("imported");
            project.create(null);
            project.open(null);
            IFile file = project.getFile("pair.vrrpcluster");
            documents.create(file, imported.cluster());
            ClusterEditor editor = (ClusterEditor) IDE.openEditor(page(), file, ClusterEditor.ID);
            ClusterDocument document = editor.document();
            List<Path> written = DirectorFiles.export(document, exportDir);
            assertEquals(List.of(exportDir.resolve("lvs1.keepalived.conf"), exportDir.resolve("lvs2.keepalived.conf")), written);
            assertEquals(document.directorConfig(document.cluster().getDirectors().get(1), false), Files.readString(written.get(1)));
            assertTrue(Files.readString(written.get(1)).contains("auth_pass k@l !ve1"), "the real secret, and the rest as the comment keepalived reads");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written.get(0))));
            return null;
        });
        settle(800);
        ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "console-imported"));
    }
}

package org.vrrpstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.ui.internal.ClusterExplorerView;
import org.vrrpstudio.ui.internal.ClusterPerspective;

/** The real console workbench, started by the UI test harness, opens in the cluster perspective. */
class WorkbenchStartTest {

    @Test
    void opensClusterPerspectiveWithExplorerAndProblems() throws Exception {
        Display display = PlatformUI.getWorkbench().getDisplay();
        AtomicReference<Object> failure = new AtomicReference<>();
        AtomicReference<Path> shot = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
                assertEquals(ClusterPerspective.ID, page.getPerspective().getId());
                assertNotNull(page.findView(ClusterExplorerView.ID), "cluster explorer shown");
                assertNotNull(page.findView(IPageLayout.ID_PROBLEM_VIEW), "problems view shown");
                shot.set(Screenshots.save(page.getWorkbenchWindow().getShell(), "workbench-start"));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() instanceof Throwable t) {
            throw new AssertionError(t);
        }
        assertTrue(Files.size(shot.get()) > 1000, "screenshot written");
    }
}

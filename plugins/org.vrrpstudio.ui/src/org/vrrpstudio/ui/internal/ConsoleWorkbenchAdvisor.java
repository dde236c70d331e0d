package org.vrrpstudio.ui.internal;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.ide.IDE;

/**
 * A 3.x IDE-style workbench: workspace resources give us markers, the Problems view, Properties and undo for free
 * (an e4-only application would have to rebuild those).
 */
public final class ConsoleWorkbenchAdvisor extends WorkbenchAdvisor {

    /** JVM uptime (ms) when the first window was usable, demo cluster open. */
    public static final String USABLE_AT_PROPERTY = "vrrpstudio.console.usableAtMillis";

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        IDE.registerAdapters();
        configurer.setSaveAndRestore(true);
    }

    /** First start: the demo cluster, opened in its editor so the console shows something real at once. */
    @Override
    public void postStartup() {
        IWorkbenchPage page = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try {
            IFile demo = DemoWorkspace.createIfEmpty(ConsolePlugin.get().documents());
            if (demo != null && page != null && page.getEditorReferences().length == 0) {
                IDE.openEditor(page, demo, ClusterEditor.ID);
            }
            if (demo != null && page != null && DemoWorkspace.createdNow) {
                // first start: the case study running in real time on simulated directors, with fail/restore actions
                if (page.showView(DistributionView.ID) instanceof DistributionView distribution) {
                    distribution.showMode(true);
                }
            }
        } catch (PartInitException e) {
            ErrorDialog.openError(null, "VRRP Studio", "The demo cluster could not be opened.", e.getStatus());
        } catch (CoreException e) {
            ErrorDialog.openError(null, "VRRP Studio", "The demo cluster could not be created.", e.getStatus());
        }
        // read by the start-up benchmark: JVM uptime when the window is usable
        System.setProperty(USABLE_AT_PROPERTY,
                String.valueOf(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()));
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return ClusterPerspective.ID;
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WorkbenchWindowAdvisor(configurer) {
            @Override
            public void preWindowOpen() {
                configurer.setInitialSize(new Point(1400, 900));
                configurer.setShowStatusLine(true);
                configurer.setShowProgressIndicator(true);
                configurer.setShowCoolBar(true);
                configurer.setTitle("VRRP Studio");
            }

            @Override
            public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer actionBars) {
                return new ConsoleActionBarAdvisor(actionBars);
            }
        };
    }
}

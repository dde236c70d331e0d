package org.vrrpstudio.ui.internal;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.vrrpstudio.ui.internal.wizards.DeployWizard;

/** File ▸ Deploy to Directors...: the deploy wizard for the cluster in the active editor. */
final class DeployAction extends Action {

    private final IWorkbenchWindow window;

    DeployAction(IWorkbenchWindow window) {
        super("&Deploy to Directors...");
        setId("org.vrrpstudio.ui.deployAction");
        setToolTipText("Preview and deploy each director's keepalived.conf over SSH");
        this.window = window;
    }

    @Override
    public void run() {
        DeployWizard wizard = new DeployWizard();
        wizard.init(window.getWorkbench(), StructuredSelection.EMPTY);
        new WizardDialog(window.getShell(), wizard).open();
    }
}

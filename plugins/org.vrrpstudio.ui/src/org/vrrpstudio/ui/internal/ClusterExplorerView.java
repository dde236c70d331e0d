package org.vrrpstudio.ui.internal;

import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;

/** The cluster tree: cluster → directors, sync groups → instances. */
public final class ClusterExplorerView extends ViewPart {

    public static final String ID = "org.vrrpstudio.ui.clusterExplorer";

    private TreeViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}

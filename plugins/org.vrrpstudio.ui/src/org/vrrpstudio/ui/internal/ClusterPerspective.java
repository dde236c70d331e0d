package org.vrrpstudio.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Explorer on the left, editors in the middle, problems below. */
public final class ClusterPerspective implements IPerspectiveFactory {

    public static final String ID = "org.vrrpstudio.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(ClusterExplorerView.ID, IPageLayout.LEFT, 0.25f, editors);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.72f, editors);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
    }
}

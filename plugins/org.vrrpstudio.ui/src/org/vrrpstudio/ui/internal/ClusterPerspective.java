package org.vrrpstudio.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Explorer on the left, the cluster editor in the middle, both directors' files (and the
 * what-if distribution) on the right, problems below. */
public final class ClusterPerspective implements IPerspectiveFactory {

    public static final String ID = "org.vrrpstudio.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(ClusterExplorerView.ID, IPageLayout.LEFT, 0.2f, editors);
        IFolderLayout right = layout.createFolder("right", IPageLayout.RIGHT, 0.52f, editors);
        right.addView(DirectorConfigsView.ID);
        right.addView(DistributionView.ID);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.68f, editors);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addPlaceholder(TimelineView.ID);
        layout.addShowViewShortcut(ClusterExplorerView.ID);
        layout.addShowViewShortcut(DirectorConfigsView.ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(DistributionView.ID);
        layout.addShowViewShortcut(TimelineView.ID);
        layout.addNewWizardShortcut("org.vrrpstudio.ui.newInstancePair");
    }
}

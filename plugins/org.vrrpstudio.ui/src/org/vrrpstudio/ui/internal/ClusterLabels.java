package org.vrrpstudio.ui.internal;

import org.eclipse.core.resources.IResource;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.OpaqueStatement;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.model.VrrpScript;

/** Labels and icons of cluster elements, shared by the explorer and the editor. */
final class ClusterLabels extends LabelProvider {

    @Override
    public String getText(Object element) {
        return switch (element) {
            case IResource resource -> resource.getName();
            case ClusterTreeContent.Folder folder -> folder.label();
            case Cluster cluster -> cluster.getName() == null ? "cluster" : cluster.getName();
            case Director director -> director.getName() + (director.getHost() == null ? "" : "  (" + director.getHost() + ")");
            case SyncGroup group -> group.getName() + "  [" + group.getInstances().size() + " instances]";
            case VrrpInstance instance -> instance.getName() + "  vrid " + instance.getVrid() + ", "
                    + instance.getInterface() + ", " + instance.getVirtualAddresses().size() + " VIP";
            case VrrpScript script -> script.getName();
            case OpaqueStatement opaque -> opaque.getKeyword();
            default -> String.valueOf(element);
        };
    }

    @Override
    public Image getImage(Object element) {
        ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
        return switch (element) {
            case IResource resource when resource.getType() == IResource.PROJECT ->
                images.getImage(IDE.SharedImages.IMG_OBJ_PROJECT);
            case IResource resource -> images.getImage(ISharedImages.IMG_OBJ_FILE);
            case ClusterTreeContent.Folder folder -> images.getImage(ISharedImages.IMG_OBJ_FOLDER);
            case VrrpInstance instance -> images.getImage(ISharedImages.IMG_OBJ_ELEMENT);
            case Director director -> images.getImage(ISharedImages.IMG_DEF_VIEW);
            case OpaqueStatement opaque -> images.getImage(ISharedImages.IMG_OBJ_FILE);
            default -> images.getImage(ISharedImages.IMG_OBJ_ELEMENT);
        };
    }
}

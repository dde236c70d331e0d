package org.vrrpstudio.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.ui.logic.ClusterDocument;

/** Workspace → projects → cluster files → cluster → directors, sync groups → instances, scripts, other blocks. */
final class ClusterTreeContent implements ITreeContentProvider {

    /** A grouping node under a cluster. */
    record Folder(Cluster cluster, String label, List<?> children) {
    }

    private final ClusterDocuments documents;

    ClusterTreeContent(ClusterDocuments documents) {
        this.documents = documents;
    }

    @Override
    public Object[] getElements(Object input) {
        return getChildren(input);
    }

    @Override
    public Object[] getChildren(Object parent) {
        try {
            return switch (parent) {
                case IWorkspaceRoot root -> root.getProjects();
                case IContainer container -> container.isAccessible() ? clusterFiles(container).toArray() : new Object[0];
                case IFile file -> {
                    ClusterDocument document = documents.open(file);
                    yield new Object[] {document.cluster()};
                }
                case Cluster cluster -> folders(cluster).toArray();
                case Folder folder -> folder.children().toArray();
                case SyncGroup group -> group.getInstances().toArray();
                default -> new Object[0];
            };
        } catch (CoreException e) {
            return new Object[] {"cannot open: " + e.getStatus().getMessage()};
        }
    }

    private static List<IResource> clusterFiles(IContainer container) throws CoreException {
        List<IResource> files = new ArrayList<>();
        for (IResource member : container.members()) {
            if (member instanceof IFile file && ClusterStore.FILE_EXTENSION.equals(file.getFileExtension())) {
                files.add(file);
            } else if (member instanceof IContainer folder && !member.getName().startsWith(".")) {
                files.add(folder);
            }
        }
        return files;
    }

    static List<Folder> folders(Cluster cluster) {
        List<Folder> folders = new ArrayList<>();
        folders.add(new Folder(cluster, "Directors", cluster.getDirectors()));
        folders.add(new Folder(cluster, "Sync groups", cluster.getSyncGroups()));
        List<VrrpInstance> ungrouped = cluster.getInstances().stream()
                .filter(i -> cluster.getSyncGroups().stream().noneMatch(g -> g.getInstances().contains(i))).toList();
        folders.add(new Folder(cluster, "Instances", cluster.getInstances()));
        if (!ungrouped.isEmpty()) {
            folders.add(new Folder(cluster, "Not in a sync group", ungrouped));
        }
        if (!cluster.getScripts().isEmpty()) {
            folders.add(new Folder(cluster, "Scripts", cluster.getScripts()));
        }
        if (!cluster.getOpaqueBlocks().isEmpty()) {
            folders.add(new Folder(cluster, "Other blocks", cluster.getOpaqueBlocks()));
        }
        return folders;
    }

    @Override
    public Object getParent(Object element) {
        return element instanceof IResource resource ? resource.getParent() : null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return switch (element) {
            case IContainer container -> true;
            case IFile file -> true;
            case Cluster cluster -> true;
            case Folder folder -> !folder.children().isEmpty();
            case SyncGroup group -> !group.getInstances().isEmpty();
            default -> false;
        };
    }
}

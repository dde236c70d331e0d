package org.vrrpstudio.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.vrrpstudio.cluster.ClusterFileException;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.SecretStore;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.ClusterServices;

/**
 * The open clusters, one {@link ClusterDocument} per {@code .vrrpcluster} file, shared by the explorer, the
 * editor and the director configs view, so that an edit anywhere shows everywhere and undoes in one place.
 */
public final class ClusterDocuments {

    /** Told when a document is opened or forgotten. */
    public interface Listener {
        void documentsChanged();
    }

    private final ClusterServices services;
    private final SecureStorageSecretStore.Factory secrets;
    private final Map<IFile, ClusterDocument> open = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    ClusterDocuments(ClusterServices services, SecureStorageSecretStore.Factory secrets) {
        this.services = services;
        this.secrets = secrets;
    }

    public ClusterServices services() {
        return services;
    }

    /** The document of a cluster file, loaded on first use. */
    public synchronized ClusterDocument open(IFile file) throws CoreException {
        ClusterDocument document = open.get(file);
        if (document == null) {
            Cluster cluster;
            try {
                cluster = ClusterStore.load(path(file), secretsOf(file));
            } catch (ClusterFileException e) {
                throw new CoreException(Status.error(e.diagnostic().format()));
            }
            document = new ClusterDocument(cluster, services);
            document.addListener(new ProblemMarkers(file));
            ProblemMarkers.update(file, document);
            open.put(file, document);
            listeners.forEach(Listener::documentsChanged);
        }
        return document;
    }

    /** The document if it is open; null otherwise (never loads). */
    public synchronized ClusterDocument ifOpen(IFile file) {
        return open.get(file);
    }

    /** The file whose document holds {@code element}. */
    public synchronized IFile fileOf(EObject element) {
        EObject root = EcoreUtil.getRootContainer(element);
        for (Map.Entry<IFile, ClusterDocument> entry : open.entrySet()) {
            if (entry.getValue().cluster() == root) {
                return entry.getKey();
            }
        }
        return null;
    }

    public synchronized ClusterDocument documentOf(EObject element) {
        IFile file = fileOf(element);
        return file == null ? null : open.get(file);
    }

    /** Writes the cluster (secrets into secure storage) and marks the document saved. */
    public void save(IFile file, ClusterDocument document) throws CoreException {
        try {
            ClusterStore.save(document.cluster(), path(file), secretsOf(file));
        } catch (ClusterFileException e) {
            throw new CoreException(Status.error(e.diagnostic().format()));
        }
        file.refreshLocal(0, null);
        document.markSaved();
    }

    /** Writes a new cluster to {@code file} (e.g. after an import); it is not opened. */
    public void create(IFile file, Cluster cluster) throws CoreException {
        try {
            ClusterStore.save(cluster, path(file), secretsOf(file));
        } catch (ClusterFileException e) {
            throw new CoreException(Status.error(e.diagnostic().format()));
        }
        file.refreshLocal(0, null);
    }

    /** Saves the document under another file and moves it there. */
    public synchronized void saveAs(IFile from, IFile to, ClusterDocument document) throws CoreException {
        save(to, document);
        open.remove(from);
        open.put(to, document);
        document.addListener(new ProblemMarkers(to));
        ProblemMarkers.update(to, document);
        listeners.forEach(Listener::documentsChanged);
    }

    /** Forgets unsaved changes (the editor was closed without saving). */
    public synchronized void forget(IFile file) {
        if (open.remove(file) != null) {
            ProblemMarkers.clear(file);
            listeners.forEach(Listener::documentsChanged);
        }
    }

    public synchronized Map<IFile, ClusterDocument> all() {
        return Map.copyOf(open);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private SecretStore secretsOf(IFile file) throws CoreException {
        try {
            return secrets.forCluster(file.getFullPath().toString());
        } catch (IOException e) {
            throw new CoreException(new Status(IStatus.ERROR, ConsolePlugin.ID, "secure storage: " + e.getMessage(), e));
        }
    }

    private static Path path(IFile file) {
        return file.getLocation().toPath();
    }
}

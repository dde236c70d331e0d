package org.vrrpstudio.ui.logic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;
import org.vrrpstudio.cluster.ScriptHost;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;

/**
 * One open cluster: the model, its editing domain and command stack (undo/redo and the dirty state), the
 * derived director files and the problems, recomputed after every change. No SWT: the views listen to it.
 */
public final class ClusterDocument {

    /** Told after every change (execute, undo, redo, save). Called on the thread that made the change. */
    public interface Listener {
        void documentChanged(ClusterDocument document);
    }

    private final Cluster cluster;
    private final ClusterServices services;
    private final BasicCommandStack commandStack = new BasicCommandStack();
    private final AdapterFactoryEditingDomain domain;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private List<ClusterProblem> problems = List.of();
    /** What each director answered about its scripts in the last deploy preview (by name); not saved. */
    private final Map<String, ScriptHost> scriptHosts = new ConcurrentHashMap<>();
    private long lastCheckNanos;

    public ClusterDocument(Cluster cluster, ClusterServices services) {
        this.cluster = cluster;
        this.services = services;
        ComposedAdapterFactory adapters = new ComposedAdapterFactory();
        adapters.addAdapterFactory(new ReflectiveItemProviderAdapterFactory());
        this.domain = new AdapterFactoryEditingDomain(adapters, commandStack, new HashMap<>());
        if (cluster.eResource() == null) {
            // The domain finds elements by resource; a memory-only resource is enough (saving goes elsewhere).
            Resource resource = new XMIResourceImpl(URI.createURI("memory:/cluster.vrrpcluster"));
            domain.getResourceSet().getResources().add(resource);
            resource.getContents().add(cluster);
        }
        commandStack.addCommandStackListener(event -> recheckAndNotify());
        recheck();
    }

    public Cluster cluster() {
        return cluster;
    }

    public ClusterServices services() {
        return services;
    }

    public EditingDomain editingDomain() {
        return domain;
    }

    public CommandStack commandStack() {
        return commandStack;
    }

    public boolean isDirty() {
        return commandStack.isSaveNeeded();
    }

    /** Call after the model was written to disk. */
    public void markSaved() {
        commandStack.saveIsDone();
        notifyListeners();
    }

    /** Runs a command through the stack (so it can be undone); returns false when it cannot run. */
    public boolean execute(Command command) {
        if (command == null || !command.canExecute()) {
            return false;
        }
        commandStack.execute(command);
        return true;
    }

    /** Sets one feature of one element, undoably; no command when the value is unchanged. */
    public boolean set(EObject owner, EStructuralFeature feature, Object value) {
        Object current = owner.eGet(feature);
        if (current == null ? value == null : current.equals(value)) {
            return false;
        }
        return execute(SetCommand.create(domain, owner, feature, value));
    }

    public boolean undo() {
        if (!commandStack.canUndo()) {
            return false;
        }
        commandStack.undo();
        return true;
    }

    public boolean redo() {
        if (!commandStack.canRedo()) {
            return false;
        }
        commandStack.redo();
        return true;
    }

    /** The keepalived.conf the director gets. */
    public String directorConfig(Director director, boolean maskSecrets) {
        return services.exportDirector(cluster, director, maskSecrets);
    }

    /**
     * Keeps what the directors answered about their scripts' paths and users (a deploy preview asked them) and checks
     * again: from now on the Problems view judges keepalived's script rules on those directors too, each answer
     * replacing the director's previous one.
     */
    public void scriptHostsAnswered(Map<String, ScriptHost> answers) {
        scriptHosts.putAll(answers);
        recheckAndNotify();
    }

    /** The directors whose script answers the Problems view uses (see {@link #scriptHostsAnswered}). */
    public java.util.Set<String> directorsWithScriptAnswers() {
        return java.util.Set.copyOf(scriptHosts.keySet());
    }

    /** Problems as of the last change. */
    public List<ClusterProblem> problems() {
        return problems;
    }

    /** How long the last check took, for the latency benchmark. */
    public long lastCheckNanos() {
        return lastCheckNanos;
    }

    /** The element a stable id ({@link #idOf}) names, or null when it is gone. */
    public EObject elementById(String id) {
        Resource resource = cluster.eResource();
        return resource == null || id == null ? null : resource.getEObject(id);
    }

    /** A path-like id (e.g. {@code //@instances.0}) that survives saving and reloading the same model. */
    public String idOf(EObject element) {
        return EcoreUtil.getURI(element).fragment();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void recheckAndNotify() {
        recheck();
        notifyListeners();
    }

    private void recheck() {
        long start = System.nanoTime();
        problems = List.copyOf(new ArrayList<>(services.check(cluster, Map.copyOf(scriptHosts))));
        lastCheckNanos = System.nanoTime() - start;
    }

    private void notifyListeners() {
        for (Listener listener : listeners) {
            listener.documentChanged(this);
        }
    }
}

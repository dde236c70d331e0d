package org.vrrpstudio.ui.internal;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.vrrpstudio.deploy.AgentInstaller;
import org.vrrpstudio.deploy.DaemonKind;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.ViewPart;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.ui.internal.wizards.NewInstancePairWizard;
import org.vrrpstudio.ui.logic.ClusterCommands;
import org.vrrpstudio.ui.logic.ClusterDocument;

/** The cluster tree: projects → cluster files → directors, sync groups → instances, scripts, other blocks. */
public final class ClusterExplorerView extends ViewPart {

    public static final String ID = "org.vrrpstudio.ui.clusterExplorer";

    private TreeViewer viewer;
    private ClusterDocuments documents;
    private final ClusterDocument.Listener refresher = document -> refresh();
    private final ClusterDocuments.Listener opened = this::listenToDocuments;
    private final IResourceChangeListener workspaceListener = event -> {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.getControl().getDisplay().asyncExec(this::refresh);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        documents = ConsolePlugin.get().documents();
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        viewer.setContentProvider(new ClusterTreeContent(documents));
        viewer.setLabelProvider(new ClusterLabels());
        viewer.setInput(ResourcesPlugin.getWorkspace().getRoot());
        viewer.setAutoExpandLevel(4);
        viewer.addDoubleClickListener(event -> open(viewer.getStructuredSelection().getFirstElement()));
        getSite().setSelectionProvider(viewer);
        createContextMenu();
        getViewSite().getActionBars().setGlobalActionHandler(ActionFactory.DELETE.getId(), deleteAction());
        documents.addListener(opened);
        listenToDocuments();
        ResourcesPlugin.getWorkspace().addResourceChangeListener(workspaceListener, IResourceChangeEvent.POST_CHANGE);
    }

    private void listenToDocuments() {
        for (ClusterDocument document : documents.all().values()) {
            document.removeListener(refresher);
            document.addListener(refresher);
        }
    }

    TreeViewer viewer() {
        return viewer;
    }

    private void refresh() {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.refresh();
            if (viewer.getExpandedElements().length == 0) {
                viewer.expandToLevel(4);
            }
        }
    }

    private void open(Object element) {
        IWorkbenchPage page = getSite().getPage();
        try {
            if (element instanceof IFile file) {
                IDE.openEditor(page, file, ClusterEditor.ID);
            } else if (element instanceof VrrpInstance instance) {
                IFile file = documents.fileOf(instance);
                if (file != null && IDE.openEditor(page, file, ClusterEditor.ID) instanceof ClusterEditor editor) {
                    editor.selectInstance(instance);
                }
            } else if (element instanceof Director || element instanceof Cluster) {
                IFile file = documents.fileOf((EObject) element);
                if (file != null) {
                    IDE.openEditor(page, file, ClusterEditor.ID);
                    page.showView(DirectorConfigsView.ID);
                }
            } else if (element != null) {
                viewer.setExpandedState(element, !viewer.getExpandedState(element));
            }
        } catch (PartInitException e) {
            ErrorDialog.openError(getSite().getShell(), "Open", "The cluster could not be opened.", e.getStatus());
        }
    }

    private ClusterDocument selectedDocument() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        if (first instanceof ClusterTreeContent.Folder folder) {
            return documents.documentOf(folder.cluster());
        }
        if (first instanceof IFile file) {
            return documents.ifOpen(file);
        }
        return first instanceof EObject element ? documents.documentOf(element) : null;
    }

    private void createContextMenu() {
        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fillContextMenu);
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);
    }

    private void fillContextMenu(IMenuManager menu) {
        ClusterDocument document = selectedDocument();
        if (document == null) {
            return;
        }
        menu.add(new Action("New Instance Pair...") {
            @Override
            public void run() {
                NewInstancePairWizard wizard = new NewInstancePairWizard(document);
                new WizardDialog(getSite().getShell(), wizard).open();
            }
        });
        menu.add(new Action("New Sync Group...") {
            @Override
            public void run() {
                List<VrrpInstance> members = selectedInstances();
                InputDialog dialog = new InputDialog(getSite().getShell(), "New Sync Group",
                        "Name of the sync group" + (members.isEmpty() ? "" : " of " + members.size() + " instances") + ":",
                        "VG" + (document.cluster().getSyncGroups().size() + 1),
                        name -> name.isBlank() ? "a name is required" : document.cluster().getSyncGroups().stream()
                                .anyMatch(g -> g.getName().equals(name.trim())) ? "that name is taken" : null);
                if (dialog.open() == Window.OK) {
                    document.execute(new ClusterCommands(document).addSyncGroup(dialog.getValue().trim(), members));
                }
            }
        });
        List<VrrpInstance> instances = selectedInstances();
        if (instances.size() == 1) {
            menu.add(new Action("Duplicate") {
                @Override
                public void run() {
                    document.execute(new ClusterCommands(document).duplicate(instances.getFirst()));
                }
            });
        }
        menu.add(new Separator());
        Director director = viewer.getStructuredSelection().getFirstElement() instanceof Director d ? d : null;
        String on = director == null ? "" : " on " + director.getName();
        menu.add(new Action("Install Agent" + on + "...") {
            @Override
            public void run() {
                agentPackage().ifPresent(p -> DaemonActions.interactive(getSite().getShell()).installAgent(document, director, p));
            }
        });
        for (DaemonKind to : DaemonKind.values()) {
            menu.add(new Action("Switch" + on + " to " + (to == DaemonKind.AGENT ? "Agent" : "keepalived") + "...") {
                @Override
                public void run() {
                    DaemonActions.interactive(getSite().getShell()).switchDaemon(document, director, to);
                }
            });
        }
        menu.add(new Separator());
        Object first = viewer.getStructuredSelection().getFirstElement();
        MaintenanceActions.fill(menu, getSite().getShell(), getSite().getPage(), document, director == null ? null : director.getName(),
                first instanceof org.vrrpstudio.model.SyncGroup g ? g.getName() : null,
                first instanceof VrrpInstance i ? i.getName() : null);
        menu.add(new Separator());
        menu.add(deleteAction());
    }

    /**
     * The agent's package: $VRRPSTUDIO_AGENT_PACKAGE, else the user picks the {@code vrrpstudio-agent_*.deb} the build
     * made (the install step must lie beside it); empty when cancelled or not a package (said in a dialog).
     */
    private java.util.Optional<AgentInstaller.AgentPackage> agentPackage() {
        String path = System.getenv("VRRPSTUDIO_AGENT_PACKAGE");
        if (path == null || path.isBlank()) {
            FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN);
            dialog.setText("The agent's package");
            dialog.setFilterExtensions(new String[] {"vrrpstudio-agent_*.deb", "*.deb"});
            path = dialog.open();
            if (path == null) {
                return java.util.Optional.empty();
            }
        }
        try {
            return java.util.Optional.of(AgentInstaller.AgentPackage.of(java.nio.file.Path.of(path)));
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(getSite().getShell(), "Install the agent", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private Action deleteAction() {
        return new Action("Delete") {
            @Override
            public void run() {
                ClusterDocument document = selectedDocument();
                IStructuredSelection selection = viewer.getStructuredSelection();
                List<EObject> elements = selection.stream().filter(EObject.class::isInstance).map(EObject.class::cast).toList();
                if (document != null && !elements.isEmpty()) {
                    document.execute(new ClusterCommands(document).delete(elements));
                }
            }
        };
    }

    private List<VrrpInstance> selectedInstances() {
        return viewer.getStructuredSelection().stream().filter(VrrpInstance.class::isInstance)
                .map(VrrpInstance.class::cast).toList();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(workspaceListener);
        if (documents != null) {
            documents.removeListener(opened);
            documents.all().values().forEach(d -> d.removeListener(refresher));
        }
        super.dispose();
    }
}

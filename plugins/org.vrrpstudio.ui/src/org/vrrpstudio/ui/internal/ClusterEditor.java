package org.vrrpstudio.ui.internal;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.dialogs.SaveAsDialog;
import org.eclipse.ui.forms.ManagedForm;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.ide.IGotoMarker;
import org.eclipse.ui.part.EditorPart;
import org.eclipse.ui.part.FileEditorInput;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.ui.logic.ClusterCommands;
import org.vrrpstudio.ui.logic.ClusterDocument;

/**
 * The editor of a {@code .vrrpcluster} file: the instances on the left, the selected instance's form on the right.
 * Dirty state, save and undo belong to the shared {@link ClusterDocument}, so the explorer and the director
 * configs view see every edit at once.
 */
public final class ClusterEditor extends EditorPart implements IGotoMarker, ClusterDocument.Listener {

    public static final String ID = "org.vrrpstudio.ui.clusterEditor";

    private ClusterDocuments documents;
    private ClusterDocument document;
    private DocumentActions undoRedo;
    private FormToolkit toolkit;
    private TableViewer instances;
    private ManagedForm details;
    private InstanceForm instanceForm;
    private int directorCount;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput fileInput)) {
            throw new PartInitException("the cluster editor opens .vrrpcluster files of the workspace");
        }
        setSite(site);
        setInput(input);
        documents = ConsolePlugin.get().documents();
        try {
            document = documents.open(fileInput.getFile());
        } catch (CoreException e) {
            throw new PartInitException(e.getStatus());
        }
        setPartName(fileInput.getName());
        document.addListener(this);
        undoRedo = new DocumentActions(document);
        undoRedo.install(site.getActionBars());
        site.getActionBars().setGlobalActionHandler(ActionFactory.DELETE.getId(), new Action("Delete") {
            @Override
            public void run() {
                VrrpInstance selected = selectedInstance();
                if (selected != null) {
                    document.execute(new ClusterCommands(document).delete(java.util.List.of(selected)));
                }
            }
        });
    }

    public IFile file() {
        return ((IFileEditorInput) getEditorInput()).getFile();
    }

    public ClusterDocument document() {
        return document;
    }

    /** The form of the selected instance (null when the cluster has none). */
    InstanceForm instanceForm() {
        return instanceForm;
    }

    @Override
    public void createPartControl(Composite parent) {
        toolkit = new FormToolkit(parent.getDisplay());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        Composite left = toolkit.createComposite(sash);
        left.setLayout(new GridLayout(1, false));
        toolkit.createLabel(left, "Instances").setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        instances = new TableViewer(left, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        instances.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        instances.setContentProvider(ArrayContentProvider.getInstance());
        instances.setLabelProvider(new ClusterLabels());
        instances.addSelectionChangedListener(event -> showInstance(selectedInstance()));
        getSite().setSelectionProvider(instances);
        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new FillLayout());
        ScrolledForm scrolled = toolkit.createScrolledForm(right);
        details = new ManagedForm(toolkit, scrolled);
        sash.setWeights(2, 5);
        directorCount = document.cluster().getDirectors().size();
        instances.setInput(document.cluster().getInstances().toArray());
        if (!document.cluster().getInstances().isEmpty()) {
            selectInstance(document.cluster().getInstances().getFirst());
        }
    }

    public void selectInstance(VrrpInstance instance) {
        instances.setSelection(new StructuredSelection(instance), true);
    }

    public VrrpInstance selectedInstance() {
        return instances.getStructuredSelection().getFirstElement() instanceof VrrpInstance i ? i : null;
    }

    private void showInstance(VrrpInstance instance) {
        if (instanceForm != null && instanceForm.instance() == instance) {
            return;
        }
        ScrolledForm form = details.getForm();
        for (Control child : form.getBody().getChildren()) {
            child.dispose();
        }
        details.getMessageManager().removeAllMessages();
        instanceForm = null;
        if (instance == null) {
            form.setText("No instance");
        } else {
            form.setText("vrrp_instance " + instance.getName());
            instanceForm = new InstanceForm(details, form.getBody(), document, instance);
        }
        form.reflow(true);
    }

    @Override
    public void documentChanged(ClusterDocument changed) {
        if (instances == null || instances.getControl().isDisposed()) {
            return;
        }
        instances.setInput(document.cluster().getInstances().toArray());
        VrrpInstance shown = instanceForm == null ? null : instanceForm.instance();
        boolean gone = shown != null && !document.cluster().getInstances().contains(shown);
        if (gone || directorCount != document.cluster().getDirectors().size()) {
            directorCount = document.cluster().getDirectors().size();
            instanceForm = null;
            VrrpInstance next = gone ? (document.cluster().getInstances().isEmpty() ? null
                    : document.cluster().getInstances().getFirst()) : shown;
            if (next != null) {
                selectInstance(next);
            }
            showInstance(next);
        } else if (instanceForm != null) {
            instanceForm.refresh();
            details.getForm().setText("vrrp_instance " + shown.getName());
            if (instances.getStructuredSelection().isEmpty()) {
                instances.setSelection(new StructuredSelection(shown));
            }
        }
        firePropertyChange(PROP_DIRTY);
    }

    @Override
    public void gotoMarker(IMarker marker) {
        EObject element = document.elementById(marker.getAttribute(ProblemMarkers.ELEMENT_ID, null));
        EObject problemElement = element;
        if (element instanceof org.vrrpstudio.model.DirectorInstance settings) {
            element = settings.getInstance();
        }
        while (element != null && !(element instanceof VrrpInstance)) {
            element = element.eContainer();
        }
        if (element instanceof VrrpInstance instance) {
            selectInstance(instance);
            String where = marker.getAttribute(IMarker.LOCATION, "");
            String director = marker.getAttribute(ProblemMarkers.DIRECTORS, "").split(",")[0];
            String key = problemElement instanceof org.vrrpstudio.model.VirtualAddress ? "vip.table"
                    : problemElement instanceof org.vrrpstudio.model.Authentication ? "secret"
                    : where.contains("priority") ? "priority:" + director : where.contains("virtual_router_id")
                    ? "vrid" : where.contains("advert_int") ? "advertInterval" : where.contains("virtual_ipaddress")
                            ? "vip.table" : where.contains("auth") ? "secret" : where.contains("state")
                                    ? "state:" + director : "name";
            if (instanceForm != null && instanceForm.field(key) != null) {
                instanceForm.field(key).setFocus();
            }
        }
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        try {
            documents.save(file(), document);
        } catch (CoreException e) {
            ErrorDialog.openError(getSite().getShell(), "Save", "The cluster could not be saved.", e.getStatus());
        }
    }

    @Override
    public void doSaveAs() {
        SaveAsDialog dialog = new SaveAsDialog(getSite().getShell());
        dialog.setOriginalFile(file());
        if (dialog.open() != Window.OK || dialog.getResult() == null) {
            return;
        }
        var path = dialog.getResult();
        if (path.getFileExtension() == null) {
            path = path.addFileExtension("vrrpcluster");
        }
        IFile target = ResourcesPlugin.getWorkspace().getRoot().getFile(path);
        try {
            documents.saveAs(file(), target, document);
            setInput(new FileEditorInput(target));
            setPartName(target.getName());
        } catch (CoreException e) {
            ErrorDialog.openError(getSite().getShell(), "Save As", "The cluster could not be saved.", e.getStatus());
        }
    }

    @Override
    public boolean isDirty() {
        return document != null && document.isDirty();
    }

    @Override
    public boolean isSaveAsAllowed() {
        return true;
    }

    @Override
    public void setFocus() {
        instances.getControl().setFocus();
    }

    @Override
    public void dispose() {
        if (document != null) {
            document.removeListener(this);
            undoRedo.dispose();
            if (document.isDirty()) {
                // closed without saving: the next open reads the file again
                documents.forget(file());
            }
        }
        if (details != null) {
            details.dispose();
        }
        if (toolkit != null) {
            toolkit.dispose();
        }
        super.dispose();
    }
}

package org.vrrpstudio.ui.internal.wizards;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IExportWizard;
import org.eclipse.ui.IWorkbench;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.ui.internal.ConsolePlugin;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.DirectorFiles;

/** Writes each director's keepalived.conf of a cluster into a folder. */
public final class ExportDirectorsWizard extends Wizard implements IExportWizard {

    private final List<IFile> clusters = new ArrayList<>();
    private Combo cluster;
    private Text folder;
    private List<Path> written = List.of();

    public ExportDirectorsWizard() {
        setWindowTitle("Export keepalived.conf per Director");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        try {
            ResourcesPlugin.getWorkspace().getRoot().accept(resource -> {
                if (resource instanceof IFile file && ClusterStore.FILE_EXTENSION.equals(file.getFileExtension())) {
                    clusters.add(file);
                }
                return true;
            }, IResource.DEPTH_INFINITE, false);
        } catch (CoreException e) {
            // an unreadable part of the workspace just offers fewer clusters
        }
    }

    @Override
    public void addPages() {
        addPage(new WizardPage("export", "Export director files", null) {
            @Override
            public void createControl(Composite parent) {
                setDescription("One file per director, readable by you only (they hold auth_pass).");
                Composite body = new Composite(parent, SWT.NONE);
                body.setLayout(new GridLayout(3, false));
                new Label(body, SWT.NONE).setText("Cluster:");
                cluster = new Combo(body, SWT.READ_ONLY);
                cluster.setItems(clusters.stream().map(f -> f.getFullPath().toString()).toArray(String[]::new));
                cluster.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
                if (!clusters.isEmpty()) {
                    cluster.select(0);
                }
                new Label(body, SWT.NONE).setText("Folder:");
                folder = new Text(body, SWT.BORDER);
                folder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                folder.setText(System.getProperty("user.home") + "/vrrpstudio-export");
                Button browse = new Button(body, SWT.PUSH);
                browse.setText("Browse...");
                browse.addListener(SWT.Selection, e -> {
                    String chosen = new DirectoryDialog(getShell()).open();
                    if (chosen != null) {
                        folder.setText(chosen);
                    }
                });
                setControl(body);
                setPageComplete(!clusters.isEmpty());
                if (clusters.isEmpty()) {
                    setErrorMessage("The workspace has no cluster to export.");
                }
            }
        });
    }

    /** For tests: choose the cluster file and the folder. */
    void choose(IFile file, Path target) {
        cluster.select(clusters.indexOf(file));
        folder.setText(target.toString());
    }

    List<Path> written() {
        return written;
    }

    @Override
    public boolean performFinish() {
        IFile file = clusters.get(cluster.getSelectionIndex());
        Path target = Path.of(folder.getText().trim());
        try {
            ClusterDocument document = ConsolePlugin.get().documents().open(file);
            getContainer().run(true, false, monitor -> {
                monitor.beginTask("Writing director files", org.eclipse.core.runtime.IProgressMonitor.UNKNOWN);
                try {
                    written = DirectorFiles.export(document, target);
                } catch (IOException e) {
                    throw new InvocationTargetException(e);
                } finally {
                    monitor.done();
                }
            });
            return true;
        } catch (CoreException e) {
            MessageDialog.openError(getShell(), "Export", "The cluster could not be read: " + e.getStatus().getMessage());
        } catch (InvocationTargetException e) {
            MessageDialog.openError(getShell(), "Export", "The files could not be written: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

}

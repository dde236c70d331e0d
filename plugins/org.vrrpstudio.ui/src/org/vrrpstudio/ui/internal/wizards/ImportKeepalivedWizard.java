package org.vrrpstudio.ui.internal.wizards;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
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
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IImportWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.ui.internal.ClusterEditor;
import org.vrrpstudio.ui.internal.ConsolePlugin;
import org.vrrpstudio.ui.logic.ClusterServices;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;

/**
 * Imports one director's keepalived.conf (the other director is its mirror) or both directors' files into a new
 * cluster file. A file that does not parse shows its located errors on the page and nothing is created.
 */
public final class ImportKeepalivedWizard extends Wizard implements IImportWizard {

    /** Warnings listed in the message box after an import; the Problems view has the cluster's own. */
    private static final int SHOWN_WARNINGS = 40;

    private Text first;
    private Text second;
    private Text firstName;
    private Text secondName;
    private Text target;
    private Text report;
    private WizardPage page;
    private IFile created;

    public ImportKeepalivedWizard() {
        setWindowTitle("Import keepalived.conf");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        // the page asks for everything it needs
    }

    @Override
    public void addPages() {
        page = new WizardPage("import", "Import keepalived.conf", null) {
            @Override
            public void createControl(Composite parent) {
                setDescription("Director 1's file; add director 2's to import a pair (otherwise it is mirrored).");
                Composite body = new Composite(parent, SWT.NONE);
                body.setLayout(new GridLayout(3, false));
                first = fileRow(body, "Director 1 file:");
                firstName = textRow(body, "Director 1 name:", "director1");
                second = fileRow(body, "Director 2 file (optional):");
                secondName = textRow(body, "Director 2 name:", "director2");
                target = textRow(body, "New cluster file:", "imported/cluster.vrrpcluster");
                report = new Text(body, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.WRAP);
                GridData data = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
                data.heightHint = 120;
                report.setLayoutData(data);
                setControl(body);
            }
        };
        addPage(page);
    }

    private Text fileRow(Composite body, String label) {
        new Label(body, SWT.NONE).setText(label);
        Text text = new Text(body, SWT.BORDER);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browse = new Button(body, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            String chosen = new FileDialog(getShell(), SWT.OPEN).open();
            if (chosen != null) {
                text.setText(chosen);
            }
        });
        return text;
    }

    private Text textRow(Composite body, String label, String value) {
        new Label(body, SWT.NONE).setText(label);
        Text text = new Text(body, SWT.BORDER);
        text.setText(value);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        return text;
    }

    /** For tests: fill the page. */
    void fill(Path director1, Path director2, String clusterFile) {
        first.setText(director1.toString());
        second.setText(director2 == null ? "" : director2.toString());
        target.setText(clusterFile);
    }

    String report() {
        return report.getText();
    }

    IFile created() {
        return created;
    }

    @Override
    public boolean performFinish() {
        page.setErrorMessage(null);
        report.setText("");
        List<Path> files = new ArrayList<>();
        files.add(Path.of(first.getText().trim()));
        if (!second.getText().isBlank()) {
            files.add(Path.of(second.getText().trim()));
        }
        List<String> names = List.of(firstName.getText().trim(), secondName.getText().trim());
        if (names.get(0).isEmpty() || names.get(1).isEmpty() || names.get(0).equals(names.get(1))) {
            page.setErrorMessage("The two directors need two different names.");
            return false;
        }
        String targetPath = target.getText().trim();
        if (!targetPath.contains("/") || !targetPath.endsWith(".vrrpcluster")) {
            page.setErrorMessage("The new cluster file is PROJECT/NAME.vrrpcluster, e.g. imported/cluster.vrrpcluster");
            return false;
        }
        AtomicReference<ImportOutcome> outcome = new AtomicReference<>();
        try {
            getContainer().run(true, false, monitor -> {
                monitor.beginTask("Importing", files.size() + 1);
                List<DirectorSource> sources = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    try {
                        // the parser's own bounded read: a device, a huge or a binary file is one line, not a hang
                        sources.add(new DirectorSource(names.get(i), files.get(i), ConfigParser.readText(files.get(i))));
                    } catch (IOException e) {
                        throw new InvocationTargetException(e, files.get(i) + ": cannot read: " + e.getMessage());
                    }
                    monitor.worked(1);
                }
                ClusterServices services = ConsolePlugin.get().documents().services();
                outcome.set(sources.size() == 2 ? services.importPair(sources.get(0), sources.get(1))
                        : services.importWithMirror(sources.getFirst(), names.get(1)));
                monitor.done();
            });
        } catch (InvocationTargetException e) {
            page.setErrorMessage(e.getMessage() != null ? e.getMessage() : e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        switch (outcome.get()) {
            case ImportOutcome.Failed failed -> {
                page.setErrorMessage("Nothing was imported: " + failed.errors().size() + " error(s), listed below.");
                report.setText(failed.errors().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
                return false;
            }
            case ImportOutcome.Imported imported -> {
                try {
                    created = ResourcesPlugin.getWorkspace().getRoot().getFile(new org.eclipse.core.runtime.Path(targetPath));
                    IProject project = created.getProject();
                    if (!project.exists()) {
                        project.create(null);
                    }
                    project.open(null);
                    ConsolePlugin.get().documents().create(created, imported.cluster());
                    IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), created,
                            ClusterEditor.ID);
                } catch (PartInitException e) {
                    page.setErrorMessage("Imported, but the editor did not open: " + e.getMessage());
                } catch (CoreException e) {
                    page.setErrorMessage("The cluster file could not be written: " + e.getStatus().getMessage());
                    return false;
                }
                if (!imported.warnings().isEmpty()) {
                    int count = imported.warnings().size();
                    MessageDialog.openWarning(getShell(), "Import", "Imported, with " + count
                            + " warning(s) about the files (the Problems view lists what the cluster still has):\n\n"
                            + imported.warnings().stream().limit(SHOWN_WARNINGS).map(ImportKeepalivedWizard::shortForm)
                                    .collect(Collectors.joining("\n"))
                            + (count > SHOWN_WARNINGS ? "\n... and " + (count - SHOWN_WARNINGS) + " more" : ""));
                }
                return true;
            }
        }
    }

    /** "director1.conf:24: message": the full paths are in the wizard's fields already. */
    private static String shortForm(Diagnostic diagnostic) {
        var file = diagnostic.location().file().getFileName();
        return (file == null ? "" : file + ":" + diagnostic.location().line() + ": ") + diagnostic.message();
    }
}

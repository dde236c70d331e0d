package org.vrrpstudio.ui.internal.wizards;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IExportWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.vrrpstudio.cluster.ScriptHost;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.ModelPackage.Literals;
import org.vrrpstudio.ui.internal.ClusterEditor;
import org.vrrpstudio.ui.internal.ConsolePlugin;
import org.vrrpstudio.ui.internal.DeployJob;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.deploy.DeploySession;

/**
 * Deploys the open cluster's director files over SSH: choose the directors (and where they are), preview a dry
 * run per director (diff with secrets masked, validated on the director), accept unknown host keys one by one
 * after seeing their fingerprints, then deploy in a background job (BACKUP side first, progress, cancel).
 */
public final class DeployWizard extends Wizard implements IExportWizard {

    /** The console's known_hosts, shared with {@code vrrpstudio deploy}. */
    public static final Path KNOWN_HOSTS = Path.of(System.getProperty("user.home"), ".vrrpstudio", "known_hosts");

    private ClusterDocument document;
    private Function<Cluster, DeploySession> sessions;
    private DirectorsPage directorsPage;
    private PreviewPage previewPage;
    private DeployJob job;

    public DeployWizard() {
        setWindowTitle("Deploy to Directors");
        setNeedsProgressMonitor(true);
    }

    /** For tests and callers that have the document: the sessions decide how the plan is made. */
    public DeployWizard(ClusterDocument document, Function<Cluster, DeploySession> sessions) {
        this();
        this.document = document;
        this.sessions = sessions;
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        if (document == null && workbench.getActiveWorkbenchWindow() != null
                && workbench.getActiveWorkbenchWindow().getActivePage() != null
                && workbench.getActiveWorkbenchWindow().getActivePage().getActiveEditor() instanceof ClusterEditor editor) {
            document = editor.document();
        }
        if (sessions == null) {
            sessions = cluster -> DeploySession.of(cluster, KNOWN_HOSTS, ConsolePlugin.get().passphrases());
        }
    }

    @Override
    public void addPages() {
        directorsPage = new DirectorsPage();
        previewPage = new PreviewPage();
        addPage(directorsPage);
        addPage(previewPage);
    }

    @Override
    public boolean canFinish() {
        return getContainer().getCurrentPage() == previewPage && previewPage.isPageComplete();
    }

    @Override
    public boolean performFinish() {
        job = new DeployJob(sessions.apply(document.cluster()), directorsPage.chosen());
        Display display = getShell().getDisplay();
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                display.asyncExec(() -> showResults(event.getResult()));
            }
        });
        job.schedule();
        return true;
    }

    static final String RESULTS_TITLE = "Deploy Results";

    /** One line per director, as an error box when any director did not take its file. */
    private static void showResults(org.eclipse.core.runtime.IStatus status) {
        if (!PlatformUI.isWorkbenchRunning() || PlatformUI.getWorkbench().getActiveWorkbenchWindow() == null) {
            return;
        }
        StringBuilder lines = new StringBuilder(status.getMessage()).append("\n");
        for (org.eclipse.core.runtime.IStatus child : status.getChildren()) {
            lines.append('\n').append(child.getMessage());
        }
        var shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        if (status.getSeverity() >= org.eclipse.core.runtime.IStatus.WARNING) {
            MessageDialog.openError(shell, RESULTS_TITLE, lines.toString());
        } else {
            MessageDialog.openInformation(shell, RESULTS_TITLE, lines.toString());
        }
    }

    /** The job Finish started, for the caller that wants to wait or show its results. */
    public DeployJob job() {
        return job;
    }

    /** Page 1: which directors, and how to reach them (stored in the model, undoable like any edit). */
    final class DirectorsPage extends WizardPage {
        private final Map<Director, Button> choices = new LinkedHashMap<>();
        private final Map<String, Text> fields = new LinkedHashMap<>();
        private Text passphrase;

        DirectorsPage() {
            super("directors", "Directors to deploy", null);
            setDescription("Each chosen director gets its keepalived.conf; the BACKUP side goes first.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite body = new Composite(parent, SWT.NONE);
            setControl(body);
            if (document == null) {
                body.setLayout(new GridLayout());
                new Label(body, SWT.WRAP).setText("Open a cluster in its editor first.");
                setPageComplete(false);
                return;
            }
            body.setLayout(new GridLayout(6, false));
            for (String header : List.of("Director", "Host", "Port", "User", "Config path", "Key file (empty: ssh-agent or ~/.ssh)")) {
                new Label(body, SWT.NONE).setText(header);
            }
            for (Director director : document.cluster().getDirectors()) {
                Button choice = new Button(body, SWT.CHECK);
                choice.setText(director.getName());
                choice.setSelection(true);
                choice.setData(UiNames.KEY, "choose:" + director.getName());
                choice.addListener(SWT.Selection, e -> validate());
                choices.put(director, choice);
                field(body, director, "host", director.getHost(), 130);
                field(body, director, "port", director.getSshPort() > 0 ? String.valueOf(director.getSshPort()) : "22", 45);
                field(body, director, "user", director.getSshUser() == null ? "root" : director.getSshUser(), 60);
                field(body, director, "path", director.getRemoteConfigPath() == null ? "/etc/keepalived/keepalived.conf"
                        : director.getRemoteConfigPath(), 200);
                field(body, director, "key", director.getIdentityFile(), 150);
            }
            Label label = new Label(body, SWT.NONE);
            label.setText("Key passphrase:");
            label.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
            passphrase = new Text(body, SWT.BORDER | SWT.PASSWORD);
            passphrase.setData(UiNames.KEY, "passphrase");
            passphrase.setMessage("only for an encrypted key; kept in secure storage");
            passphrase.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
            validate();
        }

        private void field(Composite body, Director director, String what, String value, int width) {
            Text text = new Text(body, SWT.BORDER);
            text.setText(value == null ? "" : value);
            text.setData(UiNames.KEY, what + ":" + director.getName());
            GridData data = new GridData(SWT.FILL, SWT.CENTER, what.equals("path"), false);
            data.widthHint = width;
            text.setLayoutData(data);
            text.addModifyListener(e -> validate());
            fields.put(what + ":" + director.getName(), text);
        }

        List<String> chosen() {
            return choices.entrySet().stream().filter(e -> e.getValue().getSelection()).map(e -> e.getKey().getName()).toList();
        }

        private String value(Director director, String what) {
            return fields.get(what + ":" + director.getName()).getText().trim();
        }

        private void validate() {
            String problem = chosen().isEmpty() ? "Choose at least one director." : null;
            for (Director director : choices.keySet()) {
                if (problem != null || !choices.get(director).getSelection()) {
                    continue;
                }
                if (value(director, "host").isEmpty()) {
                    problem = director.getName() + ": the host is missing.";
                } else if (!value(director, "port").matches("\\d{1,5}") || Integer.parseInt(value(director, "port")) < 1
                        || Integer.parseInt(value(director, "port")) > 65535) {
                    problem = director.getName() + ": the port must be 1..65535.";
                } else if (value(director, "user").isEmpty()) {
                    problem = director.getName() + ": the user is missing.";
                } else if (!value(director, "path").startsWith("/") || value(director, "path").endsWith("/")) {
                    problem = director.getName() + ": the config path must be an absolute file path.";
                }
            }
            setErrorMessage(problem);
            setPageComplete(problem == null);
        }

        /** Writes what the user typed into the model (one undoable command per changed value). */
        void apply() throws IOException {
            for (Director director : choices.keySet()) {
                set(director, Literals.DIRECTOR__HOST, value(director, "host"));
                set(director, Literals.DIRECTOR__SSH_PORT, Integer.parseInt(value(director, "port")));
                set(director, Literals.DIRECTOR__SSH_USER, value(director, "user"));
                set(director, Literals.DIRECTOR__REMOTE_CONFIG_PATH, value(director, "path"));
                set(director, Literals.DIRECTOR__IDENTITY_FILE, value(director, "key"));
            }
            char[] typed = passphrase.getTextChars();
            if (typed.length > 0) {
                for (Director director : choices.keySet()) {
                    if (!value(director, "key").isEmpty()) {
                        ConsolePlugin.get().passphrases().remember(Path.of(value(director, "key")), typed);
                    }
                }
            }
            Arrays.fill(typed, '\0');
        }

        private void set(Director director, EAttribute attribute, Object value) {
            Object current = director.eGet(attribute);
            boolean bothEmpty = (current == null || "".equals(current)) && "".equals(value);
            if (!bothEmpty) {
                document.set(director, attribute, value);
            }
        }

        @Override
        public IWizardPage getNextPage() {
            return previewPage;
        }
    }

    /** Page 2: the dry run's outcome per director; Finish deploys. */
    final class PreviewPage extends WizardPage {
        private org.eclipse.swt.widgets.List results;
        private Text diff;
        private PlanResult preview;
        /** Filled from the dry run's worker thread, read on the UI thread after it. */
        private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

        PreviewPage() {
            super("preview", "Preview (dry run)", null);
            setDescription("What each director would get. Nothing on the directors has changed yet.");
            setPageComplete(false);
        }

        @Override
        public void createControl(Composite parent) {
            SashForm body = new SashForm(parent, SWT.HORIZONTAL);
            results = new org.eclipse.swt.widgets.List(body, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
            results.setData(UiNames.KEY, "results");
            diff = new Text(body, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
            diff.setData(UiNames.KEY, "diff");
            Font mono = JFaceResources.getTextFont();
            diff.setFont(mono);
            body.setWeights(1, 3);
            results.addListener(SWT.Selection, e -> showSelected());
            setControl(body);
        }

        @Override
        public void setVisible(boolean visible) {
            super.setVisible(visible);
            if (visible) {
                getShell().getDisplay().asyncExec(this::runPreview); // once the page shows
            }
        }

        String diffText() {
            return diff.getText();
        }

        PlanResult preview() {
            return preview;
        }

        /** What the dry run warned about, "DIRECTOR: message" (e.g. a change of authentication on a live pair). */
        List<String> previewWarnings() {
            return List.copyOf(warnings);
        }

        void runPreview() {
            if (getShell() == null || getShell().isDisposed()) {
                return;
            }
            setPageComplete(false);
            setErrorMessage(null);
            List<String> chosen = directorsPage.chosen();
            try {
                directorsPage.apply();
            } catch (IOException e) {
                setErrorMessage(e.getMessage());
                return;
            }
            DeploySession session = sessions.apply(document.cluster());
            AtomicReference<PlanResult> outcome = new AtomicReference<>();
            Map<String, ScriptHost> scriptHosts = new ConcurrentHashMap<>();
            warnings.clear();
            try {
                getContainer().run(true, true, monitor -> {
                    monitor.beginTask("Dry run on " + String.join(", ", chosen), chosen.size() * 5);
                    outcome.set(session.preview(chosen, new DeployProgress() {
                        @Override
                        public synchronized void stepStarted(String director, DeployStep step) {
                            monitor.subTask(director + ": " + step.description());
                            monitor.worked(1);
                        }

                        @Override
                        public boolean isCancelled() {
                            return monitor.isCanceled();
                        }

                        @Override
                        public void warning(String director, String message) {
                            warnings.add(director + ": " + message);
                        }

                        @Override
                        public void scriptHostAnswered(String director, ScriptHost answers) {
                            scriptHosts.put(director, answers);
                        }
                    }));
                    monitor.done();
                });
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                setErrorMessage(cause instanceof IllegalArgumentException ? cause.getMessage()
                        : "The dry run failed: " + cause.getMessage());
                return;
            } catch (InterruptedException e) {
                setErrorMessage("Cancelled.");
                return;
            }
            preview = outcome.get();
            if (!scriptHosts.isEmpty()) { // the Problems view judges the scripts on these directors from now on
                document.scriptHostsAnswered(scriptHosts);
            }
            List<DeployResult.UnknownHostKey> unknown = DeploySession.unknownHostKeys(preview);
            boolean trustedAny = false;
            for (DeployResult.UnknownHostKey key : unknown) {
                if (HostKeyDialog.askToTrust(getShell(), key)) {
                    try {
                        session.trust(key);
                        trustedAny = true;
                    } catch (IOException e) {
                        setErrorMessage("The key could not be added to " + key.knownHosts() + ": " + e.getMessage());
                        return;
                    }
                }
            }
            if (trustedAny) {
                runPreview(); // again, now that the accepted hosts are known
                return;
            }
            show(preview);
        }

        private void show(PlanResult result) {
            results.removeAll();
            for (DeployResult one : result.results()) {
                results.add(one.director() + ": " + one.status());
            }
            results.select(0);
            showSelected();
            boolean deployable = result.results().stream().allMatch(r -> r instanceof DeployResult.WouldChange w
                    && w.validated() || r instanceof DeployResult.NoChange);
            boolean anyChange = result.results().stream().anyMatch(DeployResult.WouldChange.class::isInstance);
            if (!deployable) {
                setErrorMessage("Not every director can take its file; see the list (nothing was changed).");
            } else if (!anyChange) {
                setMessage("Every chosen director is up to date.", IMessageProvider.INFORMATION);
            } else if (warnings.stream().anyMatch(w -> w.contains(": authentication changes for "))) {
                setMessage("This deploy changes authentication: the directors do not hear each other until both run the new"
                        + " file (split brain). Both files are validated and uploaded first, then both are reloaded back to back.",
                        IMessageProvider.WARNING);
            } else {
                setMessage("Finish deploys in the background (BACKUP side first; a failure stops the rest).",
                        IMessageProvider.INFORMATION);
            }
            setPageComplete(deployable && anyChange);
        }

        private void showSelected() {
            int index = results.getSelectionIndex();
            if (preview == null || index < 0) {
                diff.setText("");
                return;
            }
            DeployResult one = preview.results().get(index);
            StringBuilder text = new StringBuilder(one.summaryLine()).append("\n");
            warnings.stream().filter(w -> w.startsWith(one.director() + ": ")).forEach(w -> text.append("warning: ")
                    .append(w.substring(one.director().length() + 2)).append("\n"));
            diff.setText(text + "\n" + DeploySession.previewText(one));
        }
    }

    /** Widget names the UI tests find fields by. */
    static final class UiNames {
        static final String KEY = "vrrpstudio.field";

        private UiNames() {
        }
    }
}

package org.vrrpstudio.ui.internal.wizards;

import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.ui.internal.ClusterEditor;
import org.vrrpstudio.ui.internal.ConsolePreferences;
import org.vrrpstudio.ui.logic.ClusterCommands;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.FieldParsers;
import org.vrrpstudio.ui.logic.FieldParsers.Parsed;
import org.vrrpstudio.ui.logic.InstanceDefaults;
import org.vrrpstudio.ui.logic.InstancePairPlanner;
import org.vrrpstudio.ui.logic.InstancePairRequest;

/** A new instance on both directors: free vrid proposed, priorities mirrored, VIP collisions warned about. */
public final class NewInstancePairWizard extends Wizard implements INewWizard {

    private ClusterDocument document;
    private PairPage page;

    public NewInstancePairWizard() {
        setWindowTitle("New VRRP Instance Pair");
    }

    public NewInstancePairWizard(ClusterDocument document) {
        this();
        this.document = document;
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        if (document == null && workbench.getActiveWorkbenchWindow() != null
                && workbench.getActiveWorkbenchWindow().getActivePage() != null
                && workbench.getActiveWorkbenchWindow().getActivePage().getActiveEditor() instanceof ClusterEditor editor) {
            document = editor.document();
        }
    }

    @Override
    public void addPages() {
        page = new PairPage();
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        InstancePairRequest request = page.request();
        if (request == null) {
            return false;
        }
        InstancePairPlanner.Plan plan = new InstancePairPlanner().plan(document.cluster(), request);
        return document.execute(new ClusterCommands(document).addInstancePair(plan));
    }

    /** The one page; public widgets-by-name for the UI tests. */
    final class PairPage extends WizardPage {
        private Text name;
        private Text vrid;
        private Text itf;
        private Combo master;
        private Text masterPriority;
        private Text backupPriority;
        private Text addresses;
        private Text secret;

        PairPage() {
            super("pair", "New VRRP instance pair", null);
            setDescription("MASTER on one director, BACKUP on the others, with the same virtual router id.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite body = new Composite(parent, SWT.NONE);
            body.setLayout(new GridLayout(2, false));
            setControl(body);
            if (document == null) {
                new Label(body, SWT.WRAP).setText("Open a cluster in its editor first.");
                setPageComplete(false);
                return;
            }
            InstancePairPlanner planner = new InstancePairPlanner();
            InstanceDefaults defaults = ConsolePreferences.instanceDefaults();
            name = text(body, "Name:", planner.freeName(document.cluster()));
            vrid = text(body, "Virtual router id:", planner.freeVrid(document.cluster()).stream()
                    .mapToObj(String::valueOf).findFirst().orElse(""));
            itf = text(body, "Interface:", document.cluster().getInstances().isEmpty() ? "eth0"
                    : document.cluster().getInstances().getFirst().getInterface());
            new Label(body, SWT.NONE).setText("MASTER on:");
            master = new Combo(body, SWT.READ_ONLY);
            master.setItems(document.cluster().getDirectors().stream().map(Director::getName).toArray(String[]::new));
            master.select(0);
            masterPriority = text(body, "MASTER priority:", String.valueOf(defaults.masterPriority()));
            backupPriority = text(body, "BACKUP priority:", String.valueOf(defaults.backupPriority()));
            addresses = text(body, "Virtual addresses:", "");
            addresses.setMessage("192.168.200.20, 192.168.200.21/24");
            secret = text(body, "Password (" + defaults.authType().getLiteral() + "):", "");
            master.addListener(SWT.Selection, e -> validate());
            validate();
        }

        private Text text(Composite body, String label, String value) {
            new Label(body, SWT.NONE).setText(label);
            Text text = new Text(body, SWT.BORDER | (label.startsWith("Password") ? SWT.PASSWORD : SWT.NONE));
            text.setText(value);
            text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            text.addModifyListener(e -> validate());
            return text;
        }

        private void validate() {
            InstancePairRequest request = request();
            if (request == null) {
                return;
            }
            List<String> warnings = new InstancePairPlanner().warnings(document.cluster(), request);
            setErrorMessage(null);
            setMessage(warnings.isEmpty() ? null : String.join("; ", warnings), IMessageProvider.WARNING);
            setPageComplete(true);
        }

        /** The request, or null after reporting what is wrong. */
        InstancePairRequest request() {
            if (name == null) {
                return null;
            }
            String problem = null;
            Parsed<Integer> id = FieldParsers.vrid(vrid.getText());
            Parsed<Integer> high = FieldParsers.priority(masterPriority.getText());
            Parsed<Integer> low = FieldParsers.priority(backupPriority.getText());
            List<String> vips = Arrays.stream(addresses.getText().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            for (Parsed<?> parsed : List.of(id, high, low)) {
                if (parsed instanceof Parsed.Invalid<?> invalid && problem == null) {
                    problem = invalid.message();
                }
            }
            for (String vip : vips) {
                if (FieldParsers.address(vip) instanceof Parsed.Invalid<String> invalid && problem == null) {
                    problem = invalid.message();
                }
            }
            if (name.getText().isBlank() || itf.getText().isBlank()) {
                problem = "a name and an interface are required";
            }
            if (problem != null) {
                setErrorMessage(problem);
                setPageComplete(false);
                return null;
            }
            InstanceDefaults defaults = ConsolePreferences.instanceDefaults();
            Director masterDirector = document.cluster().getDirectors().get(Math.max(0, master.getSelectionIndex()));
            return new InstancePairRequest(name.getText().trim(), ((Parsed.Valid<Integer>) id).value(),
                    itf.getText().trim(), masterDirector, ((Parsed.Valid<Integer>) high).value(),
                    ((Parsed.Valid<Integer>) low).value(), defaults.advertInterval(),
                    secret.getText().isEmpty() && defaults.authType() != AuthType.NONE ? AuthType.NONE : defaults.authType(),
                    secret.getText().isEmpty() ? null : secret.getText(), vips);
        }
    }
}

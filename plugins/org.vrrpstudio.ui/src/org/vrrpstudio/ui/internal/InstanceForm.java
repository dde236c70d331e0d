package org.vrrpstudio.ui.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.Section;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.ModelFactory;
import org.vrrpstudio.model.ModelPackage.Literals;
import org.vrrpstudio.model.TrackInterface;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.DirectorSettings;
import org.vrrpstudio.ui.logic.FieldParsers;
import org.vrrpstudio.ui.logic.FieldParsers.Parsed;

/**
 * The form of one instance: shared settings once, per-director settings side by side. A field is committed as
 * one undoable command when the user presses Enter or leaves it; a value that does not parse is reported next
 * to the field and changes nothing.
 */
final class InstanceForm {

    private final IManagedForm form;
    private final ClusterDocument document;
    private final VrrpInstance instance;
    private final FormToolkit toolkit;
    private final List<Runnable> refreshers = new ArrayList<>();
    private final Map<String, Control> fields = new HashMap<>();
    private boolean refreshing;

    InstanceForm(IManagedForm form, Composite body, ClusterDocument document, VrrpInstance instance) {
        this.form = form;
        this.document = document;
        this.instance = instance;
        this.toolkit = form.getToolkit();
        // one column: the editor shares the window with the explorer and both directors' files
        body.setLayout(new GridLayout(1, false));
        directors(body);
        general(body);
        addresses(body);
        authentication(body);
        tracking(body);
        notify(body);
        refresh();
    }

    /** A field by key, e.g. {@code vrid}, {@code priority:director1}, {@code state:director2}, {@code vip.new}. */
    Control field(String key) {
        return fields.get(key);
    }

    VrrpInstance instance() {
        return instance;
    }

    void refresh() {
        refreshing = true;
        try {
            refreshers.forEach(Runnable::run);
        } finally {
            refreshing = false;
        }
    }

    private Composite section(Composite parent, String title, String description) {
        Section section = toolkit.createSection(parent, Section.TITLE_BAR | Section.DESCRIPTION | Section.EXPANDED);
        section.setText(title);
        section.setDescription(description);
        section.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Composite client = toolkit.createComposite(section);
        client.setLayout(new GridLayout(2, false));
        section.setClient(client);
        return client;
    }

    private void general(Composite parent) {
        Composite client = section(parent, "General", "Shared by every director.");
        text(client, "name", "Name:", () -> instance.getName(), value -> value.isBlank()
                ? new Parsed.Invalid<>("the name is required") : new Parsed.Valid<>(value.trim()),
                value -> set(instance, Literals.VRRP_INSTANCE__NAME, value));
        text(client, "vrid", "Virtual router id:", () -> String.valueOf(instance.getVrid()), FieldParsers::vrid,
                value -> set(instance, Literals.VRRP_INSTANCE__VRID, value));
        text(client, "interface", "Interface:", () -> instance.getInterface(), value -> value.isBlank()
                ? new Parsed.Invalid<>("the interface is required") : new Parsed.Valid<>(value.trim()),
                value -> set(instance, Literals.VRRP_INSTANCE__INTERFACE, value));
        combo(client, "version", "VRRP version:", new String[] {"default (2)", "2", "3"},
                () -> instance.getVersion() == null ? 0 : instance.getVersion() - 1,
                index -> set(instance, Literals.VRRP_INSTANCE__VERSION, index == 0 ? null : index + 1));
        text(client, "advertInterval", "Advert interval (s):", () -> instance.getAdvertInterval() == null ? ""
                : instance.getAdvertInterval().toPlainString(), FieldParsers::advertInterval,
                value -> set(instance, Literals.VRRP_INSTANCE__ADVERT_INTERVAL, value));
        Button nopreempt = toolkit.createButton(client, "No preemption (nopreempt)", SWT.CHECK);
        nopreempt.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        fields.put("nopreempt", nopreempt);
        nopreempt.addListener(SWT.Selection, e -> set(instance, Literals.VRRP_INSTANCE__NOPREEMPT, nopreempt.getSelection()));
        refreshers.add(() -> nopreempt.setSelection(instance.isNopreempt()));
        text(client, "preemptDelay", "Preempt delay (s):", () -> instance.getPreemptDelay() == null ? ""
                : String.valueOf(instance.getPreemptDelay()), value -> value.isBlank() ? new Parsed.Valid<>(null)
                : FieldParsers.integer(value, "preempt_delay", 0, 1000),
                value -> set(instance, Literals.VRRP_INSTANCE__PREEMPT_DELAY, value));
    }

    private void directors(Composite parent) {
        Composite client = section(parent, "Directors", "What each director says about this instance.");
        client.setLayout(new GridLayout(4, false));
        toolkit.createLabel(client, "Director");
        toolkit.createLabel(client, "Initial state");
        toolkit.createLabel(client, "Priority");
        toolkit.createLabel(client, "Interface (if other)");
        for (Director director : document.cluster().getDirectors()) {
            DirectorInstance settings = DirectorSettings.of(director, instance);
            toolkit.createLabel(client, director.getName());
            if (settings == null) {
                toolkit.createLabel(client, "not configured on this director").setLayoutData(
                        new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
                continue;
            }
            String name = director.getName();
            Combo state = new Combo(client, SWT.READ_ONLY);
            state.setItems("BACKUP", "MASTER");
            fields.put("state:" + name, state);
            state.addListener(SWT.Selection, e -> set(settings, Literals.DIRECTOR_INSTANCE__INITIAL_STATE,
                    InitialState.get(state.getSelectionIndex())));
            refreshers.add(() -> state.select(settings.getInitialState() == null ? 0 : settings.getInitialState().getValue()));
            Text priority = field(client, "priority:" + name, 60);
            bind(priority, () -> String.valueOf(settings.getPriority()), FieldParsers::priority,
                    value -> set(settings, Literals.DIRECTOR_INSTANCE__PRIORITY, value));
            Text itf = field(client, "interface:" + name, 80);
            bind(itf, () -> settings.getInterfaceOverride() == null ? "" : settings.getInterfaceOverride(),
                    value -> new Parsed.Valid<>(value.isBlank() ? null : value.trim()),
                    value -> set(settings, Literals.DIRECTOR_INSTANCE__INTERFACE_OVERRIDE, value));
        }
    }

    private void authentication(Composite parent) {
        Composite client = section(parent, "Authentication", "The secret is kept in secure storage, never in the cluster file.");
        combo(client, "authType", "Type:", new String[] {"none", "PASS", "AH"},
                () -> instance.getAuthentication() == null || instance.getAuthentication().getType() == null ? 0
                        : instance.getAuthentication().getType().getValue(),
                index -> {
                    Authentication current = instance.getAuthentication();
                    if (current == null) {
                        Authentication created = ModelFactory.eINSTANCE.createAuthentication();
                        created.setType(AuthType.get(index));
                        document.execute(SetCommand.create(document.editingDomain(), instance,
                                Literals.VRRP_INSTANCE__AUTHENTICATION, created));
                    } else {
                        set(current, Literals.AUTHENTICATION__TYPE, AuthType.get(index));
                    }
                });
        text(client, "secret", "Password:", SWT.PASSWORD, () -> instance.getAuthentication() == null
                || instance.getAuthentication().getSecret() == null ? "" : instance.getAuthentication().getSecret(),
                value -> instance.getAuthentication() == null ? new Parsed.Invalid<>("choose an authentication type first")
                        : new Parsed.Valid<>(value.isEmpty() ? null : value),
                value -> set(instance.getAuthentication(), Literals.AUTHENTICATION__SECRET, value));
    }

    private void notify(Composite parent) {
        Composite client = section(parent, "Notify", "Scripts keepalived runs on state changes.");
        notifyField(client, "notifyMaster", "On MASTER:", Literals.VRRP_INSTANCE__NOTIFY_MASTER);
        notifyField(client, "notifyBackup", "On BACKUP:", Literals.VRRP_INSTANCE__NOTIFY_BACKUP);
        notifyField(client, "notifyFault", "On FAULT:", Literals.VRRP_INSTANCE__NOTIFY_FAULT);
    }

    private void notifyField(Composite client, String key, String label, EStructuralFeature feature) {
        text(client, key, label, () -> (String) instance.eGet(feature),
                value -> new Parsed.Valid<>(value.isBlank() ? null : value.trim()), value -> set(instance, feature, value));
    }

    private void addresses(Composite parent) {
        Composite client = section(parent, "Virtual addresses", "Held by whichever director is MASTER.");
        TableViewer table = new TableViewer(client, SWT.BORDER | SWT.MULTI | SWT.FULL_SELECTION);
        table.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1));
        ((GridData) table.getTable().getLayoutData()).heightHint = 70;
        table.setContentProvider(ArrayContentProvider.getInstance());
        table.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                VirtualAddress address = (VirtualAddress) element;
                return address.getAddress() + (address.getPrefix() == null ? "" : "/" + address.getPrefix())
                        + (address.getDevice() == null ? "" : " dev " + address.getDevice());
            }
        });
        fields.put("vip.table", table.getTable());
        refreshers.add(() -> table.setInput(instance.getVirtualAddresses().toArray()));
        Text input = field(client, "vip.new", 160);
        input.setMessage("192.168.200.20/24");
        Composite buttons = toolkit.createComposite(client);
        buttons.setLayout(new GridLayout(2, true));
        Button add = toolkit.createButton(buttons, "Add", SWT.PUSH);
        Button remove = toolkit.createButton(buttons, "Remove", SWT.PUSH);
        fields.put("vip.add", add);
        fields.put("vip.remove", remove);
        Runnable addAddress = () -> {
            Parsed<String> parsed = FieldParsers.address(input.getText());
            if (parsed instanceof Parsed.Invalid<String> invalid) {
                form.getMessageManager().addMessage("vip.new", invalid.message(), null, IMessageProvider.ERROR, input);
                return;
            }
            form.getMessageManager().removeMessage("vip.new", input);
            String[] parts = ((Parsed.Valid<String>) parsed).value().split("/", 2);
            VirtualAddress address = ModelFactory.eINSTANCE.createVirtualAddress();
            address.setAddress(parts[0]);
            if (parts.length == 2) {
                address.setPrefix(Integer.valueOf(parts[1]));
            }
            document.execute(AddCommand.create(document.editingDomain(), instance,
                    Literals.VRRP_INSTANCE__VIRTUAL_ADDRESSES, address));
            input.setText("");
        };
        add.addListener(SWT.Selection, e -> addAddress.run());
        input.addListener(SWT.DefaultSelection, e -> addAddress.run());
        remove.addListener(SWT.Selection, e -> {
            IStructuredSelection selection = table.getStructuredSelection();
            if (!selection.isEmpty()) {
                document.execute(RemoveCommand.create(document.editingDomain(), instance,
                        Literals.VRRP_INSTANCE__VIRTUAL_ADDRESSES, selection.toList()));
            }
        });
    }

    private void tracking(Composite parent) {
        Composite client = section(parent, "Tracking", "Interfaces and scripts whose failure lowers the priority.");
        TableViewer table = new TableViewer(client, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        table.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1));
        ((GridData) table.getTable().getLayoutData()).heightHint = 50;
        table.setContentProvider(ArrayContentProvider.getInstance());
        table.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                String weight = ((org.vrrpstudio.model.Track) element).getWeight() == null ? ""
                        : " weight " + ((org.vrrpstudio.model.Track) element).getWeight();
                return switch (element) {
                    case TrackInterface t -> "interface " + t.getInterfaceName() + weight;
                    case org.vrrpstudio.model.TrackScript t -> "script " + (t.getScript() == null ? "?" : t.getScript().getName()) + weight;
                    case org.vrrpstudio.model.TrackFile t -> "file " + t.getFileName() + weight;
                    default -> String.valueOf(element);
                };
            }
        });
        refreshers.add(() -> table.setInput(instance.getTracks().toArray()));
        Text input = field(client, "track.new", 120);
        input.setMessage("interface to track, e.g. eth1");
        Button add = toolkit.createButton(client, "Track interface", SWT.PUSH);
        add.addListener(SWT.Selection, e -> {
            if (!input.getText().isBlank()) {
                TrackInterface track = ModelFactory.eINSTANCE.createTrackInterface();
                track.setInterfaceName(input.getText().trim());
                document.execute(AddCommand.create(document.editingDomain(), instance, Literals.VRRP_INSTANCE__TRACKS, track));
                input.setText("");
            }
        });
    }

    private Text field(Composite parent, String key, int width) {
        Text text = toolkit.createText(parent, "", SWT.BORDER | SWT.SINGLE);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = width;
        text.setLayoutData(data);
        fields.put(key, text);
        return text;
    }

    private <T> void text(Composite parent, String key, String label, Supplier<String> read,
            Function<String, Parsed<T>> parse, Consumer<T> commit) {
        text(parent, key, label, SWT.NONE, read, parse, commit);
    }

    private <T> void text(Composite parent, String key, String label, int style, Supplier<String> read,
            Function<String, Parsed<T>> parse, Consumer<T> commit) {
        toolkit.createLabel(parent, label);
        Text text = toolkit.createText(parent, "", SWT.BORDER | SWT.SINGLE | style);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        fields.put(key, text);
        bind(text, read, parse, commit);
    }

    private <T> void bind(Text text, Supplier<String> read, Function<String, Parsed<T>> parse, Consumer<T> commit) {
        Runnable apply = () -> {
            if (refreshing || text.isDisposed()) {
                return;
            }
            switch (parse.apply(text.getText())) {
                case Parsed.Valid<T> valid -> {
                    form.getMessageManager().removeMessage(text, text);
                    commit.accept(valid.value());
                }
                case Parsed.Invalid<T> invalid ->
                    form.getMessageManager().addMessage(text, invalid.message(), null, IMessageProvider.ERROR, text);
            }
        };
        text.addListener(SWT.DefaultSelection, e -> apply.run());
        text.addListener(SWT.FocusOut, e -> apply.run());
        refreshers.add(() -> {
            String value = read.get() == null ? "" : read.get();
            if (!value.equals(text.getText())) {
                text.setText(value);
            }
            form.getMessageManager().removeMessage(text, text);
        });
    }

    private void combo(Composite parent, String key, String label, String[] items, Supplier<Integer> read,
            Consumer<Integer> commit) {
        toolkit.createLabel(parent, label);
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        combo.setItems(items);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        fields.put(key, combo);
        combo.addListener(SWT.Selection, e -> {
            if (!refreshing) {
                commit.accept(combo.getSelectionIndex());
            }
        });
        refreshers.add(() -> combo.select(read.get()));
    }

    private void set(EObject owner, EStructuralFeature feature, Object value) {
        if (!refreshing) {
            document.set(owner, feature, value);
        }
    }
}

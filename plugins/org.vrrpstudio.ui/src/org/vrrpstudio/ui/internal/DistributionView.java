package org.vrrpstudio.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.whatif.Failure;
import org.vrrpstudio.ui.logic.whatif.InstanceStates;
import org.vrrpstudio.ui.logic.whatif.WhatIf;
import org.vrrpstudio.ui.logic.whatif.WhatIfOutcome;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * What-if: which director holds each instance (MASTER/BACKUP/FAULT) once the cluster has settled, and after a
 * failure the user picks (an interface down, a stop, a crash), with the timeline of the hand-over. Runs the
 * VRRP engine on its simulated network (virtual time), again when the open cluster changes (once edits pause,
 * and only while the view is visible).
 */
public final class DistributionView extends ViewPart implements ClusterDocument.Listener {

    public static final String ID = "org.vrrpstudio.ui.distribution";
    static final String NO_FAILURE = "No failure (steady state)";
    private static final int RERUN_DELAY_MS = 300;

    private ClusterDocument document;
    private Combo failureChoice;
    private Label verdict;
    private Table table;
    private Text timeline;
    private List<Failure> failures = List.of();
    private WhatIfOutcome outcome;
    private boolean stale;
    private boolean rerunScheduled;

    private final IPartListener2 editorTracker = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference reference) {
            if (reference.getPart(false) instanceof ClusterEditor editor) {
                show(editor.document());
            }
        }

        @Override
        public void partVisible(IWorkbenchPartReference reference) {
            if (reference.getPart(false) == DistributionView.this && stale) {
                rerun();
            }
        }

        @Override
        public void partClosed(IWorkbenchPartReference reference) {
            if (reference.getPart(false) instanceof ClusterEditor editor && editor.document() == document) {
                show(null);
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(2, false));
        new Label(body, SWT.NONE).setText("Failure:");
        failureChoice = new Combo(body, SWT.READ_ONLY);
        failureChoice.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        failureChoice.addListener(SWT.Selection, e -> simulate());
        verdict = new Label(body, SWT.WRAP);
        verdict.setFont(JFaceResources.getBannerFont());
        verdict.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        SashForm sash = new SashForm(body, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        table = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        timeline = new Text(sash, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        timeline.setFont(JFaceResources.getTextFont());
        sash.setWeights(1, 1);
        getSite().getPage().addPartListener(editorTracker);
        IEditorPart active = getSite().getPage().getActiveEditor();
        show(active instanceof ClusterEditor editor ? editor.document() : null);
    }

    /** Follows {@code shown} (null: nothing open). */
    public void show(ClusterDocument shown) {
        stale = false;
        if (document != null) {
            document.removeListener(this);
        }
        document = shown;
        if (document != null) {
            document.addListener(this);
        }
        refreshChoices();
        simulate();
    }

    @Override
    public void documentChanged(ClusterDocument changed) {
        // typing fires a change per field: simulate once the edits pause, and only while the view is seen
        stale = true;
        if (!table.isDisposed() && !rerunScheduled) {
            rerunScheduled = true;
            table.getDisplay().timerExec(RERUN_DELAY_MS, () -> {
                rerunScheduled = false;
                if (!table.isDisposed() && table.isVisible()) {
                    rerun();
                }
            });
        }
    }

    private void rerun() {
        stale = false;
        refreshChoices();
        simulate();
    }

    /** Picks a failure by its label, as the combo does, and simulates it. */
    public void choose(String label) {
        int index = List.of(failureChoice.getItems()).indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("no failure '" + label + "'; offered: " + List.of(failureChoice.getItems()));
        }
        failureChoice.select(index);
        simulate();
    }

    public WhatIfOutcome outcome() {
        return outcome;
    }

    public String verdict() {
        return verdict.getText();
    }

    private void refreshChoices() {
        String previous = failureChoice.getSelectionIndex() >= 0 ? failureChoice.getText() : NO_FAILURE;
        failures = document == null ? List.of() : WhatIf.failures(document.cluster());
        List<String> labels = new ArrayList<>();
        labels.add(NO_FAILURE);
        failures.forEach(f -> labels.add(f.label()));
        failureChoice.setItems(labels.toArray(String[]::new));
        failureChoice.select(Math.max(0, labels.indexOf(previous)));
        failureChoice.getParent().layout(true);
    }

    private void simulate() {
        outcome = null;
        table.removeAll();
        for (TableColumn column : table.getColumns()) {
            column.dispose();
        }
        if (document == null) {
            verdict.setText("Open a cluster to see its distribution.");
            timeline.setText("");
            return;
        }
        int index = failureChoice.getSelectionIndex();
        Optional<Failure> failure = index <= 0 ? Optional.empty() : Optional.of(failures.get(index - 1));
        try {
            outcome = WhatIf.run(document.cluster(), failure);
        } catch (BindingException | IllegalArgumentException e) {
            verdict.setText("Cannot simulate: " + e.getMessage());
            verdict.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            timeline.setText("");
            return;
        }
        fill(outcome, failure.isPresent());
        timeline.setText(String.join("\n", outcome.timeline()));
    }

    private void fill(WhatIfOutcome shown, boolean withFailure) {
        column("Instance", 90);
        for (String director : shown.directors()) {
            column(director, withFailure ? 150 : 90);
        }
        column("", 260);
        for (int i = 0; i < shown.after().size(); i++) {
            InstanceStates before = shown.before().get(i);
            InstanceStates after = shown.after().get(i);
            TableItem row = new TableItem(table, SWT.NONE);
            row.setText(0, after.instance());
            for (int d = 0; d < shown.directors().size(); d++) {
                String director = shown.directors().get(d);
                VrrpState was = before.state(director);
                VrrpState now = after.state(director);
                row.setText(d + 1, was == now ? label(now) : label(was) + " → " + label(now));
                row.setForeground(d + 1, color(now));
            }
            row.setText(shown.directors().size() + 1, after.splitBrain() ? "SPLIT BRAIN: " + String.join(" and ", after.masters())
                    : after.unserved() ? "no MASTER: the addresses are down" : "");
            if (after.splitBrain() || after.unserved()) {
                row.setBackground(table.getDisplay().getSystemColor(SWT.COLOR_YELLOW));
            }
        }
        List<String> split = shown.splitBrainAfter();
        long unserved = shown.after().stream().filter(InstanceStates::unserved).count();
        verdict.setText(!split.isEmpty() ? "Split brain: " + String.join(", ", split)
                : unserved > 0 ? unserved + " instance(s) without a MASTER" : "Every instance has exactly one MASTER");
        verdict.setForeground(table.getDisplay().getSystemColor(!split.isEmpty() || unserved > 0 ? SWT.COLOR_DARK_RED
                : SWT.COLOR_DARK_GREEN));
        verdict.getParent().layout(true);
    }

    private void column(String title, int width) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(title);
        column.setWidth(width);
    }

    private static String label(VrrpState state) {
        return state == VrrpState.INITIALIZE ? "down" : state.name();
    }

    private Color color(VrrpState state) {
        return table.getDisplay().getSystemColor(switch (state) {
            case MASTER -> SWT.COLOR_DARK_GREEN;
            case FAULT -> SWT.COLOR_RED;
            case BACKUP -> SWT.COLOR_DARK_BLUE;
            case INITIALIZE -> SWT.COLOR_DARK_GRAY;
        });
    }

    /** The text of a cell, for tests: row by instance, column 1.. by director. */
    public String cell(String instance, int column) {
        for (TableItem item : table.getItems()) {
            if (item.getText(0).equals(instance)) {
                return item.getText(column);
            }
        }
        throw new IllegalArgumentException("no row " + instance);
    }

    @Override
    public void setFocus() {
        failureChoice.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePartListener(editorTracker);
        if (document != null) {
            document.removeListener(this);
        }
        super.dispose();
    }
}

package org.vrrpstudio.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;
import org.vrrpstudio.live.TimelineCsv;
import org.vrrpstudio.live.Transition;

/**
 * Every transition the live view has seen (real directors or the simulated demo): time by the director's clock,
 * director, instance, from → to and the reason; filtered by director and instance; exported as CSV.
 */
public final class TimelineView extends ViewPart {

    public static final String ID = "org.vrrpstudio.ui.timeline";
    static final String ALL = "(all)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private Combo directorFilter;
    private Combo instanceFilter;
    private Table table;
    private Label status;
    private boolean refreshScheduled;
    private final Runnable changed = this::scheduleRefresh;

    @Override
    public void createPartControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(6, false));
        new Label(body, SWT.NONE).setText("Director:");
        directorFilter = new Combo(body, SWT.READ_ONLY);
        new Label(body, SWT.NONE).setText("Instance:");
        instanceFilter = new Combo(body, SWT.READ_ONLY);
        for (Combo combo : List.of(directorFilter, instanceFilter)) {
            combo.setItems(ALL);
            combo.select(0);
            combo.addListener(SWT.Selection, e -> refresh());
        }
        Button export = new Button(body, SWT.PUSH);
        export.setText("Export CSV…");
        export.addListener(SWT.Selection, e -> exportWithDialog());
        status = new Label(body, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.VIRTUAL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 6, 1));
        for (String[] c : new String[][] {{"Time", "170"}, {"Director", "100"}, {"Instance", "90"}, {"From → To", "150"},
                {"Reason", "260"}, {"Priority", "60"}}) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(c[0]);
            column.setWidth(Integer.parseInt(c[1]));
        }
        LiveTimeline.get().addListener(changed);
        refresh();
    }

    private void scheduleRefresh() {
        if (table.isDisposed() || refreshScheduled) {
            return;
        }
        refreshScheduled = true;
        table.getDisplay().asyncExec(() -> {
            refreshScheduled = false;
            if (!table.isDisposed()) {
                refresh();
            }
        });
    }

    /** The transitions the filters let through, oldest first. */
    public List<Transition> shown() {
        String director = directorFilter.getText();
        String instance = instanceFilter.getText();
        return LiveTimeline.get().all().stream().filter(t -> director.equals(ALL) || t.director().equals(director))
                .filter(t -> instance.equals(ALL) || t.instance().equals(instance)).toList();
    }

    public void filter(String director, String instance) {
        refresh();
        directorFilter.select(Math.max(0, List.of(directorFilter.getItems()).indexOf(director)));
        instanceFilter.select(Math.max(0, List.of(instanceFilter.getItems()).indexOf(instance)));
        refresh();
    }

    private void refresh() {
        List<Transition> all = LiveTimeline.get().all();
        refill(directorFilter, all.stream().map(Transition::director).toList());
        refill(instanceFilter, all.stream().map(Transition::instance).toList());
        List<Transition> shown = shown();
        table.setRedraw(false);
        table.removeAll();
        for (Transition t : shown) {
            TableItem row = new TableItem(table, SWT.NONE);
            row.setText(new String[] {TIME.format(t.time()), t.director(), t.instance(),
                    (t.from().isEmpty() ? "?" : t.from()) + " → " + t.to(), t.reason(), t.priority() < 0 ? "" : String.valueOf(t.priority())});
            if (t.to().equals("FAULT")) {
                row.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_RED));
            } else if (t.to().equals("MASTER")) {
                row.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN));
            }
        }
        table.setRedraw(true);
        status.setText(shown.size() + " of " + all.size() + " transitions");
        status.getParent().layout(true);
    }

    private static void refill(Combo combo, List<String> names) {
        String selected = combo.getText();
        List<String> items = new java.util.ArrayList<>(List.of(ALL));
        items.addAll(new TreeSet<>(names));
        if (!items.equals(List.of(combo.getItems()))) {
            combo.setItems(items.toArray(String[]::new));
            combo.select(Math.max(0, items.indexOf(selected)));
        }
    }

    /** Writes the shown transitions as CSV. */
    public void exportCsv(Path file) throws IOException {
        Files.writeString(file, TimelineCsv.of(shown()), StandardCharsets.UTF_8);
    }

    private void exportWithDialog() {
        FileDialog dialog = new FileDialog(table.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {"*.csv"});
        dialog.setFileName("vrrp-timeline.csv");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        try {
            exportCsv(Path.of(chosen));
            status.setText("exported " + shown().size() + " transitions to " + chosen);
        } catch (IOException e) {
            status.setText("cannot write " + chosen + ": " + e.getMessage());
        }
        status.getParent().layout(true);
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    public void dispose() {
        LiveTimeline.get().removeListener(changed);
        super.dispose();
    }
}

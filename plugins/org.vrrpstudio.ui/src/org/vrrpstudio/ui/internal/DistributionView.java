package org.vrrpstudio.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Button;
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
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Finding;
import org.vrrpstudio.live.FindingKind;
import org.vrrpstudio.live.InstanceLive;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.live.LiveMonitor;
import org.vrrpstudio.live.LiveView;
import org.vrrpstudio.live.MaintenanceMarks;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.whatif.Failure;
import org.vrrpstudio.ui.logic.whatif.InstanceStates;
import org.vrrpstudio.ui.logic.whatif.WhatIf;
import org.vrrpstudio.ui.logic.whatif.WhatIfOutcome;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * Two modes. <b>Live</b>: the real directors (over SSH, as {@code vrrpstudio watch}) or, for the demo, the cluster
 * on simulated directors in real time: a grid of instances x directors coloured by state with priorities and VIPs,
 * the MASTER count per director, a status line per director and the findings; a split brain or a lost MASTER is
 * announced in the banner and the status line, never in a modal dialog. <b>What-if</b>: which director holds each instance (MASTER/BACKUP/FAULT) once the cluster has settled, and after a
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

    static final String WHAT_IF = "What-if";
    static final String LIVE = "Live";
    static final String SIMULATED = "Simulated directors (demo)";
    static final String OVER_SSH = "Real directors over SSH";

    private Composite stack;
    private Composite whatIfPage;
    private Composite livePage;
    private Button whatIfMode;
    private Button liveMode;
    private Combo sourceChoice;
    private Label liveBanner;
    private Composite demoActions;
    private Table liveTable;
    private Label directorLines;
    private org.eclipse.swt.widgets.List findingList;
    private LiveSession session;
    private LiveMonitor.Refresh lastRefresh;
    private java.util.Set<String> announced = java.util.Set.of();

    @Override
    public void createPartControl(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Composite modes = new Composite(root, SWT.NONE);
        modes.setLayout(new GridLayout(3, false));
        new Label(modes, SWT.NONE).setText("Mode:");
        liveMode = new Button(modes, SWT.RADIO);
        liveMode.setText(LIVE);
        whatIfMode = new Button(modes, SWT.RADIO);
        whatIfMode.setText(WHAT_IF);
        whatIfMode.setSelection(true);
        stack = new Composite(root, SWT.NONE);
        stack.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        stack.setLayout(new StackLayout());
        whatIfPage = new Composite(stack, SWT.NONE);
        livePage = new Composite(stack, SWT.NONE);
        createLivePage(livePage);
        ((StackLayout) stack.getLayout()).topControl = whatIfPage;
        liveMode.addListener(SWT.Selection, e -> {
            if (liveMode.getSelection()) {
                showMode(true);
            }
        });
        whatIfMode.addListener(SWT.Selection, e -> {
            if (whatIfMode.getSelection()) {
                showMode(false);
            }
        });
        Composite body = whatIfPage;
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
        if (liveMode != null && liveMode.getSelection()) {
            restartLive();
        }
    }

    // ---- Live mode

    private void createLivePage(Composite page) {
        page.setLayout(new GridLayout(2, false));
        new Label(page, SWT.NONE).setText("Directors:");
        sourceChoice = new Combo(page, SWT.READ_ONLY);
        sourceChoice.setItems(SIMULATED, OVER_SSH);
        sourceChoice.select(0);
        sourceChoice.addListener(SWT.Selection, e -> restartLive());
        liveBanner = new Label(page, SWT.WRAP);
        liveBanner.setFont(JFaceResources.getBannerFont());
        liveBanner.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        demoActions = new Composite(page, SWT.NONE);
        demoActions.setLayout(new org.eclipse.swt.layout.RowLayout());
        demoActions.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        SashForm sash = new SashForm(page, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        liveTable = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION);
        liveTable.setHeaderVisible(true);
        liveTable.setLinesVisible(true);
        createGridMenu();
        Composite lower = new Composite(sash, SWT.NONE);
        lower.setLayout(new GridLayout(1, false));
        directorLines = new Label(lower, SWT.WRAP);
        directorLines.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        findingList = new org.eclipse.swt.widgets.List(lower, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        findingList.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        sash.setWeights(3, 2);
    }

    /** The live grid's context menu: drain/undrain the cell's director, move its instance's group (issue 14). */
    private void createGridMenu() {
        org.eclipse.jface.action.MenuManager menu = new org.eclipse.jface.action.MenuManager();
        menu.setRemoveAllWhenShown(true);
        String[] cell = new String[2];
        liveTable.addListener(SWT.MenuDetect, e -> {
            String[] at = gridCell(liveTable.toControl(e.x, e.y));
            cell[0] = at[0];
            cell[1] = at[1];
        });
        menu.addMenuListener(m -> fillGridMenu(m, cell[0], cell[1]));
        liveTable.setMenu(menu.createContextMenu(liveTable));
    }

    /** {instance or null, director or null} under a point of the live grid. */
    String[] gridCell(org.eclipse.swt.graphics.Point point) {
        TableItem item = liveTable.getItem(point);
        if (item == null) {
            return new String[2];
        }
        String instance = item.getText(0).equals("MASTERs") ? null : item.getText(0);
        String director = null;
        for (int c = 2; c < liveTable.getColumnCount(); c++) {
            if (item.getBounds(c).contains(point)) {
                director = liveTable.getColumn(c).getText();
            }
        }
        return new String[] {instance, director};
    }

    /** The live grid's menu for a cell (instance row, director column; either may be null). */
    void fillGridMenu(org.eclipse.jface.action.IMenuManager menu, String instance, String director) {
        if (document != null && session != null) {
            MaintenanceActions.fill(menu, getSite().getShell(), getSite().getPage(), document, director, null, instance);
        }
    }

    /** Whether the view follows {@code shown}. */
    boolean shows(ClusterDocument shown) {
        return shown != null && shown == document;
    }

    /** The Live mode's session (null when not live). */
    LiveSession liveSession() {
        return session;
    }

    /** Switches between Live and What-if (as the radio buttons do). */
    public void showMode(boolean live) {
        liveMode.setSelection(live);
        whatIfMode.setSelection(!live);
        ((StackLayout) stack.getLayout()).topControl = live ? livePage : whatIfPage;
        stack.layout(true, true);
        if (live) {
            restartLive();
        } else {
            stopLive();
        }
    }

    /** Picks the Live source ({@link #SIMULATED} or {@link #OVER_SSH}). */
    public void chooseSource(String source) {
        sourceChoice.select(List.of(sourceChoice.getItems()).indexOf(source));
        restartLive();
    }

    private void stopLive() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private void restartLive() {
        stopLive();
        lastRefresh = null;
        announced = java.util.Set.of();
        liveTable.removeAll();
        for (TableColumn column : liveTable.getColumns()) {
            column.dispose();
        }
        directorLines.setText("");
        findingList.removeAll();
        for (org.eclipse.swt.widgets.Control c : demoActions.getChildren()) {
            c.dispose();
        }
        if (document == null) {
            liveBanner.setText("Open a cluster to watch its directors.");
            return;
        }
        boolean simulated = sourceChoice.getText().equals(SIMULATED);
        try {
            session = simulated ? LiveSession.simulated(document.cluster(), liveTable.getDisplay(), this::showRefresh)
                    : LiveSession.overSsh(document.cluster(), liveTable.getDisplay(), this::showRefresh);
        } catch (BindingException | IllegalArgumentException e) {
            liveBanner.setText("Cannot watch: " + e.getMessage());
            liveBanner.setForeground(liveTable.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            return;
        }
        liveBanner.setText(simulated ? "SIMULATED directors (demo): the engine on a simulated network, real time"
                : "Connecting to the directors over SSH…");
        liveBanner.setForeground(liveTable.getDisplay().getSystemColor(simulated ? SWT.COLOR_DARK_MAGENTA : SWT.COLOR_WIDGET_FOREGROUND));
        if (simulated) {
            List<String> directors = document.cluster().getDirectors().stream().map(org.vrrpstudio.model.Director::getName).toList();
            String first = directors.get(0);
            String link = document.cluster().getInstances().isEmpty() ? "eth0" : document.cluster().getInstances().get(0).getInterface();
            action("Fail " + link + " on " + first, () -> session.simulation().setLinkUp(first, link, false));
            action("Restore " + link + " on " + first, () -> session.simulation().setLinkUp(first, link, true));
            for (String d : directors) {
                action("Stop " + d, () -> session.simulation().stop(d));
                action("Crash " + d, () -> session.simulation().crash(d));
                action("Restart " + d, () -> session.simulation().restart(d));
            }
        }
        action("Timeline…", () -> {
            try {
                getSite().getPage().showView(TimelineView.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                liveBanner.setText("Cannot open the timeline: " + e.getMessage());
            }
        });
        livePage.layout(true, true);
    }

    private void action(String caption, Runnable run) {
        Button button = new Button(demoActions, SWT.PUSH);
        button.setText(caption);
        button.addListener(SWT.Selection, e -> {
            if (session != null) {
                run.run();
            }
        });
    }

    private void showRefresh(LiveMonitor.Refresh refresh) {
        if (liveTable.isDisposed() || refresh.views().isEmpty()) {
            return;
        }
        lastRefresh = refresh;
        LiveView view = refresh.views().get(0);
        List<String> directors = view.intended().directors();
        if (liveTable.getColumnCount() != directors.size() + 2) {
            for (TableColumn column : liveTable.getColumns()) {
                column.dispose();
            }
            column(liveTable, "Instance", 80);
            column(liveTable, "Intended", 80);
            directors.forEach(d -> column(liveTable, d, 190));
        }
        liveTable.setRedraw(false);
        liveTable.removeAll();
        for (Intended.Instance instance : view.intended().instances()) {
            TableItem row = new TableItem(liveTable, SWT.NONE);
            row.setText(0, instance.name());
            row.setText(1, instance.intendedMaster() == null ? "-" : instance.intendedMaster());
            for (int d = 0; d < directors.size(); d++) {
                DirectorSnapshot snapshot = view.snapshots().get(directors.get(d));
                InstanceLive live = snapshot == null ? null : snapshot.instances().get(instance.name());
                row.setText(d + 2, liveCell(live) + (snapshot == null ? "" : MaintenanceMarks.instance(view.intended(), snapshot,
                        instance.name(), view.time(), java.time.ZoneId.systemDefault()).map(mark -> " · " + mark).orElse("")));
                row.setBackground(d + 2, liveTable.getDisplay().getSystemColor(live == null ? SWT.COLOR_GRAY : switch (live.state()) {
                    case "MASTER" -> SWT.COLOR_GREEN;
                    case "BACKUP" -> SWT.COLOR_CYAN;
                    case "FAULT" -> SWT.COLOR_RED;
                    default -> SWT.COLOR_GRAY;
                }));
            }
        }
        TableItem masters = new TableItem(liveTable, SWT.NONE);
        masters.setText(0, "MASTERs");
        for (int d = 0; d < directors.size(); d++) {
            DirectorSnapshot snapshot = view.snapshots().get(directors.get(d));
            masters.setText(d + 2, snapshot == null || !snapshot.reachable() ? "?" : String.valueOf(snapshot.masterCount()));
        }
        liveTable.setRedraw(true);
        java.time.format.DateTimeFormatter clock = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());
        directorLines.setText(String.join("\n", directors.stream().map(d -> {
            DirectorSnapshot s = view.snapshots().get(d);
            return d + ": " + (s == null ? "not read yet" : s.reachable() ? "connected, last update " + clock.format(s.updated())
                    + MaintenanceMarks.director(view.intended(), s, view.time(), java.time.ZoneId.systemDefault()).map(m -> "; " + m).orElse("")
                    : "unknown: " + s.error() + " (last try " + clock.format(s.updated()) + ")");
        }).toList()));
        findingList.setItems(view.findings().stream().map(Finding::toString).toArray(String[]::new));
        announce(view);
        livePage.layout(true, true);
    }

    /** "MASTER 150 · 192.168.200.10, 192.168.200.11" (configured priority after a slash when lowered) */
    private static String liveCell(InstanceLive live) {
        if (live == null) {
            return "unknown";
        }
        return live.state() + " " + live.priority() + (live.configuredPriority() >= 0 && live.configuredPriority() != live.priority()
                ? "/" + live.configuredPriority() : "") + (live.vips().isEmpty() ? "" : " · " + String.join(", ", live.vips()));
    }

    /** A split brain or a lost MASTER: said in the banner and the status line when it starts, no dialog. */
    private void announce(LiveView view) {
        java.util.Set<String> now = new java.util.TreeSet<>();
        for (Finding f : view.findings()) {
            if (f.kind() == FindingKind.SPLIT_BRAIN || f.kind() == FindingKind.NO_MASTER) {
                now.add(f.message());
            }
        }
        boolean simulated = session != null && session.simulated();
        String prefix = simulated ? "SIMULATED: " : "";
        if (!now.isEmpty()) {
            String text = prefix + String.join("; ", now);
            liveBanner.setText(text);
            liveBanner.setForeground(liveTable.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            if (!now.equals(announced)) {
                getViewSite().getActionBars().getStatusLineManager().setErrorMessage(text);
            }
        } else {
            if (!announced.isEmpty()) {
                getViewSite().getActionBars().getStatusLineManager().setErrorMessage(null);
            }
            liveBanner.setText(simulated ? "SIMULATED directors (demo): the engine on a simulated network, real time"
                    : view.healthy() ? "Live: healthy" : "Live: " + view.findings().size() + " finding(s)");
            liveBanner.setForeground(liveTable.getDisplay().getSystemColor(simulated ? SWT.COLOR_DARK_MAGENTA
                    : view.healthy() ? SWT.COLOR_DARK_GREEN : SWT.COLOR_DARK_YELLOW));
        }
        announced = now;
    }

    /** The last refresh the live grid shows (null before the first). */
    public LiveMonitor.Refresh lastRefresh() {
        return lastRefresh;
    }

    /** The live grid's cell text for an instance and a director. */
    public String liveCell(String instance, String director) {
        int column = -1;
        for (int c = 0; c < liveTable.getColumnCount(); c++) {
            if (liveTable.getColumn(c).getText().equals(director)) {
                column = c;
            }
        }
        for (TableItem item : liveTable.getItems()) {
            if (item.getText(0).equals(instance) && column >= 0) {
                return item.getText(column);
            }
        }
        throw new IllegalArgumentException("no cell " + instance + " x " + director);
    }

    /** The directors' status lines under the live grid, one per director. */
    public String liveDirectorLines() {
        return directorLines.getText();
    }

    public String liveBanner() {
        return liveBanner.getText();
    }

    private static void column(Table table, String title, int width) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(title);
        column.setWidth(width);
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
        stopLive();
        getSite().getPage().removePartListener(editorTracker);
        if (document != null) {
            document.removeListener(this);
        }
        super.dispose();
    }
}

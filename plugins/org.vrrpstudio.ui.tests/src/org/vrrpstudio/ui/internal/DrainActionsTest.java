package org.vrrpstudio.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vrrpstudio.ui.tests.UiDriver.await;
import static org.vrrpstudio.ui.tests.UiDriver.page;
import static org.vrrpstudio.ui.tests.UiDriver.settle;
import static org.vrrpstudio.ui.tests.UiDriver.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.ui.tests.Screenshots;
import org.vrrpstudio.ui.tests.UiDriver;

/**
 * Issue 14 in the console: drain director1 of the demo from the explorer's context menu (the simulated directors of
 * the Live mode), confirm, wait for the job; the live grid before and after (screenshots), every instance MASTER on
 * director2; then undrain from the same menu and back to the case study's distribution. Then the live grid's menu:
 * move VG2 to director1 and return it.
 */
class DrainActionsTest {



    /** Like {@link #await}, with the last text seen in the failure. */
    private static void awaitText(int seconds, String what, java.util.function.Supplier<String> text,
            java.util.function.Predicate<String> ok) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000L;
        String last = null;
        while (System.currentTimeMillis() < end) {
            last = ui(text::get);
            if (ok.test(last)) {
                return;
            }
            settle(200);
        }
        throw new AssertionError("not within " + seconds + " s: " + what + "; last seen:\n" + last);
    }

    private static boolean master(DistributionView view, String instance, String director) {
        try {
            return view.liveCell(instance, director).startsWith("MASTER");
        } catch (IllegalArgumentException notYet) {
            return false;
        }
    }

    private static boolean caseStudy(DistributionView view) {
        return master(view, "VI_1", "director1") && master(view, "VI_2", "director1") && master(view, "VI_3", "director2")
                && master(view, "VI_4", "director2") && view.lastRefresh().views().get(0).findings().isEmpty();
    }

    /** Opens the explorer's context menu on {@code director} and picks the item {@code label} under "Drain and Move". */
    private static void pick(ClusterExplorerView explorer, Director director, String label) {
        explorer.viewer().refresh();
        explorer.viewer().expandAll();
        explorer.viewer().setSelection(new StructuredSelection(director), true);
        assertEquals(director, explorer.viewer().getStructuredSelection().getFirstElement(), "director1 selected in the explorer");
        Menu menu = explorer.viewer().getControl().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        MenuItem sub = List.of(menu.getItems()).stream().filter(i -> i.getText().equals("Drain and Move")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'Drain and Move' in " + List.of(menu.getItems())));
        sub.getMenu().notifyListeners(SWT.Show, new Event());
        MenuItem item = List.of(sub.getMenu().getItems()).stream().filter(i -> i.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + label + "' in " + List.of(sub.getMenu().getItems())));
        menu.notifyListeners(SWT.Hide, new Event());
        item.notifyListeners(SWT.Selection, new Event());
    }

    /** The live grid's context menu on a cell: its entries under "Drain and Move". */
    private static List<IAction> gridMenu(DistributionView view, String instance, String director) {
        MenuManager menu = new MenuManager();
        view.fillGridMenu(menu, instance, director);
        MenuManager sub = (MenuManager) menu.getItems()[0];
        assertEquals("Drain and Move", sub.getMenuText());
        return List.of(sub.getItems()).stream().filter(ActionContributionItem.class::isInstance)
                .map(i -> ((ActionContributionItem) i).getAction()).toList();
    }

    /** Picks {@code label} on director1, answers the confirmation with OK, returns the result dialog's text. */
    private static String act(ClusterExplorerView explorer, Director director1, String label, String title, String shot)
            throws Exception {
        return act(() -> pick(explorer, director1, label), title, shot);
    }

    /** Runs {@code trigger} on the UI thread, answers the confirmation with OK, returns the question and the result. */
    private static String act(Runnable trigger, String title, String shot) throws Exception {
        AtomicReference<String> question = new AtomicReference<>();
        AtomicReference<String> result = new AtomicReference<>();
        ui(() -> {
            UiDriver.whenShellOpens(title, shell -> {
                question.set(UiDriver.allText(shell));
                UiDriver.click(UiDriver.button(shell, "OK"));
                // the result comes in a dialog of the same title once the job ends
                UiDriver.whenShellOpens(title, done -> {
                    result.set(UiDriver.allText(done));
                    try {
                        Screenshots.save(done, shot);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    UiDriver.click(UiDriver.button(done, "OK"));
                });
            });
            trigger.run();
            return null;
        });
        await(30, title + ": the result", () -> result.get() != null);
        Job.getJobManager().join(MaintenanceActions.FAMILY, null);
        assertTrue(question.get() != null, "asked first");
        return question.get() + "\n---\n" + result.get();
    }

    @Test
    void drainDirector1FromTheExplorerOnTheDemoThenUndrain() throws Exception {
        IFile demo = ResourcesPlugin.getWorkspace().getRoot().getProject(DemoWorkspace.PROJECT).getFile(DemoWorkspace.FILE);
        assumeTrue(demo.exists(), "the demo workspace was created at the first start");
        ClusterEditor editor = ui(() -> (ClusterEditor) IDE.openEditor(page(), demo, ClusterEditor.ID));
        DistributionView view = ui(() -> (DistributionView) page().showView(DistributionView.ID));
        ClusterExplorerView explorer = ui(() -> (ClusterExplorerView) page().showView(ClusterExplorerView.ID));
        ui(() -> {
            page().activate(editor);
            view.showMode(true);
            view.chooseSource(DistributionView.SIMULATED);
            return null;
        });
        await(25, "the case study's distribution", () -> caseStudy(view));
        Director director1 = ui(() -> editor.document().cluster().getDirectors().stream()
                .filter(d -> d.getName().equals("director1")).findFirst().orElseThrow());
        Path before = ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "drain-live-before"));

        String drained = act(explorer, director1, "Drain director1...", "Drain director1", "drain-result");
        assertTrue(drained.contains("VI_1, VI_2 (VG1) move from director1 to director2; expect MASTER within"), drained);
        assertTrue(drained.contains("Drain director1: confirmed by the live state after"), drained);
        await(10, "the grid shows every instance MASTER on director2", () -> List.of("VI_1", "VI_2", "VI_3", "VI_4").stream()
                .allMatch(i -> master(view, i, "director2") && view.liveCell(i, "director1").startsWith("BACKUP")));
        // the live view says since when: on the director and on each instance it gave away
        awaitText(10, "drained since, on the director and its instances",
                () -> view.liveDirectorLines() + "\n" + view.liveCell("VI_1", "director1") + "\n" + view.liveCell("VI_3", "director1"),
                // a drain writes every file of the director, so VI_3 (VG2, BACKUP there anyway) is given away too
                text -> text.matches("(?s).*director1: connected, last update [0-9:]+; drained since [0-9:]{8}.*\nBACKUP .* · given"
                        + " away since [0-9:]{8}\nBACKUP .* · given away since [0-9:]{8}"));
        settle(300);
        Path after = ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "drain-live-after"));
        assertEquals("0", ui(() -> view.liveCell("MASTERs", "director1")), "director1 holds nothing");

        String undrained = act(explorer, director1, "Undrain director1...", "Undrain director1", "undrain-result");
        assertTrue(undrained.contains("VI_1, VI_2 (VG1) move from director2 to director1"), undrained);
        assertTrue(undrained.contains("Undrain director1: confirmed by the live state after"), undrained);
        await(10, "the case study's distribution again", () -> caseStudy(view));
        awaitText(10, "no maintenance mark once undrained", () -> view.liveDirectorLines() + "\n" + view.liveCell("VI_1", "director1"),
                text -> !text.contains("drained since") && !text.contains("given away"));

        // the live grid: a cell's menu drains its column's director and moves its row's group
        List<IAction> entries = ui(() -> gridMenu(view, "VI_3", "director1"));
        assertEquals(List.of("Drain director1...", "Undrain director1...", "Move VG2 to director1...", "Move VG2 to director2...",
                "Return to intended director...", MaintenanceActions.ENABLE_TRACKS), entries.stream().map(IAction::getText).toList(),
                "the demo's model has no tracks (its simulated directors run a copy with them): the entry that adds them");
        String moved = act(() -> entries.get(2).run(), "Move VG2 to director1", "move-result");
        assertTrue(moved.contains("VI_3, VI_4 (VG2) move from director2 to director1"), moved);
        assertTrue(moved.contains("Move VG2 to director1: confirmed by the live state after"), moved);
        await(10, "VG2 on director1", () -> master(view, "VI_3", "director1") && master(view, "VI_4", "director1"));
        Path movedShot = ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "move-live-after"));
        String back = act(() -> gridMenu(view, "VI_4", "director2").get(4).run(), "Return to intended directors",
                "return-result");
        assertTrue(back.contains("VI_3, VI_4 (VG2) move from director1 to director2"), back);
        await(10, "the case study's distribution after the return", () -> caseStudy(view));
        ui(() -> { // leave the shared workbench as the other UI tests expect it
            view.showMode(false);
            return null;
        });
        for (Path shot : List.of(before, after, movedShot)) {
            assertTrue(Files.size(shot) > 1000, shot + " written");
        }
    }
}

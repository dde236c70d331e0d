package org.vrrpstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.ui.tests.UiDriver.await;
import static org.vrrpstudio.ui.tests.UiDriver.page;
import static org.vrrpstudio.ui.tests.UiDriver.settle;
import static org.vrrpstudio.ui.tests.UiDriver.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.live.FindingKind;
import org.vrrpstudio.live.Transition;
import org.vrrpstudio.ui.internal.DistributionView;
import org.vrrpstudio.ui.internal.TimelineView;

/**
 * The first start's live view: the case study on simulated directors in real time (the demo), eth0 of director1
 * failed and restored with the view's own buttons, the timeline and its CSV; screenshots of each step.
 */
class LiveViewTest {



    private static boolean master(DistributionView view, String instance, String director) {
        try {
            return view.liveCell(instance, director).startsWith("MASTER");
        } catch (IllegalArgumentException notYet) {
            return false;
        }
    }

    @Test
    void demoRunsLiveFailsEth0OnDirector1AndTheTimelineExportsCsv() throws Exception {
        DistributionView view = ui(() -> (DistributionView) page().showView(DistributionView.ID));
        ui(() -> {
            view.showMode(true); // the first start already shows it live; a rerun of the test class may not
            view.chooseSource("Simulated directors (demo)");
            return null;
        });
        String banner = ui(view::liveBanner);
        assertTrue(banner.startsWith("SIMULATED"), "labelled as simulated: " + banner);
        await(20, "the seed distribution", () -> master(view, "VI_1", "director1") && master(view, "VI_3", "director2")
                && view.lastRefresh().views().get(0).findings().isEmpty());
        Path steady = ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "live-demo-steady"));

        ui(() -> {
            UiDriver.click(UiDriver.button(page().getWorkbenchWindow().getShell(), "Fail eth0 on director1"));
            return null;
        });
        await(15, "VI_1 and VI_2 on director2", () -> master(view, "VI_1", "director2") && master(view, "VI_2", "director2"));
        List<FindingKind> kinds = ui(() -> view.lastRefresh().views().get(0).findings().stream().map(f -> f.kind()).toList());
        assertTrue(kinds.contains(FindingKind.NOT_INTENDED), kinds::toString);
        assertTrue(ui(() -> view.liveCell("VI_1", "director1")).startsWith("FAULT"), "director1 is in FAULT");
        Path failed = ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "live-demo-eth0-failed"));

        ui(() -> {
            UiDriver.click(UiDriver.button(page().getWorkbenchWindow().getShell(), "Restore eth0 on director1"));
            return null;
        });
        await(20, "back to director1", () -> master(view, "VI_1", "director1") && master(view, "VI_2", "director1"));

        TimelineView timeline = ui(() -> (TimelineView) page().showView(TimelineView.ID));
        ui(() -> {
            timeline.filter("director1", "VI_1");
            return null;
        });
        List<Transition> shown = ui(timeline::shown);
        assertTrue(shown.stream().allMatch(t -> t.director().equals("director1") && t.instance().equals("VI_1")), shown::toString);
        assertTrue(shown.stream().anyMatch(t -> t.from().equals("MASTER") && t.to().equals("FAULT")), shown::toString);
        Path csv = Path.of("target", "live-timeline.csv").toAbsolutePath();
        ui(() -> {
            timeline.exportCsv(csv);
            return null;
        });
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time,director,instance,from,to,reason,priority", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",director1,VI_1,MASTER,FAULT,interface down")), lines::toString);
        assertEquals(shown.size() + 1, lines.size());
        Path timelineShot = ui(() -> Screenshots.save(page().getWorkbenchWindow().getShell(), "live-timeline"));
        ui(() -> { // leave the shared workbench as the other UI tests expect it
            view.showMode(false);
            page().hideView(timeline);
            return null;
        });
        for (Path shot : List.of(steady, failed, timelineShot)) {
            assertTrue(Files.size(shot) > 1000, shot + " written");
        }
    }
}

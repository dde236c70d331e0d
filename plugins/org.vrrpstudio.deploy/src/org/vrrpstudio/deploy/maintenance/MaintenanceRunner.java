package org.vrrpstudio.deploy.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.InstanceLive;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.simulation.MaintenanceAction;
import org.vrrpstudio.simulation.MaintenancePreflight;

/**
 * Drain, undrain, move and move back, checked before and after: reads the live state and the maintenance files,
 * runs the pre-flight ({@link MaintenancePreflight}), writes the files, then polls the live state until every moved
 * instance is MASTER on the director it should be on (and nowhere else) within the plan's bound; otherwise writes
 * the old numbers back and says what it saw.
 */
public final class MaintenanceRunner {

    /** How the runner reaches the directors: over SSH for real ones, anything else in tests. */
    public interface Directors extends AutoCloseable {

        /** One refresh of every director. */
        Map<String, DirectorSnapshot> live();

        /** The maintenance files on every director now. */
        MaintenancePreflight.State files() throws MaintenanceException;

        /** Writes {@code value} into the director's maintenance file {@code fileName} (beside its keepalived.conf). */
        void write(String director, String fileName, long value) throws MaintenanceException;

        @Override
        void close();
    }

    /** A director could not be read or written: the message says which and why, in one line. */
    public static final class MaintenanceException extends Exception {
        private static final long serialVersionUID = 1L;

        public MaintenanceException(String message) {
            super(message);
        }
    }

    /**
     * @param confirmed the live state showed the result within the bound
     * @param undone    the result did not show and the files were put back
     * @param took      from the write to the confirmation (or to the bound)
     */
    public record Outcome(boolean confirmed, boolean undone, List<String> lines, Duration took, MaintenancePreflight.Plan plan) {
        public Outcome {
            lines = List.copyOf(lines);
        }

        /** 0 confirmed, 1 refused or undone. */
        public int exitCode() {
            return confirmed ? 0 : 1;
        }
    }

    /** Sleeps between live reads; a test may make time pass otherwise. */
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final Pause pause;

    public MaintenanceRunner() {
        this(Thread::sleep);
    }

    public MaintenanceRunner(Pause pause) {
        this.pause = pause;
    }

    public Outcome run(Cluster cluster, MaintenanceAction action, Directors directors, Consumer<String> progress)
            throws InterruptedException {
        List<String> lines = new ArrayList<>();
        Consumer<String> say = line -> {
            lines.add(line);
            progress.accept(line);
        };
        Map<String, DirectorSnapshot> live = directors.live();
        MaintenancePreflight.State now;
        try {
            now = directors.files();
        } catch (MaintenanceException e) {
            say.accept("refused: " + e.getMessage());
            return new Outcome(false, false, lines, Duration.ZERO, null);
        }
        MaintenancePreflight.Plan plan = MaintenancePreflight.check(cluster, action, live, now);
        if (!plan.allowed()) {
            plan.refusals().forEach(r -> say.accept("refused: " + r));
            return new Outcome(false, false, lines, Duration.ZERO, plan);
        }
        say.accept(action.describe() + ": " + (plan.moves().isEmpty() ? "no MASTER changes" : String.join(", ", plan.moves())));
        say.accept(String.format(Locale.ROOT, "what-if: takeover after %.2f s; confirming within %.2f s", seconds(plan.simulated()),
                seconds(plan.bound())));

        List<String[]> written = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (Map.Entry<String, Map<String, Long>> w : plan.writes().entrySet()) {
                for (Map.Entry<String, Long> file : w.getValue().entrySet()) {
                    directors.write(w.getKey(), file.getKey(), file.getValue());
                    written.add(new String[] {w.getKey(), file.getKey(), String.valueOf(file.getValue())});
                    say.accept("wrote " + file.getValue() + " to " + file.getKey() + " on " + w.getKey());
                }
            }
        } catch (MaintenanceException e) {
            say.accept("write failed: " + e.getMessage());
            undo(directors, written, say);
            return new Outcome(false, true, lines, Duration.ofNanos(System.nanoTime() - start), plan);
        }
        long deadline = start + plan.bound().toNanos();
        Map<String, DirectorSnapshot> seen;
        long lastRead = 0;
        while (true) {
            // a read that started within the bound counts: what it shows was true by then or a little later; as a read
            // of a slow director (the agent's status starts a JVM) can straddle the takeover and see it half done, one
            // more read may start up to one read's time after the bound
            long readStart = System.nanoTime();
            seen = directors.live();
            lastRead = System.nanoTime() - readStart;
            List<String> missing = missing(plan.expectedMasters(), seen);
            boolean inTime = readStart <= deadline + lastRead;
            if (missing.isEmpty() && inTime) {
                Duration took = Duration.ofNanos(readStart - start);
                Duration read = Duration.ofNanos(lastRead);
                say.accept(String.format(Locale.ROOT, "confirmed by the live read at %.2f s (took %.2f s; bound %.2f s%s): %s",
                        seconds(took), seconds(read), seconds(plan.bound()), readStart > deadline ? ", read started after it" : "",
                        plan.expectedMasters().isEmpty() ? "nothing had to move"
                                : String.join(", ", plan.expectedMasters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                                        .map(e -> e.getKey() + " MASTER on " + e.getValue()).toList())));
                return new Outcome(true, false, lines, took, plan);
            }
            if (System.nanoTime() > deadline + lastRead) {
                say.accept(String.format(Locale.ROOT, "not confirmed within %.2f s: %s", seconds(plan.bound()),
                        missing.isEmpty() ? "the result showed only after the bound" : String.join("; ", missing)));
                break;
            }
            pause.sleep(POLL);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        undo(directors, written, say);
        // how it settles after the undo, within the same bound
        long undoDeadline = System.nanoTime() + plan.bound().toNanos();
        Map<String, String> before = new java.util.TreeMap<>();
        live.values().stream().filter(DirectorSnapshot::reachable).forEach(s -> s.instances().values().stream()
                .filter(InstanceLive::isMaster).filter(i -> plan.expectedMasters().containsKey(i.instance()))
                .forEach(i -> before.put(i.instance(), s.director())));
        while (System.nanoTime() < undoDeadline && !missing(before, directors.live()).isEmpty()) {
            pause.sleep(POLL);
        }
        List<String> left = missing(before, directors.live());
        say.accept(left.isEmpty() ? "undone: back as before (" + String.join(", ", before.entrySet().stream()
                .map(e -> e.getKey() + " MASTER on " + e.getValue()).toList()) + ")"
                : "undone, but not yet back as before: " + String.join("; ", left));
        return new Outcome(false, true, lines, took, plan);
    }

    private void undo(Directors directors, List<String[]> written, Consumer<String> say) {
        for (String[] w : written.reversed()) {
            long old = Long.parseLong(w[2]) == 0 ? 1 : 0;
            try {
                directors.write(w[0], w[1], old);
                say.accept("undo: wrote " + old + " to " + w[1] + " on " + w[0]);
            } catch (MaintenanceException e) {
                say.accept("undo failed on " + w[0] + ": " + e.getMessage() + " (write " + old + " to " + w[1] + " by hand)");
            }
        }
    }

    /** What is not (yet) as expected: "VI_3 is BACKUP on d1, MASTER on d2". */
    static List<String> missing(Map<String, String> expected, Map<String, DirectorSnapshot> live) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(expected).entrySet()) {
            List<String> states = new ArrayList<>();
            boolean ok = true;
            for (DirectorSnapshot s : live.values().stream().sorted(java.util.Comparator.comparing(DirectorSnapshot::director)).toList()) {
                InstanceLive i = s.instances().get(e.getKey());
                String state = !s.reachable() ? "unreachable" : i == null ? "absent" : i.state();
                states.add(state + " on " + s.director());
                boolean master = "MASTER".equals(state);
                if (s.director().equals(e.getValue()) != master) {
                    ok = false;
                }
            }
            if (!ok) {
                missing.add(e.getKey() + " is " + String.join(", ", states));
            }
        }
        return missing;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}

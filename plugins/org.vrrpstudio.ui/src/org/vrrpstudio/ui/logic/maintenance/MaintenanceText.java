package org.vrrpstudio.ui.logic.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vrrpstudio.deploy.maintenance.MaintenanceRunner;
import org.vrrpstudio.simulation.MaintenanceAction;
import org.vrrpstudio.simulation.MaintenancePreflight;

/** The words of the console's drain and move dialogs, from the pre-flight's plan and the runner's outcome. */
public final class MaintenanceText {

    /** One line of {@link MaintenancePreflight.Plan#moves()}: {@code VI_1 (VG1): d1 -> d2}. */
    private static final Pattern MOVE = Pattern.compile("(\\S+)(?: \\((\\S+)\\))?: (\\S+) -> (\\S+)");

    private MaintenanceText() {
    }

    /** "Drain director1", "Move VG1 to director2", "Return to intended directors". */
    public static String title(MaintenanceAction action) {
        return switch (action) {
            case MaintenanceAction.Drain d -> "Drain " + d.director();
            case MaintenanceAction.Undrain u -> "Undrain " + u.director();
            case MaintenanceAction.Move m -> "Move " + m.name() + " to " + m.to();
            case MaintenanceAction.Back b -> "Return to intended directors";
        };
    }

    /**
     * What will move, one line per group of instances that go the same way: "VI_1, VI_2 (VG1) move from director1
     * to director2; expect MASTER within 4.02 s".
     */
    public static List<String> moves(MaintenancePreflight.Plan plan) {
        Map<String, List<String>> byWay = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (String line : plan.moves()) {
            Matcher m = MOVE.matcher(line);
            if (m.matches()) {
                String key = (m.group(2) == null ? "" : " (" + m.group(2) + ")") + " move from " + m.group(3) + " to " + m.group(4);
                byWay.computeIfAbsent(key, k -> new ArrayList<>()).add(m.group(1));
            } else {
                other.add(line);
            }
        }
        List<String> lines = new ArrayList<>();
        String within = "; expect MASTER within " + seconds(plan.bound());
        byWay.forEach((way, instances) -> lines.add(String.join(", ", instances) + way.replace(" move", instances.size() == 1
                ? " moves" : " move") + within));
        other.forEach(line -> lines.add(line + within));
        return lines;
    }

    /** The confirmation's question. {@code against}: "the simulated directors (demo)" or "the directors over SSH". */
    public static String confirmation(MaintenancePreflight.Plan plan, String against) {
        StringBuilder text = new StringBuilder(title(plan.action()) + " on " + against + "?\n\n");
        List<String> moves = moves(plan);
        if (moves.isEmpty()) {
            text.append("No instance changes its MASTER (the maintenance files change only).\n");
        } else {
            moves.forEach(line -> text.append(line).append(".\n"));
        }
        text.append(String.format(Locale.ROOT, "The what-if simulation shows the takeover after %.2f s.%n", plan.simulated().toNanos() / 1e9));
        plan.writes().forEach((director, files) -> files.forEach((file, value) -> text.append("Writes ").append(value)
                .append(" to ").append(file).append(" on ").append(director).append(".\n")));
        text.append("\nThe live state must confirm it within ").append(seconds(plan.bound()))
                .append("; otherwise the files are written back and the result says what was seen.");
        return text.toString();
    }

    /** "Refused: ..." followed by the reasons, one a line. */
    public static String refusal(MaintenancePreflight.Plan plan) {
        return "Refused, nothing was written:\n" + String.join("\n", plan.refusals().stream().map(r -> "- " + r).toList());
    }

    /** The first line of a finished run's result. */
    public static String verdict(MaintenanceAction action, MaintenanceRunner.Outcome outcome) {
        String title = title(action);
        if (outcome.confirmed()) {
            return String.format(Locale.ROOT, "%s: confirmed by the live state after %.2f s", title, outcome.took().toNanos() / 1e9);
        }
        return title + (outcome.undone() ? ": not confirmed, undone" : ": refused, nothing was written");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}

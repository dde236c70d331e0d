package org.vrrpstudio.ui.logic.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.simulation.MaintenanceAction;

/**
 * What the console offers on a director (drain, undrain) and on a sync group or an instance (move its group, or the
 * instance when it is in no group, to each director that runs it; return every moved one to its intended director).
 * Offered whether or not they apply now: the pre-flight says why one does not (e.g. "director1 is not drained").
 */
public final class MaintenanceChoices {

    /** A menu entry: its label and what it asks for. */
    public record Choice(String label, MaintenanceAction action) {
    }

    private MaintenanceChoices() {
    }

    public static List<Choice> forDirector(String director) {
        return List.of(new Choice("Drain " + director, new MaintenanceAction.Drain(director)),
                new Choice("Undrain " + director, new MaintenanceAction.Undrain(director)));
    }

    /** For a sync group by name; empty when the cluster has no such group. */
    public static List<Choice> forGroup(Cluster cluster, String group) {
        return Maintenance.unit(cluster, group).filter(Maintenance.Unit::isGroup).map(u -> forUnit(cluster, u)).orElse(List.of());
    }

    /** For an instance: its sync group's entries when it is in one (a group moves as a whole), else its own. */
    public static List<Choice> forInstance(Cluster cluster, String instance) {
        Optional<Maintenance.Unit> unit = Maintenance.unitOf(cluster, instance);
        return unit.map(u -> forUnit(cluster, u)).orElse(List.of());
    }

    private static List<Choice> forUnit(Cluster cluster, Maintenance.Unit unit) {
        List<Choice> choices = new ArrayList<>();
        for (Director director : cluster.getDirectors()) {
            if (unit.instances().stream().allMatch(i -> Maintenance.priority(director, i).isPresent())) {
                choices.add(new Choice("Move " + unit.name() + " to " + director.getName(),
                        new MaintenanceAction.Move(unit.name(), !unit.isGroup(), director.getName())));
            }
        }
        if (!choices.isEmpty()) {
            choices.add(new Choice("Return to intended director", new MaintenanceAction.Back()));
        }
        return choices;
    }
}

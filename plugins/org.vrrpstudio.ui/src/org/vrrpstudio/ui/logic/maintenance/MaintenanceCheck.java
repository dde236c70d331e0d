package org.vrrpstudio.ui.logic.maintenance;

import java.time.Duration;
import java.util.List;

import org.vrrpstudio.deploy.maintenance.MaintenanceRunner;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.simulation.MaintenanceAction;
import org.vrrpstudio.simulation.MaintenancePreflight;

/**
 * The check the console runs before it asks for confirmation: the live state and the maintenance files as the
 * directors have them now, through the pre-flight. The runner checks again when it acts (the state may have changed
 * while the dialog was open).
 */
public final class MaintenanceCheck {

    private MaintenanceCheck() {
    }

    public static MaintenancePreflight.Plan check(Cluster cluster, MaintenanceAction action, MaintenanceRunner.Directors directors) {
        MaintenancePreflight.State files;
        try {
            files = directors.files();
        } catch (MaintenanceRunner.MaintenanceException e) {
            return new MaintenancePreflight.Plan(action, List.of(e.getMessage()), java.util.Map.of(), java.util.Map.of(), List.of(),
                    Duration.ZERO, Duration.ZERO, List.of(), MaintenancePreflight.State.none());
        }
        return MaintenancePreflight.check(cluster, action, directors.live(), files);
    }
}

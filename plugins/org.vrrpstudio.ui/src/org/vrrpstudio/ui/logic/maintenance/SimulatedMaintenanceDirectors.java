package org.vrrpstudio.ui.logic.maintenance;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.deploy.live.ClusterIntent;
import org.vrrpstudio.deploy.maintenance.MaintenanceRunner;
import org.vrrpstudio.live.DirectorProbe;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.simulation.LiveSimulation;
import org.vrrpstudio.simulation.MaintenancePreflight;

/**
 * The demo's directors for drain and move: the live state is the {@link LiveSimulation}'s (read like real
 * directors), a maintenance file is the simulation's track file of the same unit. So the console's actions, their
 * pre-flight and their confirmation run unchanged on the embedded demo.
 */
public final class SimulatedMaintenanceDirectors implements MaintenanceRunner.Directors {

    private final LiveSimulation simulation;
    private final Cluster cluster;
    private final Intended intended;

    /** {@code cluster}: the model the simulation runs (with its maintenance tracks). */
    public SimulatedMaintenanceDirectors(LiveSimulation simulation, Cluster cluster) {
        this.simulation = simulation;
        this.cluster = cluster;
        this.intended = ClusterIntent.of(cluster);
    }

    @Override
    public Map<String, DirectorSnapshot> live() {
        Map<String, DirectorSnapshot> live = new LinkedHashMap<>();
        for (DirectorProbe probe : simulation.watched("", intended).probes()) {
            live.put(probe.director(), probe.refresh(intended));
        }
        return live;
    }

    @Override
    public MaintenancePreflight.State files() {
        Map<String, Set<String>> units = new HashMap<>();
        Map<String, Instant> since = new HashMap<>();
        for (Director director : cluster.getDirectors()) {
            Set<String> set = new HashSet<>();
            simulation.fileValues(director.getName()).forEach((track, value) -> {
                if (track.startsWith(Maintenance.TRACK_PREFIX) && value != 0) {
                    set.add(track.substring(Maintenance.TRACK_PREFIX.length()));
                    simulation.fileWritten(director.getName(), track).ifPresent(t -> since.merge(director.getName(), t,
                            (a, b) -> a.isAfter(b) ? a : b));
                }
            });
            units.put(director.getName(), set);
        }
        return new MaintenancePreflight.State(units, since);
    }

    @Override
    public void write(String director, String fileName, long value) throws MaintenanceRunner.MaintenanceException {
        if (!fileName.startsWith(Maintenance.FILE_PREFIX)) {
            throw new MaintenanceRunner.MaintenanceException("simulated: " + fileName + " is not a maintenance file");
        }
        try {
            simulation.setFileValue(director, Maintenance.TRACK_PREFIX + fileName.substring(Maintenance.FILE_PREFIX.length()), value);
        } catch (IllegalArgumentException e) {
            throw new MaintenanceRunner.MaintenanceException(e.getMessage());
        }
    }

    @Override
    public void close() {
        // the simulation belongs to the live view
    }
}

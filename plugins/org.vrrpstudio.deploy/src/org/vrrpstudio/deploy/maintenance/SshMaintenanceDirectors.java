package org.vrrpstudio.deploy.maintenance;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.vrrpstudio.cluster.ClusterExporter;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.deploy.ClusterDeployment;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.internal.ExecResult;
import org.vrrpstudio.deploy.internal.HostKeyNotTrusted;
import org.vrrpstudio.deploy.internal.NumberFiles;
import org.vrrpstudio.deploy.internal.RemoteFailure;
import org.vrrpstudio.deploy.internal.SshConnection;
import org.vrrpstudio.deploy.internal.SshConnector;
import org.vrrpstudio.deploy.live.ClusterIntent;
import org.vrrpstudio.deploy.live.SshDirectorProbe;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.simulation.MaintenancePreflight;

/**
 * The cluster's directors for {@link MaintenanceRunner} over SSH, with the deploy's connection rules (known_hosts,
 * key, ssh-agent, {@code sudo -n}): the live state through the live view's probe, the maintenance files through one
 * more connection per director, each read or written with one remote command.
 */
public final class SshMaintenanceDirectors implements MaintenanceRunner.Directors {

    private final Map<String, Director> directors = new LinkedHashMap<>();
    private final Map<String, DeployTarget> targets = new LinkedHashMap<>();
    private final Map<String, SshDirectorProbe> probes = new LinkedHashMap<>();
    private final Map<String, SshConnection> connections = new HashMap<>();
    private final SshConnector connector;
    private final Intended intended;
    private final Cluster cluster;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    /** Throws {@link IllegalArgumentException} naming a director and its missing setting (host, user). */
    public SshMaintenanceDirectors(Cluster cluster, Path knownHosts, DeployOptions options, PassphraseProvider passphrases) {
        this.cluster = cluster;
        this.connector = new SshConnector(options, passphrases);
        this.intended = ClusterIntent.of(cluster);
        ClusterExporter exporter = new ClusterExporter();
        for (Director director : cluster.getDirectors()) {
            DeployTarget target = ClusterDeployment.target(director, director.getName(), knownHosts);
            directors.put(director.getName(), director);
            targets.put(director.getName(), target);
            probes.put(director.getName(), new SshDirectorProbe(target, options, passphrases, Clock.systemUTC(),
                    exporter.exportText(cluster, director.getName())));
        }
    }

    @Override
    public Map<String, DirectorSnapshot> live() {
        Map<String, Future<DirectorSnapshot>> running = new LinkedHashMap<>();
        probes.forEach((name, probe) -> running.put(name, pool.submit(() -> probe.refresh(intended))));
        Map<String, DirectorSnapshot> live = new LinkedHashMap<>();
        for (Map.Entry<String, Future<DirectorSnapshot>> e : running.entrySet()) {
            try {
                live.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException | InterruptedException x) {
                if (x instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                live.put(e.getKey(), DirectorSnapshot.unreachable(e.getKey(), Instant.now(), String.valueOf(x.getMessage())));
            }
        }
        return live;
    }

    @Override
    public MaintenancePreflight.State files() throws MaintenanceRunner.MaintenanceException {
        Map<String, Set<String>> units = new LinkedHashMap<>();
        Map<String, Instant> since = new LinkedHashMap<>();
        for (Map.Entry<String, Director> e : directors.entrySet()) {
            Set<String> set = new LinkedHashSet<>();
            Instant newest = null;
            for (Maintenance.Unit unit : Maintenance.units(cluster)) {
                // one command for all of them would be faster; files are few, and this keeps the quoting simple
                String path = Maintenance.remoteFile(e.getValue(), unit);
                ExecResult r = exec(e.getKey(), NumberFiles.readCommand(path));
                if (!r.succeeded()) {
                    throw new MaintenanceRunner.MaintenanceException("cannot read " + path + " on " + e.getKey() + ": " + r.outputSummary());
                }
                List<String> lines = r.stdout().lines().toList();
                if (lines.size() >= 2 && value(lines.get(1)) != 0) {
                    set.add(unit.name());
                    Instant at = Instant.ofEpochSecond(Long.parseLong(lines.getFirst().strip()));
                    newest = newest == null || at.isAfter(newest) ? at : newest;
                }
            }
            units.put(e.getKey(), set);
            if (newest != null) {
                since.put(e.getKey(), newest);
            }
        }
        return new MaintenancePreflight.State(units, since);
    }

    /** keepalived reads a number at the start of the file; anything else counts as 0. */
    static long value(String text) {
        return NumberFiles.value(text);
    }

    @Override
    public void write(String director, String fileName, long value) throws MaintenanceRunner.MaintenanceException {
        Director d = directors.get(director);
        Maintenance.Unit unit = Maintenance.units(cluster).stream().filter(u -> u.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no unit for " + fileName));
        String path = Maintenance.remoteFile(d, unit);
        ExecResult r = exec(director, NumberFiles.writeCommand(path, value));
        if (!r.succeeded()) {
            throw new MaintenanceRunner.MaintenanceException("cannot write " + path + " on " + director + ": " + r.outputSummary());
        }
    }

    private ExecResult exec(String director, String command) throws MaintenanceRunner.MaintenanceException {
        try {
            SshConnection connection = connections.get(director);
            if (connection == null || !connection.isConnected()) {
                connection = connector.open(targets.get(director), warning -> { });
                connections.put(director, connection);
            }
            return connection.exec(command);
        } catch (RemoteFailure e) {
            throw new MaintenanceRunner.MaintenanceException(director + ": " + e.getMessage());
        } catch (HostKeyNotTrusted e) {
            throw new MaintenanceRunner.MaintenanceException(director + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        probes.values().forEach(SshDirectorProbe::close);
        connections.values().forEach(SshConnection::close);
        pool.shutdownNow();
    }
}

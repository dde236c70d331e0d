package org.vrrpstudio.ui.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.swt.widgets.Display;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.live.ClusterIntent;
import org.vrrpstudio.deploy.live.ClusterWatch;
import org.vrrpstudio.live.LiveMonitor;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.simulation.LiveSimulation;
import org.vrrpstudio.ui.internal.wizards.DeployWizard;
import org.vrrpstudio.vrrp.binding.BindingException;

/**
 * The console's live view of one cluster: a background thread refreshes every director each interval (over SSH, or
 * on the simulated directors of the demo) through the same {@link LiveMonitor} as {@code vrrpstudio watch}, and
 * hands each refresh to the UI thread; transitions go to the {@link LiveTimeline}.
 */
final class LiveSession implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final LiveMonitor monitor;
    private final LiveSimulation simulation;
    private final Cluster model;
    private final Thread loop;
    private volatile boolean running = true;

    private LiveSession(LiveMonitor monitor, LiveSimulation simulation, Cluster model, Display display,
            Consumer<LiveMonitor.Refresh> onRefresh) {
        this.monitor = monitor;
        this.simulation = simulation;
        this.model = model;
        this.loop = Thread.ofPlatform().daemon().name("vrrpstudio-live").unstarted(() -> {
            while (running) {
                LiveMonitor.Refresh refresh = monitor.refresh();
                LiveTimeline.get().add(refresh.transitions());
                if (!display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (running) {
                            onRefresh.accept(refresh);
                        }
                    });
                }
                try {
                    Thread.sleep(INTERVAL);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /**
     * The cluster on simulated directors (the engine on its simulated network, wall clock): the demo. The simulated
     * directors run a copy of the model with the maintenance tracks added ({@link Maintenance#enable}, which leaves
     * priorities and states as they are while the files hold 0), so drain and move can be tried on the demo.
     */
    static LiveSession simulated(Cluster cluster, Display display, Consumer<LiveMonitor.Refresh> onRefresh) throws BindingException {
        Cluster model = EcoreUtil.copy(cluster);
        Maintenance.enable(model);
        LiveSimulation simulation = LiveSimulation.of(model, Clock.systemUTC());
        LiveMonitor monitor = new LiveMonitor(List.of(simulation.watched("", ClusterIntent.of(cluster))), Clock.systemUTC());
        return start(new LiveSession(monitor, simulation, model, display, onRefresh));
    }

    /** The real directors over SSH, with the deploy's settings, known_hosts and key passphrases. */
    static LiveSession overSsh(Cluster cluster, Display display, Consumer<LiveMonitor.Refresh> onRefresh) {
        LiveMonitor monitor = new LiveMonitor(List.of(ClusterWatch.of(cluster, "", DeployWizard.KNOWN_HOSTS, DeployOptions.DEFAULTS,
                ConsolePlugin.get().passphrases(), Clock.systemUTC())), Clock.systemUTC());
        return start(new LiveSession(monitor, null, cluster, display, onRefresh));
    }

    private static LiveSession start(LiveSession session) {
        session.loop.start();
        return session;
    }

    boolean simulated() {
        return simulation != null;
    }

    /** The demo's engine (null over SSH): fail and restore links, stop, crash, restart directors. */
    LiveSimulation simulation() {
        return simulation;
    }

    /** The model the directors are checked against: the simulated directors' own copy, or the cluster watched over SSH. */
    Cluster model() {
        return model;
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        Thread.ofVirtual().start(monitor::close); // closing SSH sessions must not block the UI thread
    }
}

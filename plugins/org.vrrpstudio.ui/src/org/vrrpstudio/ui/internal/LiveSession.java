package org.vrrpstudio.ui.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Display;
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
    private final Thread loop;
    private volatile boolean running = true;

    private LiveSession(LiveMonitor monitor, LiveSimulation simulation, Display display, Consumer<LiveMonitor.Refresh> onRefresh) {
        this.monitor = monitor;
        this.simulation = simulation;
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

    /** The cluster on simulated directors (the engine on its simulated network, wall clock): the demo. */
    static LiveSession simulated(Cluster cluster, Display display, Consumer<LiveMonitor.Refresh> onRefresh) throws BindingException {
        LiveSimulation simulation = LiveSimulation.of(cluster, Clock.systemUTC());
        LiveMonitor monitor = new LiveMonitor(List.of(simulation.watched("", ClusterIntent.of(cluster))), Clock.systemUTC());
        return start(new LiveSession(monitor, simulation, display, onRefresh));
    }

    /** The real directors over SSH, with the deploy's settings, known_hosts and key passphrases. */
    static LiveSession overSsh(Cluster cluster, Display display, Consumer<LiveMonitor.Refresh> onRefresh) {
        LiveMonitor monitor = new LiveMonitor(List.of(ClusterWatch.of(cluster, "", DeployWizard.KNOWN_HOSTS, DeployOptions.DEFAULTS,
                ConsolePlugin.get().passphrases(), Clock.systemUTC())), Clock.systemUTC());
        return start(new LiveSession(monitor, null, display, onRefresh));
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

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        Thread.ofVirtual().start(monitor::close); // closing SSH sessions must not block the UI thread
    }
}

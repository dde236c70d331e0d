package org.vrrpstudio.ui.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.vrrpstudio.deploy.AgentInstaller;
import org.vrrpstudio.deploy.ClusterDeployment;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DaemonSwitch;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.SwitchResult;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.ModelPackage.Literals;
import org.vrrpstudio.ui.logic.ClusterDocument;

/**
 * The explorer's daemon actions on a cluster or one director: install the agent's package, switch the daemon to the
 * agent or back to keepalived. Each asks for confirmation, runs as a Job (one director at a time, the back end's own
 * rules: {@link AgentInstaller}, {@link DaemonSwitch}) and shows one line per director when it ends. A confirmed
 * switch is recorded in the cluster through its command stack (undoable; saved with the cluster).
 */
public final class DaemonActions {

    /** Asks the user; true to go on. */
    public interface Confirm {
        boolean ask(String title, String question);
    }

    /** Shows the outcome of a finished job. */
    public interface Show {
        void result(String title, IStatus status);
    }

    public static final Object FAMILY = DaemonActions.class;

    private final Confirm confirm;
    private final Show show;
    private final DaemonSwitch.Connector connector;
    private final Path knownHosts;
    private final DeployOptions options;

    public DaemonActions(Confirm confirm, Show show, DaemonSwitch.Connector connector, Path knownHosts, DeployOptions options) {
        this.confirm = confirm;
        this.show = show;
        this.connector = connector;
        this.knownHosts = knownHosts;
        this.options = options;
    }

    /** Dialogs on {@code shell}, SSH with the deploy's rules and the console's known_hosts and passphrases. */
    static DaemonActions interactive(Shell shell) {
        DeployOptions options = DeployOptions.DEFAULTS;
        return new DaemonActions((title, question) -> MessageDialog.openConfirm(shell, title, question),
                (title, status) -> Display.getDefault().asyncExec(() -> {
                    if (status.getSeverity() <= IStatus.INFO) {
                        MessageDialog.openInformation(shell, title, text(status));
                    } else {
                        ErrorDialog.openError(shell, title, null, status);
                    }
                }), DaemonSwitch.overSsh(options, ConsolePlugin.get().passphrases()),
                org.vrrpstudio.ui.internal.wizards.DeployWizard.KNOWN_HOSTS, options);
    }

    /**
     * Switches the cluster's pair ({@code director} null) or one director to {@code to} after confirmation; the
     * scheduled job, or null when the user declined or the cluster cannot be switched (said through {@link Show}).
     */
    public Job switchDaemon(ClusterDocument document, Director director, DaemonKind to) {
        String title = "Switch to " + to.word();
        String who = director == null ? "both directors of the pair" : director.getName();
        DaemonSwitch.Plan plan;
        try {
            plan = DaemonSwitch.plan(document.cluster(), knownHosts);
        } catch (IllegalArgumentException e) {
            show.result(title, Status.error(e.getMessage()));
            return null;
        }
        if (!confirm.ask(title, "Replace the daemon of " + who + " by " + to.word() + "?\n\nOne director at a time, the one"
                + " MASTER of fewer instances first: its daemon stops (its peer takes its instances at once), " + to.word()
                + " starts on the same keepalived.conf, and every instance must be back where the model wants it before"
                + " the next director. A failure gives the director its previous daemon back.")) {
            return null;
        }
        String only = director == null ? null : director.getName();
        Job job = new Job(title + ": " + who) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                DaemonSwitch daemonSwitch = new DaemonSwitch(connector, DaemonSwitch.Timing.forAdvert(plan.advertInterval()));
                List<SwitchResult> results = daemonSwitch.run(plan, to, only, (d, what) -> monitor.subTask(d + ": " + what),
                        switched -> Display.getDefault().syncExec(() -> record(document, switched)));
                monitor.done();
                return switchStatus(to, results);
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        return scheduled(job, title);
    }

    /** Installs the agent's package on the cluster's directors ({@code director} null) or one, after confirmation. */
    public Job installAgent(ClusterDocument document, Director director, AgentInstaller.AgentPackage agentPackage) {
        String title = "Install the agent";
        List<DeployTarget> targets;
        try {
            targets = document.cluster().getDirectors().stream().filter(d -> director == null || d == director)
                    .map(d -> ClusterDeployment.target(d, d.getName(), knownHosts)).toList();
        } catch (IllegalArgumentException e) {
            show.result(title, Status.error(e.getMessage()));
            return null;
        }
        String who = targets.stream().map(DeployTarget::director).reduce((a, b) -> a + ", " + b).orElse("no director");
        if (!confirm.ask(title, "Install vrrpstudio-agent " + agentPackage.version() + " on " + who + "?\n\nOne director at a"
                + " time over SSH; nothing is done where that version is installed; the agent is not started (use Switch to"
                + " agent for that).")) {
            return null;
        }
        Job job = new Job(title + " on " + who) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                List<AgentInstaller.Result> results = new AgentInstaller(options, ConsolePlugin.get().passphrases())
                        .install(targets, agentPackage, (d, what) -> monitor.subTask(d + ": " + what));
                monitor.done();
                MultiStatus all = new MultiStatus(ConsolePlugin.ID, 0, "Install the agent: "
                        + results.stream().filter(AgentInstaller.Result::succeeded).count() + " of " + results.size()
                        + " directors have " + agentPackage.version(), null);
                for (AgentInstaller.Result r : results) {
                    all.add(new Status(r.succeeded() ? IStatus.OK : r.status() == AgentInstaller.Status.SKIPPED ? IStatus.WARNING
                            : IStatus.ERROR, ConsolePlugin.ID, r.line()));
                }
                return all;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        return scheduled(job, title);
    }

    private Job scheduled(Job job, String title) {
        job.setUser(true);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                show.result(title, event.getResult());
            }
        });
        job.schedule();
        return job;
    }

    /** The model says which daemon the director runs once the live state confirmed it (an undoable command). */
    private static void record(ClusterDocument document, SwitchResult.Switched switched) {
        document.cluster().getDirectors().stream().filter(d -> d.getName().equals(switched.director())).findFirst()
                .ifPresent(d -> document.set(d, Literals.DIRECTOR__DAEMON_KIND, switched.to() == DaemonKind.AGENT
                        ? org.vrrpstudio.model.DaemonKind.AGENT : org.vrrpstudio.model.DaemonKind.KEEPALIVED));
    }

    static IStatus switchStatus(DaemonKind to, List<SwitchResult> results) {
        MultiStatus all = new MultiStatus(ConsolePlugin.ID, 0, "Switch to " + to.word() + ": "
                + results.stream().filter(SwitchResult::succeeded).count() + " of " + results.size() + " directors run "
                + to.word(), null);
        for (SwitchResult r : results) {
            int severity = switch (r) {
                case SwitchResult.Switched s -> IStatus.OK;
                case SwitchResult.AlreadyRunning a -> IStatus.OK;
                case SwitchResult.Skipped s -> IStatus.WARNING;
                case SwitchResult.Refused refused -> IStatus.ERROR;
                case SwitchResult.Restored restored -> IStatus.ERROR;
                case SwitchResult.RestoreFailed broken -> IStatus.ERROR;
            };
            all.add(new Status(severity, ConsolePlugin.ID, r.line()));
        }
        return all;
    }

    /** A status and its children, one line each: the text of an information dialog. */
    static String text(IStatus status) {
        StringBuilder text = new StringBuilder(status.getMessage());
        for (IStatus child : status.getChildren()) {
            text.append('\n').append(child.getMessage());
        }
        return text.toString();
    }
}

package org.vrrpstudio.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.GroupOrder;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.ui.logic.deploy.DeploySession;

/**
 * Deploys the chosen directors in the background with progress (one unit per step) and cancel (honoured up to
 * each director's swap). The result is one status per director, after an INFO line per pair that says in which
 * order it was deployed and why (live state or model); nothing in it shows config content.
 */
public final class DeployJob extends Job {

    public static final Object FAMILY = DeployJob.class;

    private final DeploySession session;
    private final List<String> directors;
    private volatile PlanResult result;

    public DeployJob(DeploySession session, List<String> directors) {
        super("Deploy to " + String.join(", ", directors));
        this.session = session;
        this.directors = List.copyOf(directors);
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        int steps = DeployStep.values().length;
        monitor.beginTask(getName(), directors.size() * steps);
        try {
            MonitorProgress progress = new MonitorProgress(monitor);
            result = session.deploy(directors, progress);
            return status(result, progress.warnings());
        } catch (IllegalArgumentException e) {
            return Status.error("Nothing was deployed: " + e.getMessage());
        } finally {
            monitor.done();
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    /** The per-director results once the job is done, else null. */
    public PlanResult result() {
        return result;
    }

    /** @param warnings "director: message" lines, e.g. an ssh-agent that could not be used while a key file got in */
    static IStatus status(PlanResult result, List<String> warnings) {
        MultiStatus all = new MultiStatus(ConsolePlugin.ID, 0, "Deploy: " + result.totals(), null);
        for (String order : result.orderLines()) {
            all.add(new Status(IStatus.INFO, ConsolePlugin.ID, order));
        }
        for (DeployResult one : result.results()) {
            int severity = switch (one) {
                case DeployResult.Ok ok -> IStatus.OK;
                case DeployResult.NoChange same -> IStatus.OK;
                case DeployResult.WouldChange dry -> IStatus.INFO;
                case DeployResult.Cancelled cancelled -> IStatus.CANCEL;
                case DeployResult.Skipped skipped -> IStatus.WARNING;
                case DeployResult.UnknownHostKey key -> IStatus.WARNING;
                case DeployResult.Failed failed -> IStatus.ERROR;
                case DeployResult.RolledBack rolledBack -> IStatus.ERROR;
                case DeployResult.RollbackFailed broken -> IStatus.ERROR;
            };
            all.add(new Status(severity, ConsolePlugin.ID, one.summaryLine()));
        }
        warnings.forEach(warning -> all.add(new Status(IStatus.WARNING, ConsolePlugin.ID, warning)));
        return all;
    }

    /** Deploy steps as monitor work; the deployer may call from a worker thread, so calls are serialized. */
    private static final class MonitorProgress implements DeployProgress {
        private final IProgressMonitor monitor;
        private final List<String> warnings = new ArrayList<>();

        MonitorProgress(IProgressMonitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public synchronized void stepStarted(String director, DeployStep step) {
            monitor.subTask(director + ": " + step.description());
            monitor.worked(1);
        }

        @Override
        public synchronized void finished(DeployResult result) {
            monitor.subTask(result.summaryLine());
        }

        @Override
        public synchronized void warning(String director, String message) {
            warnings.add(director + ": " + message);
        }

        synchronized List<String> warnings() {
            return List.copyOf(warnings);
        }

        @Override
        public synchronized void orderChosen(GroupOrder order) {
            monitor.subTask(order.summaryLine());
        }

        @Override
        public boolean isCancelled() {
            return monitor.isCanceled();
        }
    }
}

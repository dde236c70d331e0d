package org.vrrpstudio.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.maintenance.MaintenanceRunner;
import org.vrrpstudio.deploy.maintenance.SshMaintenanceDirectors;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.simulation.MaintenanceAction;
import org.vrrpstudio.simulation.MaintenancePreflight;
import org.vrrpstudio.ui.internal.wizards.DeployWizard;
import org.vrrpstudio.ui.logic.ClusterCommands;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.maintenance.MaintenanceCheck;
import org.vrrpstudio.ui.logic.maintenance.MaintenanceChoices;
import org.vrrpstudio.ui.logic.maintenance.MaintenanceText;
import org.vrrpstudio.ui.logic.maintenance.SimulatedMaintenanceDirectors;

/**
 * Drain, undrain, move and return (issue 14) from the explorer and the live grid: a Job checks first (live state,
 * maintenance files, pre-flight); a refusal is shown with its reasons and nothing is written; otherwise the user
 * confirms what will move, and a second Job runs the {@link MaintenanceRunner} (write, confirm with the live state,
 * else undo) with its lines as progress, and shows the result. Against the Distribution view's simulated directors
 * when it shows this cluster live on them (the demo), else against the real directors over SSH.
 */
final class MaintenanceActions {

    /** Asks the user; true to go on. Called on the UI thread. */
    interface Confirm {
        boolean ask(String title, String question);
    }

    /** Shows a refusal or a finished run. Called on the UI thread. */
    interface Show {
        void result(String title, IStatus status);
    }

    /** The directors to act on, the model they are checked against, and how the dialogs name them. */
    record Target(Cluster model, Supplier<MaintenanceRunner.Directors> directors, String against) {
    }

    static final Object FAMILY = MaintenanceActions.class;

    private final Confirm confirm;
    private final Show show;

    MaintenanceActions(Confirm confirm, Show show) {
        this.confirm = confirm;
        this.show = show;
    }

    /** The menu entry that adds the tracks to the model. */
    static final String ENABLE_TRACKS = "Add Drain and Move Tracks to the Model";

    static MaintenanceActions interactive(Shell shell) {
        return new MaintenanceActions((title, question) -> MessageDialog.openConfirm(shell, title, question), (title, status) -> {
            if (status.getSeverity() <= IStatus.INFO) {
                MessageDialog.openInformation(shell, title, DaemonActions.text(status));
            } else {
                ErrorDialog.openError(shell, title, null, status);
            }
        });
    }

    /**
     * The Distribution view's simulated directors when it shows {@code document} live on them, else the document's
     * directors over SSH with the deploy's known_hosts, settings and key passphrases.
     */
    static Target target(IWorkbenchPage page, ClusterDocument document) {
        if (page != null && page.findView(DistributionView.ID) instanceof DistributionView view && view.shows(document)
                && view.liveSession() != null && view.liveSession().simulated()) {
            LiveSession session = view.liveSession();
            return new Target(session.model(), () -> new SimulatedMaintenanceDirectors(session.simulation(), session.model()),
                    "the simulated directors (demo)");
        }
        Cluster cluster = document.cluster();
        return new Target(cluster, () -> new SshMaintenanceDirectors(cluster, DeployWizard.KNOWN_HOSTS, DeployOptions.DEFAULTS,
                ConsolePlugin.get().passphrases()), "the directors over SSH");
    }

    /**
     * Adds "Drain/Undrain DIRECTOR" (when {@code director} is not null) and the moves of {@code group} or of
     * {@code instance}'s unit (when not null) as a "Drain and Move" submenu.
     */
    static void fill(IMenuManager menu, Shell shell, IWorkbenchPage page, ClusterDocument document, String director, String group,
            String instance) {
        List<MaintenanceChoices.Choice> choices = new ArrayList<>();
        if (director != null) {
            choices.addAll(MaintenanceChoices.forDirector(director));
        }
        if (group != null) {
            choices.addAll(MaintenanceChoices.forGroup(document.cluster(), group));
        } else if (instance != null) {
            choices.addAll(MaintenanceChoices.forInstance(document.cluster(), instance));
        }
        if (choices.isEmpty()) {
            return;
        }
        MenuManager sub = new MenuManager("Drain and Move");
        for (MaintenanceChoices.Choice choice : choices) {
            sub.add(new Action(choice.label() + "...") {
                @Override
                public void run() {
                    interactive(shell).start(target(page, document), choice.action());
                }
            });
        }
        org.eclipse.emf.common.command.Command tracks = new ClusterCommands(document).enableMaintenance();
        if (tracks != null) { // the model lacks (some of) the tracks drain and move work by: offer them, undoable
            sub.add(new org.eclipse.jface.action.Separator());
            sub.add(new Action(ENABLE_TRACKS) {
                @Override
                public void run() {
                    document.execute(tracks);
                    MessageDialog.openInformation(shell, ENABLE_TRACKS, "Added to the model: a track_file per sync group (or lone"
                            + " instance), tracked by its instances, and sync_group_tracking_weight. Deploy the cluster so"
                            + " the directors read them; then drain and move work on them.");
                }
            });
        }
        menu.add(sub);
    }

    /** Checks, then (on the UI thread) refuses or asks, then runs; returns the check's Job. */
    Job start(Target target, MaintenanceAction action) {
        String title = MaintenanceText.title(action);
        Display display = Display.getCurrent() != null ? Display.getCurrent() : Display.getDefault();
        Job check = new Job("Check: " + title) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                MaintenanceRunner.Directors directors;
                try {
                    directors = target.directors().get();
                } catch (IllegalArgumentException e) {
                    display.asyncExec(() -> show.result(title, Status.error("Refused, nothing was written: " + e.getMessage())));
                    return Status.OK_STATUS;
                }
                MaintenancePreflight.Plan plan;
                try {
                    plan = MaintenanceCheck.check(target.model(), action, directors);
                } catch (RuntimeException e) {
                    directors.close();
                    throw e;
                }
                display.asyncExec(() -> {
                    if (!plan.allowed()) {
                        directors.close();
                        MultiStatus refused = new MultiStatus(ConsolePlugin.ID, 0, "Refused, nothing was written (" + target.against() + "):", null);
                        plan.refusals().forEach(r -> refused.add(Status.error(r)));
                        show.result(title, refused);
                    } else if (confirm.ask(title, MaintenanceText.confirmation(plan, target.against()))) {
                        act(target, action, directors, display);
                    } else {
                        directors.close();
                    }
                });
                monitor.done();
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        check.schedule();
        return check;
    }

    private void act(Target target, MaintenanceAction action, MaintenanceRunner.Directors directors, Display display) {
        String title = MaintenanceText.title(action);
        Job job = new Job("Running: " + title) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(title, IProgressMonitor.UNKNOWN);
                MaintenanceRunner.Outcome outcome;
                try (directors) {
                    outcome = new MaintenanceRunner().run(target.model(), action, directors, line -> monitor.subTask(line));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Status.CANCEL_STATUS;
                }
                monitor.done();
                IStatus status = status(action, outcome);
                display.asyncExec(() -> show.result(title, status));
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        job.schedule();
    }

    /** OK when confirmed (one child per line the runner said), ERROR when refused or undone. */
    static IStatus status(MaintenanceAction action, MaintenanceRunner.Outcome outcome) {
        int severity = outcome.confirmed() ? IStatus.INFO : IStatus.ERROR;
        MultiStatus all = new MultiStatus(ConsolePlugin.ID, 0, MaintenanceText.verdict(action, outcome), null);
        outcome.lines().forEach(line -> all.add(new Status(severity, ConsolePlugin.ID, line)));
        return all;
    }
}

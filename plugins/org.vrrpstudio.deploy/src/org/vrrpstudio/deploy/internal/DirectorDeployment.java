package org.vrrpstudio.deploy.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.diff.UnifiedDiff;

/**
 * Deploys one director: fetch, diff, upload to a temp file, validate, back up, atomic swap, reload, verify.
 * Before the swap a failure removes the temp file and leaves everything as it was; after the swap a failure
 * puts the previous file back and reloads. A lost connection is re-opened for that clean-up.
 */
public final class DirectorDeployment {

    /** Configs hold auth_pass: only the owner may read them. */
    static final int CONFIG_MODE = 0600;

    private final DeployItem item;
    private final DeployTarget target;
    private final DeployOptions options;
    private final SshConnector connector;
    private final DeployProgress progress;
    private final Clock clock;
    private final RandomGenerator random;
    /** The instances of the new file and of the one it replaces, for {@code {instances}} in the commands. */
    private final List<String> newInstances;
    private List<String> previousInstances = List.of();
    private SshConnection connection;
    /** Set when the pair's authentication changes: swap and reload together with the other directors. */
    private final PairGate gate;

    public DirectorDeployment(DeployItem item, DeployOptions options, SshConnector connector, DeployProgress progress,
            Clock clock, RandomGenerator random) {
        this(item, options, connector, progress, clock, random, null);
    }

    public DirectorDeployment(DeployItem item, DeployOptions options, SshConnector connector, DeployProgress progress,
            Clock clock, RandomGenerator random, PairGate gate) {
        this.gate = gate;
        this.item = item;
        this.target = item.target();
        this.options = options;
        this.connector = connector;
        this.progress = progress;
        this.clock = clock;
        this.random = random;
        this.newInstances = InstanceNames.declaredIn(item.configText());
    }

    public DeployResult run() {
        DeployResult result;
        try {
            result = connectAndDeploy();
        } catch (RuntimeException unexpected) {
            // a bug or a JSch surprise must still end as a result line, not a stack trace for the user
            result = new DeployResult.Failed(director(), DeployStep.CONNECT,
                    "internal error: " + unexpected.getClass().getSimpleName() + ": " + ConnectionMessages.oneLine(unexpected.getMessage()));
        } finally {
            if (gate != null) {
                gate.leave(director()); // the partners must not wait for a deploy that ended early
            }
            if (connection != null) {
                connection.close();
            }
        }
        progress.finished(result);
        return result;
    }

    private DeployResult connectAndDeploy() {
        if (progress.isCancelled()) {
            return new DeployResult.Cancelled(director(), DeployStep.CONNECT);
        }
        step(DeployStep.CONNECT);
        try {
            connection = connector.open(target, warning -> progress.warning(director(), warning));
        } catch (HostKeyNotTrusted e) {
            return e.result();
        } catch (RemoteFailure e) {
            return new DeployResult.Failed(director(), DeployStep.CONNECT, e.getMessage());
        }
        return deploy();
    }

    /** Ends the deploy early with a result; keeps each phase below a straight sequence of steps. */
    private static final class Finished extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient DeployResult result;

        Finished(DeployResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private DeployResult deploy() {
        try {
            Optional<byte[]> current = fetchCurrent();
            UnifiedDiff diff = compare(current);
            String temp = uploadAndValidate(diff);
            String backup = backUpBeforeSwap(current, temp);
            awaitPartnersBeforeSwap(temp, backup);
            swap(temp, backup);
            // from here on the new file is live: no cancellation, only success or rollback
            activate(backup);
            awaitPartnersAfterVerify(backup);
            pruneBackups();
            return new DeployResult.Ok(director(), diff, backup);
        } catch (Finished finished) {
            return finished.result;
        }
    }

    private Optional<byte[]> fetchCurrent() throws Finished {
        String live = target.remoteConfigPath();
        step(DeployStep.FETCH);
        try {
            var kind = connection.lstat(live);
            if (kind.isEmpty()) {
                return Optional.empty();
            }
            if (kind.get() == SshConnection.FileKind.SYMBOLIC_LINK) {
                throw failed(DeployStep.FETCH, live + " is a symbolic link; set the director's config path to the file it points to");
            }
            if (kind.get() != SshConnection.FileKind.REGULAR) {
                throw failed(DeployStep.FETCH, live + " is not a regular file");
            }
            Optional<byte[]> current = connection.read(live);
            current.ifPresent(bytes -> previousInstances = InstanceNames.declaredIn(new String(bytes, StandardCharsets.UTF_8)));
            return current;
        } catch (RemoteFailure e) {
            throw failed(DeployStep.FETCH, e.getMessage());
        }
    }

    private UnifiedDiff compare(Optional<byte[]> current) throws Finished {
        step(DeployStep.DIFF);
        if (current.isPresent() && Arrays.equals(current.get(), item.configBytes())) {
            throw new Finished(new DeployResult.NoChange(director()));
        }
        String live = target.remoteConfigPath();
        String currentText = current.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        UnifiedDiff diff = UnifiedDiff.between(live + " (on " + director() + ")", currentText, live + " (new)", item.configText());
        List<String> authChanged = AuthChange.between(currentText, item.configText());
        if (!authChanged.isEmpty()) {
            progress.warning(director(), AuthChange.warning(authChanged));
        }
        checkScripts();
        if (options.dryRun() && !options.validateInDryRun()) {
            throw new Finished(new DeployResult.WouldChange(director(), diff, false));
        }
        return diff;
    }

    /**
     * keepalived's script rules for the new file, judged on the director (its users, its scripts' folders): warnings,
     * never a failure, shown in the preview and the deploy alike.
     */
    private void checkScripts() {
        RemoteScriptHost scripts = new RemoteScriptHost(connection, director());
        try {
            for (String warning : scripts.warnings(item.configText(), target.remoteConfigPath(), director())) {
                progress.warning(director(), warning);
            }
        } catch (RuntimeException e) { // a file the importer cannot take is the validate step's to report
            scripts.failure().ifPresent(why -> progress.warning(director(), "could not check the scripts on the director: " + why));
            return;
        }
        scripts.failure().ifPresent(why -> progress.warning(director(), "could not check the scripts on the director: " + why));
        progress.scriptHostAnswered(director(), scripts.recorded());
    }

    /** Returns the validated temp file; a dry run ends here after removing it. */
    private String uploadAndValidate(UnifiedDiff diff) throws Finished {
        if (progress.isCancelled()) {
            throw new Finished(new DeployResult.Cancelled(director(), DeployStep.UPLOAD));
        }
        step(DeployStep.UPLOAD);
        String temp = RemoteNames.tempFileFor(target.remoteConfigPath(), random);
        byte[] wanted = item.configBytes();
        try {
            connection.upload(temp, wanted, CONFIG_MODE, done -> progress.uploaded(director(), done, wanted.length));
        } catch (RemoteFailure e) {
            throw failedBeforeSwap(DeployStep.UPLOAD, e.getMessage(), temp, null);
        }
        stopIfCancelled(DeployStep.VALIDATE, temp, null);
        step(DeployStep.VALIDATE);
        try {
            ExecResult validation = connection.exec(RemoteNames.command(target.validateCommand(), temp, newInstances));
            ValidationVerdict verdict = ValidationVerdict.of(target.kind(), validation);
            if (!verdict.runnable()) {
                throw failedBeforeSwap(DeployStep.VALIDATE, "the director rejected the new config (exit "
                        + validation.exitCode() + "): " + validation.outputSummary(), temp, null);
            }
            for (String warning : verdict.warnings()) {
                progress.warning(director(), "keepalived -t warns (exit " + validation.exitCode()
                        + "; keepalived runs the file and does what it says): " + warning);
            }
        } catch (RemoteFailure e) {
            throw failedBeforeSwap(DeployStep.VALIDATE, e.getMessage(), temp, null);
        }
        if (options.dryRun()) {
            String leftover = removeQuietly(temp);
            throw new Finished(leftover == null ? new DeployResult.WouldChange(director(), diff, true)
                    : new DeployResult.Failed(director(), DeployStep.CLEANUP, "dry run validated, but " + leftover));
        }
        stopIfCancelled(DeployStep.BACKUP, temp, null);
        return temp;
    }

    /** Returns the backup's path, or null when there was no file to back up. */
    private String backUpBeforeSwap(Optional<byte[]> current, String temp) throws Finished {
        step(DeployStep.BACKUP);
        String backup = null;
        if (current.isPresent()) {
            try {
                backup = backUp(target.remoteConfigPath(), current.get());
            } catch (RemoteFailure e) {
                throw failedBeforeSwap(DeployStep.BACKUP, e.getMessage(), temp, null);
            }
        }
        stopIfCancelled(DeployStep.SWAP, temp, backup);
        return backup;
    }

    private void swap(String temp, String backup) throws Finished {
        step(DeployStep.SWAP);
        try {
            connection.rename(temp, target.remoteConfigPath());
        } catch (RemoteFailure e) {
            // if the connection died during the rename we cannot know whether it happened: look
            try {
                if (liveConnection().exists(temp)) {
                    throw failedBeforeSwap(DeployStep.SWAP, e.getMessage(), temp, backup);
                }
            } catch (RemoteFailure unknown) {
                throw new Finished(new DeployResult.RollbackFailed(director(), DeployStep.SWAP, e.getMessage(),
                        "cannot tell whether the new file is live: " + unknown.getMessage()
                                + (backup == null ? "" : "; the previous config is at " + backup)));
            }
            throw new Finished(rollBack(DeployStep.SWAP, e.getMessage(), backup));
        }
    }

    /** With a gate: every director of the pair has a validated file in place, or none swaps. */
    private void awaitPartnersBeforeSwap(String temp, String backup) throws Finished {
        if (gate == null) {
            return;
        }
        boolean all;
        try {
            all = gate.readyToSwap(director(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = false;
        }
        if (!all) {
            String partner = gate.failedPartner(director()).orElse("a partner");
            String problem = cleanUp(temp, backup);
            throw new Finished(new DeployResult.Skipped(director(), "not swapped: " + partner
                    + " could not take its new file, and the pair's authentication must change on both at once"
                    + (problem == null ? "" : "; " + problem)));
        }
    }

    /** With a gate: when a partner failed after its swap, this director goes back too (same passwords on both). */
    private void awaitPartnersAfterVerify(String backup) throws Finished {
        if (gate == null) {
            return;
        }
        boolean all;
        try {
            all = gate.finished(director(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = false;
        }
        if (!all) {
            throw new Finished(rollBack(DeployStep.VERIFY, gate.failedPartner(director()).orElse("a partner")
                    + " failed after its swap: rolled back so the pair keeps one authentication", backup));
        }
    }

    /** Reload, then verify; either failing rolls back. */
    private void activate(String backup) throws Finished {
        runOrRollBack(DeployStep.RELOAD, target.reloadCommand(), "reload", backup);
        if (gate != null) {
            gate.reloaded(director(), clock.instant());
        }
        if (target.verifies()) {
            runOrRollBack(DeployStep.VERIFY, target.verifyCommand(), "verify", backup);
        }
    }

    private void runOrRollBack(DeployStep step, String command, String what, String backup) throws Finished {
        step(step);
        try {
            ExecResult result = connection.exec(RemoteNames.command(command, target.remoteConfigPath(), newInstances));
            if (!result.succeeded()) {
                throw new Finished(rollBack(step, what + " failed (exit " + result.exitCode() + "): " + result.outputSummary(), backup));
            }
        } catch (RemoteFailure e) {
            throw new Finished(rollBack(step, e.getMessage(), backup));
        }
    }

    private void stopIfCancelled(DeployStep before, String temp, String backup) throws Finished {
        if (progress.isCancelled()) {
            String problem = cleanUp(temp, backup);
            throw new Finished(problem == null ? new DeployResult.Cancelled(director(), before)
                    : new DeployResult.Failed(director(), DeployStep.CLEANUP, "cancelled before " + before + ", but " + problem));
        }
    }

    private Finished failed(DeployStep step, String cause) {
        return new Finished(new DeployResult.Failed(director(), step, cause));
    }

    /** Best effort: a backup that cannot be removed does not make a good deploy fail. */
    private void pruneBackups() {
        String live = target.remoteConfigPath();
        if (options.backupsToKeep() == 0) {
            return;
        }
        try {
            String directory = RemoteNames.directoryOf(live);
            List<String> backups = connection.regularFiles(directory).stream()
                    .filter(name -> RemoteNames.isBackupOf(name, live))
                    .sorted(RemoteNames.backupOrder())
                    .toList();
            for (String old : backups.subList(0, Math.max(0, backups.size() - options.backupsToKeep()))) {
                connection.removeIfExists(directory + old);
            }
        } catch (RemoteFailure ignored) {
            // the deploy itself succeeded; stale backups are only clutter
        }
    }

    /**
     * A hard link keeps the exact current file (inode, owner, mode) under the backup name at no cost; servers
     * without the hardlink extension get a copy of the bytes we fetched instead.
     */
    private String backUp(String live, byte[] currentBytes) throws RemoteFailure {
        String backup = RemoteNames.nextBackupName(live, clock.instant(), clock.getZone(),
                connection.regularFiles(RemoteNames.directoryOf(live)));
        if (!connection.hardlink(live, backup)) {
            connection.upload(backup, currentBytes, CONFIG_MODE, done -> { });
        }
        return backup;
    }

    private Finished failedBeforeSwap(DeployStep step, String cause, String temp, String backup) {
        String problem = cleanUp(temp, backup);
        return failed(step, problem == null ? cause : cause + "; " + problem);
    }

    /** Removes what this deploy created before the swap; returns a problem description or null. */
    private String cleanUp(String temp, String backup) {
        step(DeployStep.CLEANUP);
        String problem = removeQuietly(temp);
        if (backup != null) {
            String backupProblem = removeQuietly(backup);
            problem = problem == null ? backupProblem : problem + "; " + backupProblem;
        }
        return problem;
    }

    private String removeQuietly(String path) {
        try {
            liveConnection().removeIfExists(path);
            return null;
        } catch (RemoteFailure e) {
            return "could not remove " + path + " (" + e.getMessage() + ")";
        }
    }

    private DeployResult rollBack(DeployStep failedStep, String cause, String backup) {
        step(DeployStep.ROLLBACK);
        String live = target.remoteConfigPath();
        try {
            SshConnection c = liveConnection();
            if (backup != null) {
                c.rename(backup, live);
            } else {
                c.removeIfExists(live);
            }
            ExecResult reload = c.exec(RemoteNames.command(target.reloadCommand(), live, previousInstances));
            if (!reload.succeeded()) {
                return new DeployResult.RollbackFailed(director(), failedStep, cause, "previous config restored, but reload failed (exit "
                        + reload.exitCode() + "): " + reload.outputSummary());
            }
            String detail = backup != null ? "previous config restored and reloaded" : "new file removed (there was none before) and daemon reloaded";
            if (target.verifies()) {
                ExecResult verify = c.exec(RemoteNames.command(target.verifyCommand(), live, previousInstances));
                detail += verify.succeeded() ? ", verify passes again" : "; verify still fails with the previous config: " + verify.outputSummary();
            }
            return new DeployResult.RolledBack(director(), failedStep, cause, detail);
        } catch (RemoteFailure e) {
            return new DeployResult.RollbackFailed(director(), failedStep, cause,
                    e.getMessage() + (backup == null ? "" : "; the previous config is at " + backup));
        }
    }

    /** The current connection, or a new one when it was lost (one attempt). */
    private SshConnection liveConnection() throws RemoteFailure {
        if (connection.isConnected()) {
            return connection;
        }
        connection.close();
        try {
            // key sources that failed were reported on the first connect
            connection = connector.open(target, alreadyReported -> { });
            return connection;
        } catch (HostKeyNotTrusted e) {
            throw new RemoteFailure("reconnect refused: host key no longer trusted");
        } catch (RemoteFailure e) {
            throw new RemoteFailure("connection lost and reconnect failed: " + e.getMessage());
        }
    }

    private void step(DeployStep step) {
        progress.stepStarted(director(), step);
    }

    private String director() {
        return target.director();
    }
}

package org.vrrpstudio.deploy;

import java.nio.file.Path;
import java.util.Objects;
import org.vrrpstudio.deploy.diff.UnifiedDiff;

/**
 * What happened on one director. Each result has one summary line for the CLI and the console; none of
 * them shows config content ({@link WouldChange#diff()} is rendered on request, with secrets masked).
 */
public sealed interface DeployResult {

    String director();

    DeployStatus status();

    /** One line, e.g. {@code "lvs1: OK (+2 -1 lines; backup /etc/keepalived/keepalived.conf.bak-20250101-120000)"}. */
    String summaryLine();

    /** The new config is live, reloaded and verified. */
    record Ok(String director, UnifiedDiff diff, String backupPath) implements DeployResult {
        public DeployStatus status() {
            return DeployStatus.OK;
        }

        public String summaryLine() {
            return director + ": OK (" + diff.stats() + (backupPath == null ? "; no previous file" : "; backup " + backupPath) + ")";
        }
    }

    /** The director already has exactly this config; nothing was uploaded or reloaded. */
    record NoChange(String director) implements DeployResult {
        public DeployStatus status() {
            return DeployStatus.NO_CHANGE;
        }

        public String summaryLine() {
            return director + ": NO_CHANGE (config already up to date)";
        }
    }

    /** Dry run: the deploy would change the config; {@code validated} tells whether the director accepted it. */
    record WouldChange(String director, UnifiedDiff diff, boolean validated) implements DeployResult {
        public DeployStatus status() {
            return DeployStatus.WOULD_CHANGE;
        }

        public String summaryLine() {
            return director + ": WOULD_CHANGE (" + diff.stats() + (validated ? ", validated on director" : ", not validated")
                    + "; dry run, nothing changed)";
        }
    }

    /**
     * First contact: the director's host key is not in our known_hosts. Show the fingerprint; trust it with
     * {@link KnownHostsFile#trust(UnknownHostKey)} (exactly this key) or redeploy with
     * {@link DeployOptions#acceptNewHostKey()}.
     */
    record UnknownHostKey(String director, String host, int port, String keyType, String publicKeyBase64,
            String fingerprint, Path knownHosts) implements DeployResult {
        public DeployStatus status() {
            return DeployStatus.UNKNOWN_HOST_KEY;
        }

        public String summaryLine() {
            return director + ": UNKNOWN_HOST_KEY " + host + ":" + port + " offers " + keyType + " " + fingerprint
                    + " (not in " + knownHosts + "; accept it explicitly to continue; nothing changed)";
        }
    }

    /** Stopped at {@code step}; the live config was not touched. */
    record Failed(String director, DeployStep step, String cause) implements DeployResult {
        public Failed {
            Objects.requireNonNull(step);
        }

        public DeployStatus status() {
            return DeployStatus.FAILED;
        }

        public String summaryLine() {
            return director + ": FAILED at " + step + " (" + step.description() + "): " + cause + " (nothing changed)";
        }
    }

    /** {@code step} failed after the swap; the previous config was restored and the daemon reloaded with it. */
    record RolledBack(String director, DeployStep step, String cause, String rollbackDetail) implements DeployResult {
        public DeployStatus status() {
            return DeployStatus.ROLLED_BACK;
        }

        public String summaryLine() {
            return director + ": ROLLED_BACK after " + step + " failed: " + cause + "; " + rollbackDetail;
        }
    }

    /** {@code step} failed after the swap and restoring the previous config failed too: needs a human now. */
    record RollbackFailed(String director, DeployStep step, String cause, String rollbackCause) implements DeployResult {
        public DeployStatus status() {
            return DeployStatus.ROLLBACK_FAILED;
        }

        public String summaryLine() {
            return director + ": ROLLBACK_FAILED " + step + " failed: " + cause + "; rollback failed too: " + rollbackCause
                    + " -- CHECK THIS DIRECTOR BY HAND";
        }
    }

    /** Cancelled by the user before {@code beforeStep}; nothing changed. */
    record Cancelled(String director, DeployStep beforeStep) implements DeployResult {
        public DeployStatus status() {
            return DeployStatus.CANCELLED;
        }

        public String summaryLine() {
            return director + ": CANCELLED before " + beforeStep + " (nothing changed)";
        }
    }

    /** Not attempted, e.g. an earlier director of the same group failed. */
    record Skipped(String director, String reason) implements DeployResult {
        public DeployStatus status() {
            return DeployStatus.SKIPPED;
        }

        public String summaryLine() {
            return director + ": SKIPPED (" + reason + ")";
        }
    }
}

package org.vrrpstudio.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a deploy runs.
 *
 * @param dryRun             connect, fetch, diff and (if {@code validateInDryRun}) validate a temp copy, which is
 *                           removed again; the live config, backups and the daemon are never touched
 * @param validateInDryRun   whether a dry run uploads a temp copy to run the validate command on the director
 * @param acceptNewHostKey   trust-on-first-use: add an unknown host key to known_hosts and go on. A changed
 *                           key is refused regardless.
 * @param maxParallelGroups  how many independent groups (director pairs) of a plan run at the same time
 * @param connectTimeout     TCP connect + SSH handshake + authentication
 * @param commandTimeout     per remote command (validate, reload, verify)
 * @param backupsToKeep      after a successful deploy, older {@code <file>.bak-YYYYMMDD-HHMMSS} files beyond this
 *                           many (newest first, the new backup included) are removed; 0 keeps all
 * @param agentSocket        Unix-domain socket of an ssh-agent whose keys are offered, as OpenSSH does; empty: no
 *                           agent. {@link #DEFAULTS} takes it from the {@code SSH_AUTH_SOCK} environment variable
 */
public record DeployOptions(boolean dryRun, boolean validateInDryRun, boolean acceptNewHostKey, int maxParallelGroups,
        Duration connectTimeout, Duration commandTimeout, int backupsToKeep, Optional<Path> agentSocket) {

    public static final DeployOptions DEFAULTS = new DeployOptions(false, true, false, 1, Duration.ofSeconds(15),
            Duration.ofSeconds(60), 10, agentSocketFromEnvironment());

    public DeployOptions {
        if (maxParallelGroups < 1) {
            throw new IllegalArgumentException("maxParallelGroups must be at least 1, got " + maxParallelGroups);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (backupsToKeep < 0) {
            throw new IllegalArgumentException("backupsToKeep must be 0 (keep all) or more, got " + backupsToKeep);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        Objects.requireNonNull(agentSocket, "agentSocket (Optional.empty() for no agent)");
    }

    /** The agent socket named by {@code SSH_AUTH_SOCK}, as ssh uses it; unset or blank means no agent. */
    public static Optional<Path> agentSocketFromEnvironment() {
        String socket = System.getenv("SSH_AUTH_SOCK");
        return socket == null || socket.isBlank() ? Optional.empty() : Optional.of(Path.of(socket));
    }

    public DeployOptions withDryRun(boolean value) {
        return new DeployOptions(value, validateInDryRun, acceptNewHostKey, maxParallelGroups, connectTimeout, commandTimeout, backupsToKeep, agentSocket);
    }

    public DeployOptions withValidateInDryRun(boolean value) {
        return new DeployOptions(dryRun, value, acceptNewHostKey, maxParallelGroups, connectTimeout, commandTimeout, backupsToKeep, agentSocket);
    }

    public DeployOptions withAcceptNewHostKey(boolean value) {
        return new DeployOptions(dryRun, validateInDryRun, value, maxParallelGroups, connectTimeout, commandTimeout, backupsToKeep, agentSocket);
    }

    public DeployOptions withMaxParallelGroups(int value) {
        return new DeployOptions(dryRun, validateInDryRun, acceptNewHostKey, value, connectTimeout, commandTimeout, backupsToKeep, agentSocket);
    }

    public DeployOptions withBackupsToKeep(int value) {
        return new DeployOptions(dryRun, validateInDryRun, acceptNewHostKey, maxParallelGroups, connectTimeout, commandTimeout, value, agentSocket);
    }

    public DeployOptions withTimeouts(Duration connect, Duration command) {
        return new DeployOptions(dryRun, validateInDryRun, acceptNewHostKey, maxParallelGroups, connect, command, backupsToKeep, agentSocket);
    }

    public DeployOptions withAgentSocket(Optional<Path> socket) {
        return new DeployOptions(dryRun, validateInDryRun, acceptNewHostKey, maxParallelGroups, connectTimeout, commandTimeout, backupsToKeep, socket);
    }
}

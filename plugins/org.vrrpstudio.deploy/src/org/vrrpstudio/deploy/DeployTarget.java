package org.vrrpstudio.deploy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how one director's config is deployed. Plain data so this bundle does not depend on the
 * cluster model; the integrator maps model directors to targets. In the commands, {@code {file}} becomes the
 * shell-quoted path and {@code {instances}} the shell-quoted names of the VRRP instances the file declares
 * (top-level {@code vrrp_instance} statements; the previous file's during a rollback), one word each.
 *
 * @param director         name shown in progress and results
 * @param identityFile     private key for public-key authentication (its passphrase comes from a
 *                         {@link PassphraseProvider}, never from here), offered besides the keys of the ssh-agent
 *                         ({@link DeployOptions#agentSocket()}). null: none of its own, so the agent's keys are
 *                         offered, or without a usable agent the first of ~/.ssh/id_ed25519, id_ecdsa, id_rsa
 * @param knownHosts       known_hosts file VRRP Studio manages for its directors
 * @param remoteConfigPath absolute path of the live config on the director
 * @param validateCommand  run with {@code {file}} = the uploaded temp file; exit 0 means valid.
 *                         null means the {@link DaemonKind} default
 * @param reloadCommand    makes the daemon load the live file; null means the kind's default
 * @param verifyCommand    exit 0 after reload means the director is healthy; null means the kind's
 *                         default, blank means "no verification"
 * @param statusCommand    prints the instances the daemon runs now and their states (the agent's status JSON or
 *                         {@code NAME STATE} lines), asked before a pair is deployed in live order; null means the
 *                         kind's default, blank means "not asked" (the plan's order is kept)
 * @param sudo             run the daemon-facing commands (validate, reload, verify, status, the live view's reads)
 *                         through {@code sudo -n} as a non-root user, like Ansible's become; a sudo that wants a
 *                         password is said in one line. The config's file operations (stat, read, list,
 *                         install, link, rename, remove) go through sudo too; only the upload itself is the login
 *                         user's, into a private temp folder, from where {@code sudo -n install} puts it in place
 */
public record DeployTarget(String director, String host, int port, String user, Path identityFile, Path knownHosts,
        String remoteConfigPath, DaemonKind kind, String validateCommand, String reloadCommand,
        String verifyCommand, String statusCommand, boolean sudo) {

    public static final int DEFAULT_SSH_PORT = 22;

    /** A target whose user runs the commands itself (no sudo). */
    public DeployTarget(String director, String host, int port, String user, Path identityFile, Path knownHosts,
            String remoteConfigPath, DaemonKind kind, String validateCommand, String reloadCommand, String verifyCommand,
            String statusCommand) {
        this(director, host, port, user, identityFile, knownHosts, remoteConfigPath, kind, validateCommand, reloadCommand,
                verifyCommand, statusCommand, false);
    }

    /** A target with the daemon kind's status command. */
    public DeployTarget(String director, String host, int port, String user, Path identityFile, Path knownHosts,
            String remoteConfigPath, DaemonKind kind, String validateCommand, String reloadCommand, String verifyCommand) {
        this(director, host, port, user, identityFile, knownHosts, remoteConfigPath, kind, validateCommand, reloadCommand,
                verifyCommand, null, false);
    }

    public DeployTarget {
        requireText(director, "director");
        requireText(host, "host of director " + director);
        requireText(user, "user of director " + director);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("director " + director + ": port " + port + " is not in 1..65535");
        }
        Objects.requireNonNull(knownHosts, () -> "director " + director + ": known_hosts file is missing");
        requireText(remoteConfigPath, "remote config path of director " + director);
        if (!remoteConfigPath.startsWith("/") || remoteConfigPath.endsWith("/")) {
            throw new IllegalArgumentException("director " + director + ": remote config path '" + remoteConfigPath
                    + "' must be an absolute file path");
        }
        if (remoteConfigPath.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("director " + director + ": remote config path contains a control character");
        }
        kind = kind == null ? DaemonKind.KEEPALIVED : kind;
        validateCommand = validateCommand == null ? kind.defaultValidateCommand() : validateCommand;
        reloadCommand = reloadCommand == null ? kind.defaultReloadCommand() : reloadCommand;
        verifyCommand = verifyCommand == null ? kind.defaultVerifyCommand() : verifyCommand;
        statusCommand = statusCommand == null ? kind.defaultStatusCommand() : statusCommand;
        requireText(validateCommand, "validate command of director " + director);
        requireText(reloadCommand, "reload command of director " + director);
    }

    /** A keepalived target on port 22 with the default commands. */
    public static DeployTarget keepalived(String director, String host, String user, Path identityFile,
            Path knownHosts, String remoteConfigPath) {
        return new DeployTarget(director, host, DEFAULT_SSH_PORT, user, identityFile, knownHosts, remoteConfigPath,
                DaemonKind.KEEPALIVED, null, null, null);
    }

    /** The same target with these commands (null: the kind's default); the status command is kept. */
    public DeployTarget withCommands(String validate, String reload, String verify) {
        return new DeployTarget(director, host, port, user, identityFile, knownHosts, remoteConfigPath, kind,
                validate, reload, verify, statusCommand, sudo);
    }

    public DeployTarget withStatusCommand(String status) {
        return new DeployTarget(director, host, port, user, identityFile, knownHosts, remoteConfigPath, kind,
                validateCommand, reloadCommand, verifyCommand, status, sudo);
    }

    /** The same target with the daemon-facing commands run through {@code sudo -n} (or not). */
    public DeployTarget withSudo(boolean useSudo) {
        return new DeployTarget(director, host, port, user, identityFile, knownHosts, remoteConfigPath, kind,
                validateCommand, reloadCommand, verifyCommand, statusCommand, useSudo);
    }

    /**
     * The command as it runs on the director: through {@code sudo -n sh -c '...'} when {@link #sudo()} (so pipes and
     * redirections run privileged too), else as it is.
     */
    public String privileged(String command) {
        return sudo ? "sudo -n sh -c " + org.vrrpstudio.deploy.internal.RemoteNames.shellQuote(command) : command;
    }

    public boolean verifies() {
        return !verifyCommand.isBlank();
    }

    public boolean reportsLiveState() {
        return !statusCommand.isBlank();
    }

    /** "user@host:port" for messages. */
    public String address() {
        return user + "@" + host + ":" + port;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
    }
}

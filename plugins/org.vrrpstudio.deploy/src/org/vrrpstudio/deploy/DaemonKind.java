package org.vrrpstudio.deploy;

/**
 * Which daemon reads the deployed file on a director; gives the default remote commands. In a command,
 * {@code {file}} is replaced by the shell-quoted path the command is about and {@code {instances}} by the
 * shell-quoted names of the VRRP instances that file declares (see {@link DeployTarget}).
 */
public enum DaemonKind {
    // verify: keepalived runs and every instance of the new file reports a state in keepalived's data dump
    KEEPALIVED("keepalived -t -f {file}", "systemctl reload keepalived",
            KeepalivedDataDump.DEFAULT.verifyCommand(KeepalivedDataDump.DEFAULT_VERIFY_WAIT),
            KeepalivedDataDump.DEFAULT.statusCommand()),
    // vrrpstudio-agent: the agent product's launcher, linked onto the director's PATH at install (see its systemd
    // unit); the agent is healthy when it answers on its status socket (it answers only with its instances running)
    AGENT("vrrpstudio-agent check {file}", "systemctl reload vrrpstudio-agent",
            "systemctl is-active --quiet vrrpstudio-agent && vrrpstudio-agent status >/dev/null",
            "vrrpstudio-agent status --json");

    private final String validateCommand;
    private final String reloadCommand;
    private final String verifyCommand;
    private final String statusCommand;

    DaemonKind(String validateCommand, String reloadCommand, String verifyCommand, String statusCommand) {
        this.validateCommand = validateCommand;
        this.reloadCommand = reloadCommand;
        this.verifyCommand = verifyCommand;
        this.statusCommand = statusCommand;
    }

    /** The systemd unit that runs this daemon on a director. */
    public String unit() {
        return this == AGENT ? "vrrpstudio-agent.service" : "keepalived.service";
    }

    /** "keepalived" or "agent", as the command line says it. */
    public String word() {
        return this == AGENT ? "agent" : "keepalived";
    }

    public String defaultValidateCommand() {
        return validateCommand;
    }

    public String defaultReloadCommand() {
        return reloadCommand;
    }

    public String defaultVerifyCommand() {
        return verifyCommand;
    }

    /**
     * Prints the instances the daemon runs right now with their states, read before a pair is deployed to put the
     * director that is live MASTER of fewer instances first: the agent's status JSON, or {@code NAME STATE} lines.
     */
    public String defaultStatusCommand() {
        return statusCommand;
    }
}

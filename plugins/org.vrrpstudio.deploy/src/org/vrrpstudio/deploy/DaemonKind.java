package org.vrrpstudio.deploy;

/**
 * Which daemon reads the deployed file on a director; gives the default remote commands.
 * {@code {file}} in a command is replaced by the shell-quoted path the command is about.
 */
public enum DaemonKind {
    KEEPALIVED("keepalived -t -f {file}", "systemctl reload keepalived", "systemctl is-active --quiet keepalived"),
    // vrrpstudio-agent: the agent product's launcher, linked onto the director's PATH at install (see its systemd
    // unit); the agent is healthy when it answers on its status socket (it answers only with its instances running)
    AGENT("vrrpstudio-agent check {file}", "systemctl reload vrrpstudio-agent",
            "systemctl is-active --quiet vrrpstudio-agent && vrrpstudio-agent status >/dev/null");

    private final String validateCommand;
    private final String reloadCommand;
    private final String verifyCommand;

    DaemonKind(String validateCommand, String reloadCommand, String verifyCommand) {
        this.validateCommand = validateCommand;
        this.reloadCommand = reloadCommand;
        this.verifyCommand = verifyCommand;
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
}

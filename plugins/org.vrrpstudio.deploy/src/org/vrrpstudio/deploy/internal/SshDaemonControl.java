package org.vrrpstudio.deploy.internal;

import java.util.Map;

import org.vrrpstudio.deploy.DaemonControl;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DaemonSwitch;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.PassphraseProvider;

/**
 * A director's daemons over one SSH connection kept for the whole switch (the deploy's host-key, key and sudo rules):
 * the status commands the deploy reads the live state with, the installed daemon's version, its check of the live
 * file, and the member's start and stop commands.
 */
public final class SshDaemonControl implements DaemonControl {

    private final DaemonSwitch.Member member;
    private final DeployTarget target;
    private final SshConnection connection;

    private SshDaemonControl(DaemonSwitch.Member member, SshConnection connection) {
        this.member = member;
        this.target = member.target();
        this.connection = connection;
    }

    public static SshDaemonControl open(DaemonSwitch.Member member, DeployOptions options, PassphraseProvider passphrases)
            throws Failure {
        try {
            return new SshDaemonControl(member, new SshConnector(options, passphrases).open(member.target(), warning -> { }));
        } catch (HostKeyNotTrusted e) {
            var key = e.result();
            throw new Failure("host key of " + member.target().host() + " not trusted yet (" + key.keyType() + " "
                    + key.fingerprint() + "): check it, then run again with --accept-new-host-key");
        } catch (RemoteFailure e) {
            throw new Failure(e.getMessage());
        }
    }

    @Override
    public Map<String, String> states(DaemonKind kind) throws Failure {
        String command = kind == target.kind() && target.reportsLiveState() ? target.statusCommand() : kind.defaultStatusCommand();
        ExecResult status = exec(command);
        if (!status.succeeded()) {
            throw new Failure(kind.word() + " status failed (exit " + status.exitCode() + "): " + status.outputSummary());
        }
        try {
            return LiveStates.parse(status.stdout()).stateByInstance();
        } catch (IllegalArgumentException e) {
            throw new Failure(kind.word() + " status unreadable: " + e.getMessage());
        }
    }

    @Override
    public void requireInstalled(DaemonKind kind) throws Failure {
        String command = kind == DaemonKind.AGENT ? "vrrpstudio-agent --version" : "keepalived --version";
        ExecResult result = exec(command);
        if (!result.succeeded()) {
            throw new Failure(kind == DaemonKind.AGENT
                    ? "the agent is not installed (" + command + ": " + result.outputSummary() + "); run install-agent first"
                    : "keepalived is not installed (" + command + ": " + result.outputSummary() + ")");
        }
    }

    @Override
    public void requireAccepts(DaemonKind kind) throws Failure {
        ExecResult result = exec(RemoteNames.command(kind.defaultValidateCommand(), target.remoteConfigPath()));
        if (!ValidationVerdict.of(kind, result).runnable()) {
            throw new Failure(kind.word() + " refuses " + target.remoteConfigPath() + " (exit " + result.exitCode() + "): "
                    + result.outputSummary());
        }
    }

    @Override
    public void start(DaemonKind kind) throws Failure {
        run(member.command(member.startCommand(), kind), "start of " + kind.word());
    }

    @Override
    public void stop(DaemonKind kind) throws Failure {
        run(member.command(member.stopCommand(), kind), "stop of " + kind.word());
    }

    @Override
    public long readNumber(String path) throws Failure {
        ExecResult result = exec(NumberFiles.readCommand(path));
        if (!result.succeeded()) {
            throw new Failure("cannot read " + path + ": " + result.outputSummary());
        }
        return NumberFiles.valueOfRead(result.stdout());
    }

    @Override
    public void writeNumber(String path, long value) throws Failure {
        run(NumberFiles.writeCommand(path, value), "writing " + path);
    }

    private void run(String command, String what) throws Failure {
        ExecResult result = exec(command);
        if (!result.succeeded()) {
            throw new Failure(what + " failed (" + ConnectionMessages.quoted(command) + ", exit " + result.exitCode() + "): "
                    + result.outputSummary());
        }
    }

    private ExecResult exec(String command) throws Failure {
        try {
            return connection.exec(command);
        } catch (RemoteFailure e) {
            throw new Failure(e.getMessage());
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}

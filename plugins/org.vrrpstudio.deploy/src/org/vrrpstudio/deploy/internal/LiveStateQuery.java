package org.vrrpstudio.deploy.internal;

import org.vrrpstudio.deploy.DeployTarget;

/** Asks a director's daemon for its live states over its own short SSH connection: the target's status command. */
public final class LiveStateQuery implements LiveMasterOrder.LiveStateSource {

    private final SshConnector connector;

    public LiveStateQuery(SshConnector connector) {
        this.connector = connector;
    }

    @Override
    public LiveStates read(DeployTarget target) throws RemoteFailure {
        try {
            return ask(target);
        } catch (RuntimeException unexpected) {
            // a JSch surprise must cost only the live order (the plan's order is kept), not the deploy
            throw new RemoteFailure("internal error: " + unexpected.getClass().getSimpleName() + ": "
                    + ConnectionMessages.oneLine(unexpected.getMessage()));
        }
    }

    private LiveStates ask(DeployTarget target) throws RemoteFailure {
        SshConnection connection;
        try {
            connection = connector.open(target, sayOnceByTheDeploy -> { }); // key-source warnings: the deploy says them
        } catch (HostKeyNotTrusted e) {
            throw new RemoteFailure("host key of " + target.host() + " not trusted yet");
        }
        try (connection) {
            ExecResult status = connection.exec(target.statusCommand());
            if (!status.succeeded()) {
                throw new RemoteFailure("status failed (exit " + status.exitCode() + "): " + status.outputSummary());
            }
            return LiveStates.parse(status.stdout());
        } catch (IllegalArgumentException unreadable) {
            throw new RemoteFailure("unreadable status: " + unreadable.getMessage());
        }
    }
}

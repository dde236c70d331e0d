package org.vrrpstudio.deploy.internal;

/** A remote operation failed; the message is one line meant for the user. */
public final class RemoteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public RemoteFailure(String message) {
        super(message, null, false, false);
    }
}

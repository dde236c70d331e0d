package org.vrrpstudio.deploy.internal;

import org.vrrpstudio.deploy.DeployResult;

/** First contact with a director whose host key is not in known_hosts and may not be accepted silently. */
public final class HostKeyNotTrusted extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DeployResult.UnknownHostKey result;

    public HostKeyNotTrusted(DeployResult.UnknownHostKey result) {
        super(result.summaryLine(), null, false, false);
        this.result = result;
    }

    public DeployResult.UnknownHostKey result() {
        return result;
    }
}

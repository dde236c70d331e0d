package org.vrrpstudio.deploy.tests;

import java.util.concurrent.atomic.AtomicInteger;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.testing.TestSshd;

/** Kills the sshd processes serving our connection once the upload has passed a byte count. */
final class DropConnectionMidUpload implements DeployProgress {

    private final TestSshd sshd;
    private final long afterBytes;
    private final AtomicInteger killed = new AtomicInteger();
    private volatile boolean done;

    DropConnectionMidUpload(TestSshd sshd, long afterBytes) {
        this.sshd = sshd;
        this.afterBytes = afterBytes;
    }

    @Override
    public void uploaded(String director, long bytesDone, long bytesTotal) {
        if (!done && bytesDone >= afterBytes && bytesDone < bytesTotal) {
            done = true;
            // the listener's children are the per-connection processes; only ours is open right now
            for (ProcessHandle connection : sshd.connectionProcesses()) {
                connection.descendants().forEach(ProcessHandle::destroyForcibly);
                if (connection.destroyForcibly()) {
                    killed.incrementAndGet();
                }
            }
        }
    }

    int killed() {
        return killed.get();
    }
}

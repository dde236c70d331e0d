package org.vrrpstudio.agent.linux;

import java.io.IOException;

/**
 * A failed system call: the operation we attempted (e.g. "join 224.0.0.18 on ifindex 3"), the errno the
 * kernel gave, and the C library's text for it. Permission errors carry the capability hint, since that is
 * by far their most common cause for this bundle.
 */
public final class NativeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;

    public NativeException(String operation, int errno) {
        super(describe(operation, errno));
        this.operation = operation;
        this.errno = errno;
    }

    private static String describe(String operation, int errno) {
        String text = operation + ": " + LibC.strerror(errno) + " (errno " + errno + ")";
        if (errno == LibC.EPERM || errno == LibC.EACCES) {
            text += " - " + Capabilities.REQUIREMENT;
        }
        return text;
    }

    /** What we were doing, in words. */
    public String operation() {
        return operation;
    }

    /** The errno value (positive). */
    public int errno() {
        return errno;
    }

    /** True for EPERM and EACCES, i.e. when the process lacks root or the network capabilities. */
    public boolean isPermissionDenied() {
        return errno == LibC.EPERM || errno == LibC.EACCES;
    }
}

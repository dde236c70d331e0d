package org.vrrpstudio.cluster;

import org.vrrpstudio.config.Diagnostic;

/** A cluster file could not be read or written; {@link #diagnostic()} says where and why, for the user. */
public final class ClusterFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    public ClusterFileException(Diagnostic diagnostic, Throwable cause) {
        super(diagnostic.format(), cause);
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}

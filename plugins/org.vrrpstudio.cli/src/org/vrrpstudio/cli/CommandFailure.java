package org.vrrpstudio.cli;

/**
 * A failure the user can act on: printed as one line {@code vrrpstudio: message}, never with a stack trace,
 * and turned into the given exit code.
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Wrong usage, a missing or unreadable file. */
    public static final int USAGE_OR_IO = 2;

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CommandFailure usage(String message) {
        return new CommandFailure(USAGE_OR_IO, message);
    }

    public int exitCode() {
        return exitCode;
    }
}

package org.vrrpstudio.deploy;

import java.util.Map;

/**
 * What {@link DaemonSwitch} asks of one director: read the live states through a daemon's status, whether a daemon is
 * installed and accepts the live file, start or stop a daemon, and read or write its maintenance files. Over SSH in the product
 * ({@link DaemonSwitch#overSsh}); simulated in tests. Every method answers in one line when it cannot.
 */
public interface DaemonControl extends AutoCloseable {

    /** Thrown with a one-line reason. */
    final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }
    }

    /** Instance name → state (MASTER, BACKUP, FAULT, ...) as {@code kind}'s status reports them now. */
    Map<String, String> states(DaemonKind kind) throws Failure;

    /** Fails saying why when {@code kind} is not installed on the director. */
    void requireInstalled(DaemonKind kind) throws Failure;

    /** Fails saying why when {@code kind} would not run the director's live config file. */
    void requireAccepts(DaemonKind kind) throws Failure;

    /** Starts {@code kind} (the director's start command); fails when the command does. */
    void start(DaemonKind kind) throws Failure;

    /** Stops {@code kind} with SIGTERM, so it sends priority 0 and the peer takes over at once. */
    void stop(DaemonKind kind) throws Failure;

    /** The number at the start of a file on the director (keepalived's track_file reading; 0 when it is missing). */
    long readNumber(String path) throws Failure;

    /** Writes {@code value} into a file on the director in place (both daemons watch their track files). */
    void writeNumber(String path, long value) throws Failure;

    @Override
    void close();
}

package org.vrrpstudio.deploy;

import org.vrrpstudio.cluster.ScriptHost;

/**
 * Progress of a deploy, e.g. for an Eclipse Job's monitor. In a parallel plan the methods are called from
 * several worker threads at once, so implementations must be thread-safe. Messages never hold secrets.
 */
public interface DeployProgress {

    DeployProgress NONE = new DeployProgress() {
    };

    default void stepStarted(String director, DeployStep step) {
    }

    default void uploaded(String director, long bytesDone, long bytesTotal) {
    }

    default void finished(DeployResult result) {
    }

    /** A group of a live-ordered plan is about to run in this order (before its first director's CONNECT). */
    default void orderChosen(GroupOrder order) {
    }

    /**
     * Something the user should know that did not stop the deploy, e.g. an ssh-agent that could not be used
     * while the director's key file still got in. One line naming what and why; never key material.
     */
    default void warning(String director, String message) {
    }

    /**
     * What the director answered about its scripts' paths and users while the deploy judged the new file's scripts
     * (e.g. for the console's Problems view to judge later edits the same way); questions not asked are unknown.
     */
    default void scriptHostAnswered(String director, ScriptHost answers) {
    }

    /**
     * Polled between steps. Honoured up to the swap; once the new file is live the deploy finishes (or rolls
     * back), because stopping there would leave the file on disk and the running daemon disagreeing.
     */
    default boolean isCancelled() {
        return false;
    }
}

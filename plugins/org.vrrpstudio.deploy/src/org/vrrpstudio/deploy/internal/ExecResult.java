package org.vrrpstudio.deploy.internal;

import org.vrrpstudio.deploy.diff.SecretRedaction;

/** Exit code and (bounded) output of one remote command. */
public record ExecResult(int exitCode, String stdout, String stderr) {

    private static final int SUMMARY_LIMIT = 400;

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The command's own words on one line (stderr preferred), secrets masked, shortened. */
    public String outputSummary() {
        String text = stderr.isBlank() ? stdout : stderr;
        String joined = String.join(" | ", text.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(SecretRedaction::redact).toList());
        if (joined.length() > SUMMARY_LIMIT) {
            joined = joined.substring(0, SUMMARY_LIMIT) + "...";
        }
        return joined.isEmpty() ? "no output" : joined;
    }
}

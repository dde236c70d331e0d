package org.vrrpstudio.deploy;

/** Outcome class of one director's deploy, as printed by the CLI. */
public enum DeployStatus {
    OK, NO_CHANGE, WOULD_CHANGE, UNKNOWN_HOST_KEY, FAILED, ROLLED_BACK, ROLLBACK_FAILED, CANCELLED, SKIPPED;

    /** True when nothing went wrong (a dry run that found changes is a success). */
    public boolean isSuccess() {
        return this == OK || this == NO_CHANGE || this == WOULD_CHANGE;
    }
}

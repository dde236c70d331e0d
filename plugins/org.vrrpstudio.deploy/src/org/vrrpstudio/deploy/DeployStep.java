package org.vrrpstudio.deploy;

/** The steps of deploying one director, in order. Steps up to {@link #SWAP} change nothing live. */
public enum DeployStep {
    CONNECT("connect"),
    FETCH("fetch current config"),
    DIFF("compare"),
    UPLOAD("upload to temp file"),
    VALIDATE("validate on director"),
    BACKUP("back up current config"),
    SWAP("move new config into place"),
    RELOAD("reload daemon"),
    VERIFY("verify daemon"),
    ROLLBACK("restore previous config"),
    CLEANUP("remove temp file");

    private final String description;

    DeployStep(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** True for steps after which the live config may differ from before the deploy. */
    public boolean isAfterSwap() {
        return this == RELOAD || this == VERIFY || this == ROLLBACK;
    }
}

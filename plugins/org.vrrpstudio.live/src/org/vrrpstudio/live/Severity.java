package org.vrrpstudio.live;

/** How bad a finding is; {@link #INFO} findings do not make a cluster unhealthy. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** The name in the JSON document and the table: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.vrrpstudio.config;

import java.util.Locale;

/** How bad a {@link Diagnostic} is. Ordered from worst to mildest. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** The lower-case word used in {@link Diagnostic#format()}: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

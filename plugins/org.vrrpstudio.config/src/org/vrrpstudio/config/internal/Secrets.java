package org.vrrpstudio.config.internal;

import java.util.Set;

/** Keywords whose arguments are secrets: never printed in toString() or messages. */
public final class Secrets {

    private static final Set<String> SECRET_KEYWORDS = Set.of("auth_pass");

    private Secrets() {
    }

    public static boolean isSecretKeyword(String keyword) {
        return SECRET_KEYWORDS.contains(keyword);
    }
}

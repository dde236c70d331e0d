package org.vrrpstudio.deploy.diff;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secret values (VRRP {@code auth_pass}) in text meant for screens and logs. A changed password
 * still shows as a changed line, but neither value is visible.
 */
public final class SecretRedaction {

    public static final String MASK = "********";

    private static final Pattern SECRET_VALUE = Pattern.compile("(?i)(\\bauth_pass\\s+)(\"[^\"]*\"|\\S+)");

    private SecretRedaction() {
    }

    public static String redact(String line) {
        Matcher m = SECRET_VALUE.matcher(line);
        return m.find() ? m.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + MASK)) : line;
    }
}

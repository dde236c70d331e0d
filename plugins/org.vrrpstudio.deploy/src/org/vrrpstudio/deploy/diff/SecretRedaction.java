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
    private static final Pattern SECRET_LINE = Pattern.compile("(?i)(\\s*auth_pass\\s+)\\S.*");

    private SecretRedaction() {
    }

    /** Masks the value of each auth_pass in free text such as a command's error output; the rest stays readable. */
    public static String redact(String line) {
        Matcher m = SECRET_VALUE.matcher(line);
        return m.find() ? m.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + MASK)) : line;
    }

    /**
     * Masks a config line's auth_pass to the end of the line: what follows the value there is a keepalived comment
     * that can hold the rest of the password. The case study's {@code auth_pass k@l!ve1} is the password
     * {@code k@l} and the comment {@code !ve1}, which the export writes as {@code auth_pass k@l !ve1}.
     */
    public static String redactConfigLine(String line) {
        Matcher m = SECRET_LINE.matcher(line);
        return m.matches() ? m.group(1) + MASK : redact(line);
    }
}

package org.vrrpstudio.deploy.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ResolvedStatement;

/**
 * Which VRRP instances a new file authenticates differently from the running one ({@code auth_type} or
 * {@code auth_pass}, as keepalived reads them). With PASS or AH, two directors whose instances disagree do not hear
 * each other, so both become MASTER until both run the new file: the deploy warns and keeps that window short.
 * Never says what the passwords are.
 */
public final class AuthChange {

    private static final Path NOMINAL = Path.of("keepalived.conf");

    private AuthChange() {
    }

    /** Names of the instances present in both files whose authentication differs, in the new file's order. */
    public static List<String> between(String current, String next) {
        Map<String, List<String>> before = authentication(current);
        Map<String, List<String>> after = authentication(next);
        List<String> changed = new ArrayList<>();
        after.forEach((instance, auth) -> {
            if (before.containsKey(instance) && !Objects.equals(before.get(instance), auth)) {
                changed.add(instance);
            }
        });
        return changed;
    }

    /** The one-line warning for a deploy that changes {@code instances}' authentication. */
    public static String warning(List<String> instances) {
        return "authentication changes for " + String.join(", ", instances) + ": until both directors run the new file they"
                + " do not hear each other and both become MASTER (split brain); the pair's files are validated and uploaded"
                + " before either is reloaded, then both are reloaded back to back";
    }

    private static Map<String, List<String>> authentication(String text) {
        Map<String, List<String>> byInstance = new LinkedHashMap<>();
        for (ResolvedStatement statement : new ConfigParser().parseWithoutIncludes(NOMINAL, text).resolutionForDirector(null)
                .statements()) {
            if (statement.keyword().equals("vrrp_instance") && statement.args().size() == 1) {
                List<String> auth = new ArrayList<>();
                statement.child("authentication").ifPresent(block -> {
                    block.child("auth_type").ifPresent(t -> auth.add(String.join(" ", t.args())));
                    block.child("auth_pass").ifPresent(p -> auth.add(String.join(" ", p.args())));
                });
                byInstance.put(statement.args().getFirst(), auth);
            }
        }
        return byInstance;
    }
}

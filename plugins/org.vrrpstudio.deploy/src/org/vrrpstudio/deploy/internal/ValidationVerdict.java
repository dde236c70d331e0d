package org.vrrpstudio.deploy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.diff.SecretRedaction;

/**
 * What a director's validate command said about a new file: runnable (possibly with warnings to show) or refused.
 * <p>
 * {@code keepalived -t} exits 5 whenever its test printed anything, warnings included; keepalived itself runs such
 * a file. So for keepalived directors a non-zero exit is read line by line: when it is 5 and every line is one of
 * the warnings below (keepalived states what it changes and then runs the file), the file is accepted and the
 * lines are shown as warnings. Any other line or exit code (a bad value, an unknown keyword, a missing interface,
 * a config keepalived drops an instance from) still refuses the file. The agent's check exits 0 on warnings, so
 * for agent directors only exit 0 passes.
 */
public record ValidationVerdict(boolean runnable, List<String> warnings) {

    /** The exit code of keepalived 2.2.7's {@code -t} when the test printed warnings or errors. */
    static final int KEEPALIVED_TEST_FOUND_SOMETHING = 5;

    /**
     * Lines keepalived 2.2.7 prints for settings it adjusts and then runs (see keepalived.conf(5) on AH and the
     * initial state): "(VI_1) Initial state master is incompatible with AH authentication - clearing".
     */
    private static final List<Pattern> KEEPALIVED_WARNINGS_IT_RUNS = List.of(
            Pattern.compile("\\(([^)]+)\\) Initial state master is incompatible with AH authentication - clearing"));

    public static ValidationVerdict of(DaemonKind kind, ExecResult result) {
        if (result.succeeded()) {
            return new ValidationVerdict(true, List.of());
        }
        if (kind != DaemonKind.KEEPALIVED || result.exitCode() != KEEPALIVED_TEST_FOUND_SOMETHING) {
            return new ValidationVerdict(false, List.of());
        }
        List<String> warnings = new ArrayList<>();
        for (String line : (result.stdout() + "\n" + result.stderr()).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            if (KEEPALIVED_WARNINGS_IT_RUNS.stream().noneMatch(p -> p.matcher(line).matches())) {
                return new ValidationVerdict(false, List.of());
            }
            String redacted = SecretRedaction.redact(line);
            if (!warnings.contains(redacted)) {
                warnings.add(redacted);
            }
        }
        // exit 5 with no output at all is not a warning we know: refuse
        return new ValidationVerdict(!warnings.isEmpty(), List.copyOf(warnings));
    }
}

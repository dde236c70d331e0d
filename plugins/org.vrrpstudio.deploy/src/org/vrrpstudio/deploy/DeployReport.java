package org.vrrpstudio.deploy;

import java.util.Optional;

import org.vrrpstudio.deploy.diff.UnifiedDiff;

/**
 * What a deploy prints on stdout: per director (in plan order) optionally its diff, then its one summary line.
 * <p>
 * The diff is the {@code diff -u} of the director's current file against the new one with auth_pass values
 * masked; only results that carry one have it (a dry run's WOULD_CHANGE, a deploy's OK). A director with nothing
 * to change shows just its NO_CHANGE line. Summary lines stay single lines beginning {@code director: STATUS},
 * and every diff line begins with a diff marker ({@code ---}, {@code +++}, {@code @@}, space, {@code +},
 * {@code -}, {@code \}), so {@code grep '^lvs1: '} still finds exactly the summary.
 */
public final class DeployReport {

    private DeployReport() {
    }

    /** Every director's block; in diff mode a block with a diff is set off from its neighbours by a blank line. */
    public static String of(PlanResult result, boolean withDiffs) {
        StringBuilder out = new StringBuilder();
        boolean previousHadDiff = false;
        for (DeployResult one : result.results()) {
            boolean hasDiff = withDiffs && maskedDiff(one).isPresent();
            if (!out.isEmpty() && (hasDiff || previousHadDiff)) {
                out.append('\n');
            }
            out.append(director(one, withDiffs));
            previousHadDiff = hasDiff;
        }
        return out.toString();
    }

    /** One director's block: its masked diff when asked for and there is one, then its summary line. */
    public static String director(DeployResult result, boolean withDiff) {
        String summary = result.summaryLine() + "\n";
        return withDiff ? maskedDiff(result).map(diff -> diff + summary).orElse(summary) : summary;
    }

    /** The change a result carries, rendered with secrets masked; empty for results that changed nothing. */
    public static Optional<String> maskedDiff(DeployResult result) {
        UnifiedDiff diff = switch (result) {
            case DeployResult.WouldChange change -> change.diff();
            case DeployResult.Ok ok -> ok.diff();
            default -> null;
        };
        return diff == null || diff.isEmpty() ? Optional.empty() : Optional.of(diff.render(true));
    }
}

package org.vrrpstudio.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the live state of a cluster's directors with each other and with the model: pure, no I/O. A director
 * that cannot be read gives one {@code unreachable} finding and is left out of the others (its state is unknown,
 * so nothing is concluded from it); an instance the daemons do not report at all is not judged either.
 */
public final class Findings {

    private Findings() {
    }

    /**
     * @param now      this refresh, one snapshot per director (any order)
     * @param previous the refresh before (for counters that rise), possibly empty
     */
    public static List<Finding> evaluate(Intended intended, Map<String, DirectorSnapshot> now,
            Map<String, DirectorSnapshot> previous) {
        List<Finding> findings = new ArrayList<>();
        List<DirectorSnapshot> reachable = new ArrayList<>();
        for (String director : intended.directors()) {
            DirectorSnapshot snapshot = now.get(director);
            if (snapshot == null) {
                continue;
            }
            if (!snapshot.reachable()) {
                findings.add(new Finding(Severity.ERROR, FindingKind.UNREACHABLE, null, director,
                        director + " is unreachable: " + snapshot.error() + "; its state is unknown"));
                continue;
            }
            reachable.add(snapshot);
            if (snapshot.drift() != null) {
                findings.add(new Finding(Severity.WARNING, FindingKind.DRIFT, null, director,
                        "the file on " + director + " differs from the model's export: " + snapshot.drift()));
            }
            DirectorSnapshot before = previous.get(director);
            if (before != null && before.reachable() && before.authErrors() >= 0 && snapshot.authErrors() > before.authErrors()) {
                long more = snapshot.authErrors() - before.authErrors();
                findings.add(new Finding(Severity.WARNING, FindingKind.AUTH_ERRORS, null, director, director + " counted "
                        + more + " more authentication error" + (more == 1 ? "" : "s")
                        + " since the last refresh: the directors may disagree on auth_pass or auth_type"));
            }
        }
        for (Intended.Instance instance : intended.instances()) {
            instanceFindings(instance, reachable, intended.directors().size(), findings);
        }
        return List.copyOf(findings);
    }

    /** Healthy: no finding of severity warning or error. */
    public static boolean healthy(List<Finding> findings) {
        return findings.stream().noneMatch(f -> f.severity() != Severity.INFO);
    }

    private static void instanceFindings(Intended.Instance instance, List<DirectorSnapshot> reachable, int directorCount,
            List<Finding> findings) {
        String name = instance.name();
        List<String> masters = new ArrayList<>();
        boolean reported = false;
        for (DirectorSnapshot snapshot : reachable) {
            InstanceLive live = snapshot.instances().get(name);
            if (live == null) {
                continue;
            }
            reported = true;
            if (live.isMaster()) {
                masters.add(snapshot.director());
            }
            int configured = instance.priorities().getOrDefault(snapshot.director(), live.configuredPriority());
            if (configured > 0 && configured < 255 && live.priority() < configured && !live.state().equals("FAULT")) {
                findings.add(new Finding(Severity.WARNING, FindingKind.PRIORITY_LOWERED, name, snapshot.director(),
                        name + " on " + snapshot.director() + " runs at priority " + live.priority() + ", configured "
                                + configured + (live.priorityNote().isEmpty() ? " (lowered by a track)"
                                        : " (lowered by " + live.priorityNote() + ")")));
            }
        }
        if (!reported) {
            return;
        }
        if (masters.size() > 1) {
            findings.add(new Finding(Severity.ERROR, FindingKind.SPLIT_BRAIN, name, null,
                    "split brain: " + name + " is MASTER on " + String.join(" and ", masters)
                            + " (adverts not getting through, or the directors disagree on vrid or authentication)"));
        } else if (masters.isEmpty()) {
            boolean allKnown = reachable.size() == directorCount;
            findings.add(new Finding(allKnown ? Severity.ERROR : Severity.WARNING, FindingKind.NO_MASTER, name, null,
                    allKnown ? "no director is MASTER of " + name + ": its virtual addresses are not served"
                            : "no reachable director is MASTER of " + name + " (the others are unknown)"));
        } else if (instance.intendedMaster() != null && !masters.get(0).equals(instance.intendedMaster())) {
            findings.add(new Finding(Severity.WARNING, FindingKind.NOT_INTENDED, name, masters.get(0),
                    name + " is MASTER on " + masters.get(0) + ": failover, intended " + instance.intendedMaster()));
        }
        for (DirectorSnapshot snapshot : reachable) {
            InstanceLive live = snapshot.instances().get(name);
            if (live == null) {
                continue;
            }
            Set<String> present = new TreeSet<>(live.vips());
            if (live.isMaster()) {
                List<String> missing = instance.vips().stream().filter(v -> !present.contains(v)).toList();
                if (!missing.isEmpty()) {
                    findings.add(new Finding(Severity.ERROR, FindingKind.VIP_MISPLACED, name, snapshot.director(),
                            name + " is MASTER on " + snapshot.director() + " but " + String.join(", ", missing)
                                    + (missing.size() == 1 ? " is" : " are") + " missing there"));
                }
            } else if (!present.isEmpty()) {
                findings.add(new Finding(Severity.ERROR, FindingKind.VIP_MISPLACED, name, snapshot.director(),
                        String.join(", ", present) + " of " + name + (present.size() == 1 ? " is" : " are") + " on "
                                + snapshot.director() + ", which is " + live.state() + ", not MASTER"));
            }
        }
    }
}

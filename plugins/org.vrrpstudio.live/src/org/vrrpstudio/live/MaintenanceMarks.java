package org.vrrpstudio.live;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a director's maintenance files mean, in the words the live view, {@code watch} and {@code drain}/{@code move}
 * all use: "drained since 09:14:02" when it gives away every unit it is meant to hold, else "gives away VG2 since ...";
 * on an instance "given away since ...". One place, so the console and the command line say the same.
 */
public final class MaintenanceMarks {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private MaintenanceMarks() {
    }

    /** "drained since ..." or "gives away VG1, VG2 since ...": the director's state, written as of {@code now}. */
    public static String describe(boolean drained, Collection<String> units, Instant since, Instant now, ZoneId zone) {
        return (drained ? "drained" : "gives away " + String.join(", ", units.stream().sorted().toList()))
                + (since == null ? "" : " since " + when(since, now, zone));
    }

    /** The time alone when it is today, else with its date. */
    public static String when(Instant time, Instant now, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(time, zone);
        return (day.equals(LocalDate.ofInstant(now, zone)) ? TIME : DATE_TIME).format(time.atZone(zone));
    }

    /**
     * The director's mark, if its files give anything away: drained when every unit with an instance the model
     * means it to be MASTER of is given away (a director meant to hold nothing counts as drained once it gives
     * anything away); since = the newest file's time.
     */
    public static Optional<String> director(Intended intended, DirectorSnapshot snapshot, Instant now, ZoneId zone) {
        Map<String, Instant> given = snapshot.maintenance();
        if (given.isEmpty()) {
            return Optional.empty();
        }
        List<String> held = intended.units().entrySet().stream()
                .filter(u -> u.getValue().stream().anyMatch(i -> snapshot.director().equals(masterOf(intended, i))))
                .map(Map.Entry::getKey).toList();
        boolean drained = given.keySet().containsAll(held);
        Instant since = given.values().stream().max(Instant::compareTo).orElse(null);
        return Optional.of(describe(drained, given.keySet(), since, now, zone));
    }

    /** "given away since ..." on an instance whose unit the director's files give away. */
    public static Optional<String> instance(Intended intended, DirectorSnapshot snapshot, String instance, Instant now, ZoneId zone) {
        Instant since = snapshot.maintenance().get(intended.unitOf(instance));
        return since == null ? Optional.empty() : Optional.of("given away since " + when(since, now, zone));
    }

    private static String masterOf(Intended intended, String instance) {
        Intended.Instance i = intended.byName().get(instance);
        return i == null ? null : i.intendedMaster();
    }
}

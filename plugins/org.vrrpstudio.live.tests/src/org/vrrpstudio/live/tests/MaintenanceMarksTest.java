package org.vrrpstudio.live.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.live.MaintenanceMarks;

/** "drained since ..." and "gives away ... since ...": the words the live view, watch and drain/move share. */
class MaintenanceMarksTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant NOW = Instant.parse("2026-12-05T09:30:00Z");

    /** The case study: d1 is meant to hold VG1 (VI_1, VI_2), d2 VG2 (VI_3, VI_4). */
    private static Intended caseStudy() {
        List<Intended.Instance> instances = List.of(
                new Intended.Instance("VI_1", 51, "d1", Map.of("d1", 150, "d2", 100), List.of()),
                new Intended.Instance("VI_2", 52, "d1", Map.of("d1", 150, "d2", 100), List.of()),
                new Intended.Instance("VI_3", 53, "d2", Map.of("d1", 100, "d2", 150), List.of()),
                new Intended.Instance("VI_4", 54, "d2", Map.of("d1", 100, "d2", 150), List.of()));
        return new Intended(List.of("d1", "d2"), instances, Map.of("VG1", List.of("VI_1", "VI_2"), "VG2", List.of("VI_3", "VI_4")));
    }

    private static DirectorSnapshot giving(String director, Map<String, Instant> units) {
        return DirectorSnapshot.reachable(director, NOW, List.of(), 0, null).withMaintenance(units);
    }

    @Test
    void aDirectorGivingAwayEveryUnitItHoldsIsDrainedSinceItsNewestFile() {
        Instant first = Instant.parse("2026-12-05T09:14:02Z");
        DirectorSnapshot d1 = giving("d1", Map.of("VG1", first));
        assertEquals(Optional.of("drained since 09:14:02"), MaintenanceMarks.director(caseStudy(), d1, NOW, UTC));
        DirectorSnapshot both = giving("d1", Map.of("VG1", first, "VG2", first.plusSeconds(60)));
        assertEquals(Optional.of("drained since 09:15:02"), MaintenanceMarks.director(caseStudy(), both, NOW, UTC));
    }

    @Test
    void aDirectorGivingAwayOnlyPartOfWhatItHoldsNamesTheUnits() {
        Intended intended = new Intended(List.of("d1", "d2"), List.of(
                new Intended.Instance("VI_1", 51, "d1", Map.of(), List.of()),
                new Intended.Instance("VI_5", 55, "d1", Map.of(), List.of())), Map.of("VG1", List.of("VI_1"), "VI_5", List.of("VI_5")));
        DirectorSnapshot d1 = giving("d1", Map.of("VI_5", Instant.parse("2026-12-04T22:00:00Z")));
        assertEquals(Optional.of("gives away VI_5 since 2026-12-04 22:00:00"), MaintenanceMarks.director(intended, d1, NOW, UTC),
                "yesterday: with the date");
    }

    @Test
    void instancesOfAGivenAwayUnitAreMarkedAndNothingElse() {
        DirectorSnapshot d1 = giving("d1", Map.of("VG1", Instant.parse("2026-12-05T09:14:02Z")));
        assertEquals(Optional.of("given away since 09:14:02"), MaintenanceMarks.instance(caseStudy(), d1, "VI_2", NOW, UTC));
        assertEquals(Optional.empty(), MaintenanceMarks.instance(caseStudy(), d1, "VI_3", NOW, UTC));
        DirectorSnapshot none = giving("d2", Map.of());
        assertEquals(Optional.empty(), MaintenanceMarks.director(caseStudy(), none, NOW, UTC));
        assertEquals(Optional.empty(), MaintenanceMarks.instance(caseStudy(), none, "VI_3", NOW, UTC));
    }

    @Test
    void withoutSyncGroupsEachInstanceIsItsOwnUnit() {
        Intended plain = new Intended(List.of("d1"), List.of(new Intended.Instance("VI_1", 51, "d1", Map.of(), List.of())));
        assertEquals("VI_1", plain.unitOf("VI_1"));
        assertEquals(Optional.of("drained since 09:00:00"),
                MaintenanceMarks.director(plain, giving("d1", Map.of("VI_1", Instant.parse("2026-12-05T09:00:00Z"))), NOW, UTC));
    }
}

package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.VrrpInstance;

/** Import and export through the cluster bundle, as the console's wizards call them. */
class ImportTest {

    private final ClusterServices services = new ClusterBundleServices();

    @Test
    void pairOfFilesIsMatchedByInstanceName() throws Exception {
        ImportOutcome outcome = services.importPair(TestData.source("lvs1", "director1.conf"),
                TestData.source("lvs2", "director2.conf"));
        ImportOutcome.Imported imported = assertInstanceOf(ImportOutcome.Imported.class, outcome);
        Cluster cluster = imported.cluster();
        assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"), cluster.getInstances().stream().map(VrrpInstance::getName).toList());
        assertEquals(List.of("lvs1", "lvs2"), cluster.getDirectors().stream().map(d -> d.getName()).toList());
        // keepalived reads '!' as a comment: each file warns that auth_pass k@l!ve1 is really k@l
        assertTrue(imported.warnings().stream().allMatch(d -> d.severity() == Severity.WARNING), imported.warnings()::toString);
        List<ClusterProblem> problems = services.check(cluster);
        assertTrue(problems.stream().noneMatch(p -> p.severity() == Severity.ERROR), problems::toString);
        assertEquals(4, problems.stream().filter(p -> p.message().contains("AH is deprecated")).count(), problems::toString);
        assertEquals(4, problems.stream().filter(p -> p.message().contains("ignores state MASTER with auth_type AH")).count(),
                problems::toString);
    }

    @Test
    void pairThatDisagreesOnSharedSettingsImportsNothingAndPointsAtBothFiles() throws Exception {
        ImportOutcome outcome = services.importPair(TestData.source("lvs1", "director1.conf"),
                TestData.source("lvs2", "director2-advert-int-2.conf"));
        ImportOutcome.Failed failed = assertInstanceOf(ImportOutcome.Failed.class, outcome);
        Diagnostic error = failed.errors().getFirst();
        assertTrue(error.location().file().toString().endsWith("director2-advert-int-2.conf"), error::format);
        assertEquals(66, error.location().line(), error::format);
        assertTrue(error.message().contains("advert_int") && error.message().contains("director1.conf"), error::format);
    }

    @Test
    void exportOfTheMirrorReimportsAsAPairWithTheHandWrittenFirstDirector() throws Exception {
        Cluster cluster = TestData.seedCluster();
        String exported = services.exportDirector(cluster, cluster.getDirectors().get(1), false);
        ImportOutcome reimported = services.importPair(TestData.source("director1", "director1.conf"),
                new DirectorSource("director2", Path.of("exported.conf"), exported));
        Cluster again = assertInstanceOf(ImportOutcome.Imported.class, reimported).cluster();
        assertEquals(exported, services.exportDirector(again, again.getDirectors().get(1), false));
        assertEquals(services.exportDirector(cluster, cluster.getDirectors().get(0), false),
                services.exportDirector(again, again.getDirectors().get(0), false));
    }

    @Test
    void exportKeepsCommentsAndMasksOnlySecrets() throws Exception {
        Cluster cluster = TestData.seedCluster();
        String plain = services.exportDirector(cluster, cluster.getDirectors().get(0), false);
        String masked = services.exportDirector(cluster, cluster.getDirectors().get(0), true);
        assertTrue(plain.startsWith("# LVS director 1 of the keepalived case study"), plain);
        assertTrue(plain.contains("auth_pass k@l !ve1\n"), plain);
        assertFalse(masked.contains("k@l") || masked.contains("!ve"), "the comment after the secret is masked too: " + masked);
        assertEquals(4, masked.lines().filter(l -> l.strip().equals("auth_pass " + ClusterServices.MASK)).count(), masked);
        assertEquals(plain.lines().count(), masked.lines().count());
    }

    @Test
    void brokenFileImportsNothingAndSaysWhere() throws Exception {
        ImportOutcome outcome = services.importPair(TestData.source("lvs1", "director1.conf"),
                TestData.source("lvs2", "broken.conf"));
        ImportOutcome.Failed failed = assertInstanceOf(ImportOutcome.Failed.class, outcome);
        assertFalse(failed.errors().isEmpty());
        assertTrue(failed.errors().stream().allMatch(d -> d.location().file().toString().endsWith("broken.conf")
                && d.location().line() > 0), failed.errors()::toString);
    }
}

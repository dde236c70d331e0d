package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.ui.logic.interim.InterimClusterServices;

class ImportTest {

    private final ClusterServices services = new InterimClusterServices();

    @Test
    void pairOfFilesIsMatchedAndDifferencesReported() throws Exception {
        ImportOutcome outcome = services.importDirectors(List.of(TestData.source("lvs1", "director1.conf"),
                TestData.source("lvs2", "director2.conf")));
        ImportOutcome.Imported imported = assertInstanceOf(ImportOutcome.Imported.class, outcome);
        Cluster cluster = imported.cluster();
        assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"), cluster.getInstances().stream().map(i -> i.getName()).toList());
        assertEquals(List.of("VI_4: advert_int differs (1 / 2); the first file's is kept"), imported.differences());
        assertEquals(List.of(), services.check(cluster));
    }

    @Test
    void exportOfMirroredSeedMatchesTheHandWrittenSecondDirectorUpToAdvertInt() throws Exception {
        Cluster cluster = TestData.seedCluster();
        String exported = services.exportDirector(cluster, cluster.getDirectors().get(1), false);
        ImportOutcome reimported = services.importDirectors(List.of(TestData.source("a", "director2.conf"),
                new DirectorSource("b", java.nio.file.Path.of("exported.conf"), exported)));
        assertEquals(List.of("VI_4: advert_int differs (2 / 1); the first file's is kept"),
                ((ImportOutcome.Imported) reimported).differences());
    }

    @Test
    void brokenFileImportsNothingAndSaysWhere() throws Exception {
        ImportOutcome outcome = services.importDirectors(List.of(TestData.source("lvs1", "director1.conf"),
                TestData.source("lvs2", "broken.conf")));
        ImportOutcome.Failed failed = assertInstanceOf(ImportOutcome.Failed.class, outcome);
        assertTrue(failed.errors().stream().allMatch(d -> d.location().file().toString().endsWith("broken.conf")
                && d.location().line() > 0), failed.errors()::toString);
    }
}

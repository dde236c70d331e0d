package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.VrrpInstance;

/** The case study's two traps found in the imported model, and what each fix writes for keepalived. */
class CaseStudyTrapsTest {

    private static ImportResult seed() {
        ImportResult result = new ClusterImporter().importWithMirror(new ConfigParser().parse(Path.of("data", "seed-director1.conf")),
                "lvs1", "lvs2");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        return result;
    }

    private static String authPass(String exported, String instance) {
        for (ResolvedStatement s : new ConfigParser().parse(Path.of("x.conf"), exported).resolve(null)) {
            if (s.keyword().equals("vrrp_instance") && s.args().equals(List.of(instance))) {
                return s.child("authentication").orElseThrow().child("auth_pass").orElseThrow().args().getFirst();
            }
        }
        throw new AssertionError(instance + " not in\n" + exported);
    }

    @Test
    void theCaseStudysTrapsAreFoundAndWarnedAboutWithoutTheSecret() {
        ImportResult result = seed();
        Cluster cluster = result.cluster().orElseThrow();
        assertEquals(List.of("VI_1", "VI_2", "VI_3", "VI_4"), CaseStudyTraps.cutPasswords(cluster).stream().map(VrrpInstance::getName).toList());
        assertEquals("k@l!ve1", CaseStudyTraps.wholeWord(cluster.getInstances().getFirst()));
        assertEquals(4, CaseStudyTraps.ahMasters(cluster).size(), "VI_1/VI_2 on lvs1 and VI_3/VI_4 on lvs2");
        List<String> warnings = ClusterValidator.validate(cluster, result.sources()).stream().map(Diagnostic::format).toList();
        assertEquals(4, warnings.stream().filter(w -> w.contains(ClusterValidator.AUTH_PASS_CUT_MESSAGE)).count(), warnings::toString);
        assertTrue(warnings.stream().noneMatch(w -> w.contains("k@l")), "no password in a message");
    }

    @Test
    void keepWhatRunsTodayWritesThePasswordKeepalivedUses() {
        Cluster cluster = seed().cluster().orElseThrow();
        for (VrrpInstance instance : CaseStudyTraps.cutPasswords(cluster)) {
            instance.getInnerComments().removeKey(CaseStudyTraps.AUTH_PASS_CUT);
            instance.getInnerComments().removeKey(CaseStudyTraps.AUTH_PASS_COMMENT);
        }
        for (String director : List.of("lvs1", "lvs2")) {
            String exported = new ClusterExporter().exportText(cluster, director);
            assertTrue(exported.contains("auth_pass k@l\n") && !exported.contains("!ve"), exported);
            assertEquals("k@l", authPass(exported, "VI_1"));
        }
        assertTrue(CaseStudyTraps.cutPasswords(cluster).isEmpty());
    }

    @Test
    void useTheWholeWordQuotesItOnBothDirectors() {
        Cluster cluster = seed().cluster().orElseThrow();
        for (VrrpInstance instance : CaseStudyTraps.cutPasswords(cluster)) {
            instance.getAuthentication().setSecret(CaseStudyTraps.wholeWord(instance));
            instance.getInnerComments().removeKey(CaseStudyTraps.AUTH_PASS_CUT);
            instance.getInnerComments().removeKey(CaseStudyTraps.AUTH_PASS_COMMENT);
        }
        for (String director : List.of("lvs1", "lvs2")) {
            String exported = new ClusterExporter().exportText(cluster, director);
            assertEquals("k@l!ve1", authPass(exported, "VI_1"), exported);
            assertEquals("k@l!ve4", authPass(exported, "VI_4"), exported);
        }
    }

    @Test
    void writeWhatKeepalivedDoesForAhWithStateMaster() {
        Cluster cluster = seed().cluster().orElseThrow();
        CaseStudyTraps.ahMasters(cluster).forEach(s -> s.setInitialState(InitialState.BACKUP));
        String exported = new ClusterExporter().exportText(cluster, "lvs1");
        assertFalse(exported.contains("state MASTER"), exported);
        assertTrue(ClusterValidator.validate(cluster).stream().noneMatch(d -> d.message().contains(ClusterValidator.AH_MASTER_MESSAGE)));
    }
}

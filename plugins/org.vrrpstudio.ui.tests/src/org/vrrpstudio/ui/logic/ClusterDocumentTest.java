package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.ModelPackage.Literals;
import org.vrrpstudio.model.VrrpInstance;

class ClusterDocumentTest {

    /**
     * What the validator says about the seed: AH is deprecated, keepalived 2.2 ignores state MASTER with AH, and
     * auth_pass k@l!veN is cut at the '!' (the console offers fixes for the last two).
     */
    static void assertOnlyTheSeedsAhWarnings(List<ClusterProblem> problems) {
        assertEquals(12, problems.size(), problems::toString);
        assertEquals(4, problems.stream().filter(p -> p.message().contains(org.vrrpstudio.cluster.ClusterValidator.AUTH_PASS_CUT_MESSAGE))
                .count(), problems::toString);
        assertTrue(problems.stream().allMatch(p -> p.severity() == Severity.WARNING), problems::toString);
        assertEquals(4, problems.stream().filter(p -> p.message().contains("AH is deprecated")).count());
        assertEquals(4, problems.stream().filter(p -> p.message().contains("ignores state MASTER with auth_type AH")
                && p.directors().size() == 1).count(), problems::toString);
    }

    @Test
    void seedClusterHasOnlyAhWarningsAndMirroredDirectors() throws Exception {
        ClusterDocument document = TestData.seedDocument();
        assertOnlyTheSeedsAhWarnings(document.problems());
        Director one = document.cluster().getDirectors().get(0);
        Director two = document.cluster().getDirectors().get(1);
        String first = document.directorConfig(one, true);
        String second = document.directorConfig(two, true);
        assertTrue(first.contains("vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 150"), first);
        assertTrue(second.contains("vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100"), second);
        assertTrue(second.contains("vrrp_instance VI_3 {\n    state MASTER"), second);
        assertFalse(first.contains("k@l!ve1"), "masked secret");
        // keepalived reads '!' as the start of a comment: the secret is k@l, the rest is kept as the comment it is
        assertTrue(document.directorConfig(one, false).contains("auth_pass k@l !ve1\n"), document.directorConfig(one, false));
        assertEquals("k@l", document.cluster().getInstances().getFirst().getAuthentication().getSecret());
        // 4 instances × (state + priority) differ, nothing else
        LineDiff.Result diff = LineDiff.compare(first, second);
        assertEquals(8, diff.leftChanged().cardinality(), first + "\n----\n" + second);
    }

    @Test
    void editChangesBothDerivedFilesAndIsUndoable() throws Exception {
        ClusterDocument document = TestData.seedDocument();
        AtomicInteger changes = new AtomicInteger();
        document.addListener(d -> changes.incrementAndGet());
        VrrpInstance vi1 = document.cluster().getInstances().getFirst();
        Director one = document.cluster().getDirectors().get(0);
        Director two = document.cluster().getDirectors().get(1);
        String before = document.directorConfig(two, true);

        assertTrue(document.set(vi1, Literals.VRRP_INSTANCE__VRID, 61));
        assertTrue(document.isDirty());
        assertTrue(document.directorConfig(one, true).contains("virtual_router_id 61"));
        assertTrue(document.directorConfig(two, true).contains("virtual_router_id 61"));
        assertFalse(document.set(vi1, Literals.VRRP_INSTANCE__VRID, 61), "same value: no command");

        DirectorInstance onTwo = DirectorSettings.of(two, vi1);
        document.set(onTwo, Literals.DIRECTOR_INSTANCE__PRIORITY, 200);
        // a BACKUP that outranks the MASTER takes over at once: an error, on the BACKUP director's settings
        assertTrue(document.problems().stream().anyMatch(p -> p.severity() == Severity.ERROR
                && p.element() == onTwo && p.directors().equals(List.of("director2"))
                && p.message().contains("higher than the MASTER on director1")), document.problems()::toString);
        assertEquals(Severity.ERROR, document.problems().getFirst().severity(), "errors come first");

        assertTrue(document.undo());
        assertTrue(document.undo());
        assertEquals(before, document.directorConfig(two, true));
        assertFalse(document.isDirty());
        assertOnlyTheSeedsAhWarnings(document.problems());
        assertTrue(document.redo());
        assertNotEquals(before, document.directorConfig(two, true));
        assertEquals(5, changes.get(), "two edits, two undos, one redo");
    }

    @Test
    void problemsAreLocatedOnElements() throws Exception {
        ClusterDocument document = TestData.seedDocument();
        VrrpInstance vi2 = document.cluster().getInstances().get(1);
        document.set(vi2, Literals.VRRP_INSTANCE__VRID, 51);
        document.set(vi2.getVirtualAddresses().getFirst(), Literals.VIRTUAL_ADDRESS__ADDRESS, "192.168.200.10");
        document.set(vi2, Literals.VRRP_INSTANCE__ADVERT_INTERVAL, new java.math.BigDecimal("0.5"));
        List<ClusterProblem> problems = document.problems();
        assertTrue(problems.stream().anyMatch(p -> p.severity() == Severity.ERROR
                && p.message().contains("virtual address 192.168.200.10 is also a virtual address of vrrp_instance VI_1")
                && p.element() == vi2.getVirtualAddresses().getFirst()), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("VRRPv2 advertises whole seconds")
                && p.element() == vi2 && p.where().equals("vrrp_instance VI_2 › advert_int")), problems::toString);
        // VI_2 runs on eth1, VI_1 on eth0: the same VRID on two interfaces is allowed
        assertTrue(problems.stream().noneMatch(p -> p.message().contains("virtual_router_id 51")), problems::toString);
        ClusterProblem first = problems.getFirst();
        assertEquals(first.element(), document.elementById(document.idOf(first.element())));
    }
    @Test
    void theProblemsViewJudgesScriptsWithWhatADirectorAnsweredInThePreview() {
        String text = "global_defs {\n  script_user ops\n  enable_script_security\n}\n"
                + "vrrp_script chk {\n  script \"/home/op/chk.sh\"\n  user root\n}\n"
                + "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 150\n"
                + "  virtual_ipaddress {\n    10.0.0.1\n  }\n  track_script {\n    chk\n  }\n}\n";
        ImportOutcome outcome = new ClusterBundleServices().importWithMirror(
                new DirectorSource("director1", java.nio.file.Path.of("scripts.conf"), text), "director2");
        ClusterDocument document = new ClusterDocument(((ImportOutcome.Imported) outcome).cluster(), new ClusterBundleServices());
        List<ClusterProblem> before = document.problems();
        assertTrue(before.stream().noneMatch(p -> p.message().contains("director2")), before::toString);
        AtomicInteger changes = new AtomicInteger();
        document.addListener(d -> changes.incrementAndGet());

        // director2's preview: no user ops, /home/op (uid 1000) holds the root check script
        java.util.Map<java.nio.file.Path, java.util.Optional<org.vrrpstudio.config.ScriptPaths.Entry>> files = java.util.Map.of(
                java.nio.file.Path.of("/"), java.util.Optional.of(new org.vrrpstudio.config.ScriptPaths.Entry(0, 0, 040755)),
                java.nio.file.Path.of("/home"), java.util.Optional.of(new org.vrrpstudio.config.ScriptPaths.Entry(0, 0, 040755)),
                java.nio.file.Path.of("/home/op"), java.util.Optional.of(new org.vrrpstudio.config.ScriptPaths.Entry(1000, 1000, 040755)),
                java.nio.file.Path.of("/home/op/chk.sh"), java.util.Optional.of(new org.vrrpstudio.config.ScriptPaths.Entry(0, 0, 0100755)));
        document.scriptHostsAnswered(java.util.Map.of("director2", org.vrrpstudio.cluster.ScriptHost.recorded("director2", files,
                java.util.Map.of(), java.util.Map.of("ops", java.util.Optional.of(false)))));
        assertEquals(1, changes.get());
        java.util.Set<String> known = before.stream().map(ClusterProblem::message).collect(java.util.stream.Collectors.toSet());
        List<ClusterProblem> found = document.problems().stream().filter(p -> !known.contains(p.message())).toList();
        assertEquals(2, found.size(), found::toString);
        assertTrue(found.stream().allMatch(p -> p.directors().equals(List.of("director2")) && p.severity() == Severity.WARNING),
                found::toString);
        assertTrue(found.stream().anyMatch(p -> p.message().startsWith("script_user ops does not exist on director2")), found::toString);
        assertTrue(found.stream().anyMatch(p -> p.message().contains("/home/op is writable by its owner, uid 1000")), found::toString);
        // still there after an edit; gone when a later preview says otherwise
        VrrpInstance vi1 = document.cluster().getInstances().getFirst();
        document.set(vi1, Literals.VRRP_INSTANCE__ADVERT_INTERVAL, new java.math.BigDecimal("2"));
        assertEquals(2, document.problems().stream().filter(p -> !known.contains(p.message())).count());
        document.scriptHostsAnswered(java.util.Map.of("director2", org.vrrpstudio.cluster.ScriptHost.recorded("director2",
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of("ops", java.util.Optional.of(true)))));
        assertEquals(List.of(), document.problems().stream().filter(p -> !known.contains(p.message())).toList());
    }
}

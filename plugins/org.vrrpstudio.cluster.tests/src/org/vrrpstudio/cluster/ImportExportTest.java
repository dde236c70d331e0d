package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.VrrpInstance;

class ImportExportTest {

    static final Path D1 = Path.of("data", "tricky", "director1.conf");
    static final Path D2 = Path.of("data", "tricky", "director2.conf");

    @TempDir
    Path dir;

    private static ParseResult parse(Path file) {
        return new ConfigParser().parse(file);
    }

    private static ParseResult parse(Path file, String text) {
        return new ConfigParser().parse(file, text);
    }

    @Test
    void singleFileImportKeepsUnknownKeywordsAndWarnsWithLocation() {
        ImportResult result = new ClusterImporter().importSingle(parse(D1), "lvs1");
        assertTrue(result.succeeded(), result.diagnostics().toString());
        Diagnostic unknown = result.diagnostics().stream().filter(d -> d.message().contains("frobnicate"))
                .findFirst().orElseThrow();
        assertEquals(Severity.WARNING, unknown.severity());
        assertEquals(D1, unknown.location().file());
        assertEquals(55, unknown.location().line());
        VrrpInstance web = result.cluster().orElseThrow().getInstances().getFirst();
        assertEquals(List.of("use_vmac", "frobnicate"),
                web.getOpaqueStatements().stream().map(o -> o.getKeyword()).toList());
        assertEquals("frobnicate yes", web.getOpaqueStatements().get(1).getText());
    }

    @Test
    void exportOfTheImportedDirectorMeansTheSameAsItsSource() {
        ImportResult result = new ClusterImporter().importSingle(parse(D1), "lvs1");
        String exported = new ClusterExporter().exportText(result.cluster().orElseThrow(), "lvs1");
        assertEquals(canonical(parse(D1).resolve(null)), canonical(parse(Path.of("x.conf"), exported).resolve(null)));
        // comments travel along
        assertTrue(exported.startsWith("# Front pair, director 1\n! managed by hand"), exported);
        assertTrue(exported.contains("    # 51 is taken by the old pair\n    virtual_router_id 61"), exported);
        assertTrue(exported.contains("priority 150 # the preferred director"), exported);
        assertTrue(exported.contains("# the balanced service\nvirtual_server 192.168.200.10 80 {"), exported);
        // parameters were applied on import: the export does not depend on their definitions
        assertTrue(exported.contains("192.168.200.10/24 dev eth0 label eth0:web"), exported);
        assertFalse(exported.contains("$VIP_NET"), exported);
    }

    @Test
    void unknownStatementsWithEmptyOrSpacedKeywordsAreKeptAndReadBackTheSame() {
        // found by the config fuzzer: a line starting with "" resolved to an empty keyword, and rebuilding the
        // unknown block for the model threw IllegalArgumentException instead of keeping it
        String text = "frob_block {\n    \"\" value\n    'two words' x\n}\n";
        ParseResult source = parse(Path.of("odd.conf"), text);
        ImportResult result = new ClusterImporter().importSingle(source, "d");
        String exported = new ClusterExporter().exportText(result.cluster().orElseThrow(), "d");
        assertEquals(canonical(source.resolve(null)), canonical(parse(Path.of("x.conf"), exported).resolve(null)), exported);
        assertTrue(exported.contains("\"two words\" x"), exported);
    }

    @Test
    void pairImportHoldsSharedPartsOnceAndDifferencesPerDirector() {
        ImportResult result = new ClusterImporter().importPair(parse(D1), "lvs1", parse(D2), "lvs2");
        assertTrue(result.succeeded(), result.diagnostics().toString());
        Cluster cluster = result.cluster().orElseThrow();
        assertEquals(2, cluster.getInstances().size());
        assertEquals(1, cluster.getScripts().size());
        assertEquals(1, cluster.getOpaqueBlocks().size());
        Director lvs1 = cluster.getDirectors().get(0);
        Director lvs2 = cluster.getDirectors().get(1);
        assertEquals("lvs1", lvs1.getRouterId());
        assertEquals("lvs2", lvs2.getRouterId());
        DirectorInstance db2 = lvs2.getInstanceSettings().get(1);
        assertEquals("VI_DB", db2.getInstance().getName());
        assertEquals(InitialState.BACKUP, db2.getInitialState());
        assertEquals(100, db2.getPriority());
        assertEquals("10.0.0.2", db2.getUnicastSrcIp());
        assertEquals(List.of("10.0.0.1"), db2.getUnicastPeers());
        assertTrue(db2.getInstance() == lvs1.getInstanceSettings().get(1).getInstance(), "one shared instance");

        ClusterExporter exporter = new ClusterExporter();
        for (var pair : List.of(List.of("lvs1", D1), List.of("lvs2", D2))) {
            String text = exporter.exportText(cluster, (String) pair.get(0));
            assertEquals(canonical(parse((Path) pair.get(1)).resolve(null)),
                    canonical(parse(Path.of("x.conf"), text).resolve(null)), "export of " + pair.get(0));
        }
    }

    @Test
    void differencesThatMustNotExistAreLocatedErrorsAndNoModel() throws Exception {
        String second = Files.readString(D2)
                .replace("virtual_router_id 62", "virtual_router_id 63")
                .replace("        192.168.100.10", "        192.168.100.99")
                .replace("auth_pass longpassword1", "auth_pass otherpass")
                .replace("    advert_int 1\n    authentication", "    advert_int 2\n    authentication");
        Path d2 = dir.resolve("director2.conf");
        Files.writeString(d2, second);
        Files.copy(Path.of("data", "tricky", "services.conf"), dir.resolve("services.conf"));
        ImportResult result = new ClusterImporter().importPair(parse(D1), "lvs1", parse(d2), "lvs2");
        assertFalse(result.succeeded());
        List<String> errors = result.errors().stream().map(Diagnostic::format).toList();
        assertHas(errors, d2 + ":61:", "VI_DB: virtual_router_id differs between lvs2 and lvs1 (" + D1 + ":61:");
        assertHas(errors, d2 + ":68:", "VI_DB: virtual_ipaddress differs");
        assertHas(errors, d2 + ":41:", "VI_WEB: auth_pass differs from lvs1 (" + D1 + ":41:");
        assertHas(errors, d2 + ":38:", "VI_WEB: advert_int differs");
        assertTrue(errors.stream().noneMatch(e -> e.contains("otherpass") || e.contains("longpassword")),
                "no secrets in messages");
    }

    @Test
    void instancesOnlyOnOneDirectorAreWarnedAndKept() throws Exception {
        String second = Files.readString(D2);
        int start = second.indexOf("vrrp_instance VI_DB");
        int end = second.indexOf("\n}\n", start) + 3;
        second = second.substring(0, start) + second.substring(end);
        second = second.replace("        VI_DB\n", "");
        Path d2 = dir.resolve("director2.conf");
        Files.writeString(d2, second);
        Files.copy(Path.of("data", "tricky", "services.conf"), dir.resolve("services.conf"));
        ImportResult result = new ClusterImporter().importPair(parse(D1), "lvs1", parse(d2), "lvs2");
        // the sync group differs as well, which the model cannot hold
        assertFalse(result.succeeded());
        assertHas(result.errors().stream().map(Diagnostic::format).toList(), d2 + ":", "vrrp_sync_group VG_WEB has members [VI_WEB] on lvs2 but [VI_WEB, VI_DB] on lvs1");
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.severity() == Severity.WARNING
                && d.message().equals("vrrp_instance VI_DB is configured only on lvs1")));
    }

    @Test
    void unknownSyncGroupMemberFailsTheWholeImport() {
        String text = """
                vrrp_sync_group VG1 {
                    group {
                        VI_1
                        VI_GHOST
                    }
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    virtual_ipaddress {
                        10.0.0.1
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(parse(Path.of("ghost.conf"), text), "d");
        assertTrue(result.cluster().isEmpty());
        Diagnostic error = result.errors().getFirst();
        assertEquals(4, error.location().line());
        assertTrue(error.message().contains("'VI_GHOST', which no vrrp_instance defines"));
    }

    @Test
    void badValuesAreLocatedErrors() {
        String text = """
                vrrp_instance VI_1 {
                    state PRIMARY
                    interface eth0
                    virtual_router_id fifty
                    advert_int soon
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(parse(Path.of("bad.conf"), text), "d");
        assertTrue(result.cluster().isEmpty());
        List<String> errors = result.errors().stream().map(Diagnostic::format).toList();
        assertHas(errors, "bad.conf:2:", "state must be MASTER or BACKUP");
        assertHas(errors, "bad.conf:4:", "virtual_router_id must be a whole number, not 'fifty'");
        assertHas(errors, "bad.conf:5:", "advert_int must be a number of seconds, not 'soon'");
    }

    @Test
    void notifyWithUserAndPeerOptionsStayAsWritten() {
        String text = """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 7
                    notify_master /usr/local/bin/up.sh keepalived_script
                    unicast_peer {
                        10.0.0.2 min_ttl 250
                    }
                    virtual_ipaddress {
                        10.0.0.1
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(parse(Path.of("n.conf"), text), "d");
        VrrpInstance instance = result.cluster().orElseThrow().getInstances().getFirst();
        assertEquals(null, instance.getNotifyMaster());
        assertEquals(List.of("notify_master", "unicast_peer"),
                instance.getOpaqueStatements().stream().map(o -> o.getKeyword()).toList());
        assertTrue(result.diagnostics().stream().noneMatch(d -> d.message().contains("unknown keyword")));
        String exported = new ClusterExporter().exportText(result.cluster().get(), "d");
        assertTrue(exported.contains("notify_master /usr/local/bin/up.sh keepalived_script"), exported);
        assertTrue(exported.contains("10.0.0.2 min_ttl 250"), exported);
    }

    @Test
    void trackWeightsAndReverseAreModelledAndWrittenBack() {
        String text = """
                vrrp_script chk {
                    script "/bin/true"
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 7
                    track_interface {
                        eth1 weight -20 reverse
                        eth2 reverse
                    }
                    track_script {
                        chk weight 10
                    }
                    virtual_ipaddress {
                        10.0.0.1
                    }
                }
                """;
        ImportResult result = new ClusterImporter().importSingle(parse(Path.of("t.conf"), text), "d");
        assertTrue(result.succeeded(), result.diagnostics().toString());
        VrrpInstance instance = result.cluster().orElseThrow().getInstances().getFirst();
        assertEquals(List.of(), instance.getOpaqueStatements(), "all three lines are modelled, none kept as text");
        assertEquals(List.of("-20 true", "null true", "10 false"),
                instance.getTracks().stream().map(t -> t.getWeight() + " " + t.isReverse()).toList());
        String exported = new ClusterExporter().exportText(result.cluster().get(), "d");
        assertTrue(exported.contains("eth1 weight -20 reverse\n") && exported.contains("eth2 reverse\n")
                && exported.contains("chk weight 10\n"), exported);
    }

    static void assertHas(List<String> lines, String prefix, String fragment) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix) && l.contains(fragment)),
                "expected a line starting with " + prefix + " containing " + fragment + " in\n"
                        + String.join("\n", lines));
    }

    /** What keepalived applies, without locations; statement order inside top-level blocks ignored. */
    static List<String> canonical(List<ResolvedStatement> statements) {
        List<String> out = new ArrayList<>();
        for (ResolvedStatement s : statements) {
            List<String> children = new ArrayList<>();
            for (ResolvedStatement child : s.children()) {
                children.add(SeedMirrorTest.strip(List.of(child)));
            }
            children.sort(null);
            out.add(s.keyword() + s.args() + children);
        }
        return out;
    }
}

package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.cluster.TestClusters.FACTORY;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.OpaqueStatement;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.TrackInterface;
import org.vrrpstudio.model.TrackScript;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.model.VrrpScript;

/** One passing and one failing case per validation rule. */
class ClusterValidatorTest {

    private final Cluster cluster = TestClusters.pairWithOneInstance();
    private final VrrpInstance vi1 = cluster.getInstances().getFirst();
    private final Director lvs1 = cluster.getDirectors().get(0);
    private final Director lvs2 = cluster.getDirectors().get(1);

    private static List<Diagnostic> validate(Cluster c) {
        return ClusterValidator.validate(c);
    }

    private static void assertReports(Cluster c, Severity severity, String fragment) {
        List<Diagnostic> found = validate(c);
        assertTrue(found.stream().anyMatch(d -> d.severity() == severity && d.message().contains(fragment)),
                "expected " + severity + " containing '" + fragment + "' in " + found);
    }

    private static void assertNoReport(Cluster c, String fragment) {
        List<Diagnostic> found = validate(c);
        assertTrue(found.stream().noneMatch(d -> d.message().contains(fragment)),
                "expected nothing about '" + fragment + "' in " + found);
    }

    @Test
    void theBaseClusterHasOnlyTheAhWarnings() {
        List<Diagnostic> found = validate(cluster);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("AH is deprecated"), found.toString());
        assertTrue(found.get(1).message().contains("ignores state MASTER with auth_type AH"), found.toString());
        assertTrue(found.stream().allMatch(d -> d.severity() == Severity.WARNING));
    }

    @Test
    void findingsNameTheElementAndStatementEachDiagnosticIsAbout() {
        DirectorInstance onLvs2 = lvs2.getInstanceSettings().getFirst();
        onLvs2.setPriority(300);
        List<ValidationFinding> findings = ClusterValidator.findings(cluster, new SourceMap());
        assertEquals(validate(cluster), findings.stream().map(ValidationFinding::diagnostic).toList(),
                "the same diagnostics, in the same order");
        ValidationFinding priority = findings.stream()
                .filter(f -> f.diagnostic().message().contains("priority 300 is out of range")).findFirst().orElseThrow();
        assertSame(onLvs2, priority.element());
        assertEquals("priority", priority.keyword());
        ValidationFinding ah = findings.stream()
                .filter(f -> f.diagnostic().message().contains("AH is deprecated")).findFirst().orElseThrow();
        assertSame(vi1.getAuthentication(), ah.element());
    }

    @Test
    void ahWithInitialMasterIsOverriddenByKeepalived() {
        assertReports(cluster, Severity.WARNING, "ignores state MASTER with auth_type AH");
        vi1.getAuthentication().setType(AuthType.PASS);
        assertNoReport(cluster, "ignores state MASTER");
    }

    @Test
    void nopreemptNeedsStateBackup() {
        vi1.setNopreempt(true);
        assertReports(cluster, Severity.WARNING, "nopreempt does not work with state MASTER");
        lvs1.getInstanceSettings().getFirst().setInitialState(InitialState.BACKUP);
        assertNoReport(cluster, "nopreempt");
    }

    @Test
    void trackWeightsOfSyncGroupMembersAreIgnored() {
        TrackInterface track = FACTORY.createTrackInterface();
        track.setInterfaceName("eth1");
        vi1.getTracks().add(track);
        SyncGroup group = FACTORY.createSyncGroup();
        group.setName("VG1");
        group.getInstances().add(vi1);
        cluster.getSyncGroups().add(group);
        assertNoReport(cluster, "track weights");
        track.setWeight(-10);
        assertReports(cluster, Severity.WARNING, "keepalived ignores track weights of sync group members");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 256, -1 })
    void vridOutOfRange(int vrid) {
        vi1.setVrid(vrid);
        assertReports(cluster, Severity.ERROR, "virtual_router_id " + vrid + " is out of range");
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 255 })
    void vridInRange(int vrid) {
        vi1.setVrid(vrid);
        assertNoReport(cluster, "out of range");
    }

    @Test
    void priorityRangeAndOwnerPriority() {
        lvs1.getInstanceSettings().getFirst().setPriority(256);
        assertReports(cluster, Severity.ERROR, "priority 256 is out of range");
        lvs1.getInstanceSettings().getFirst().setPriority(0);
        assertReports(cluster, Severity.ERROR, "priority 0 is out of range");
        lvs1.getInstanceSettings().getFirst().setPriority(255);
        assertReports(cluster, Severity.WARNING, "reserved for the address owner");
        lvs1.getInstanceSettings().getFirst().setPriority(254);
        assertNoReport(cluster, "priority 25");
    }

    @Test
    void advertIntervalMustBePositive() {
        vi1.setAdvertInterval(BigDecimal.ZERO);
        assertReports(cluster, Severity.ERROR, "advert_int must be greater than 0");
        vi1.setAdvertInterval(new BigDecimal("3"));
        assertNoReport(cluster, "advert_int");
    }

    @Test
    void v2AdvertIntervalIsWholeSecondsUpTo255() {
        vi1.setAdvertInterval(new BigDecimal("1.5"));
        assertReports(cluster, Severity.ERROR, "VRRPv2 advertises whole seconds");
        vi1.setAdvertInterval(new BigDecimal("300"));
        assertReports(cluster, Severity.ERROR, "exceeds the VRRPv2 maximum");
        vi1.setAdvertInterval(new BigDecimal("255"));
        assertNoReport(cluster, "advert_int");
        vi1.setAdvertInterval(new BigDecimal("2.0"));
        assertNoReport(cluster, "advert_int");
    }

    @Test
    void v3AdvertIntervalUpTo4095Centiseconds() {
        vi1.setVersion(3);
        vi1.getAuthentication().setType(AuthType.NONE);
        vi1.setAdvertInterval(new BigDecimal("0.5"));
        assertNoReport(cluster, "advert_int");
        vi1.setAdvertInterval(new BigDecimal("40.95"));
        assertNoReport(cluster, "advert_int");
        vi1.setAdvertInterval(new BigDecimal("41"));
        assertReports(cluster, Severity.ERROR, "exceeds the VRRPv3 maximum of 40.95");
        vi1.setAdvertInterval(new BigDecimal("0.125"));
        assertReports(cluster, Severity.WARNING, "will be rounded");
    }

    @Test
    void globalVrrpVersion3AllowsSubSecondIntervals() {
        OpaqueStatement version = FACTORY.createOpaqueStatement();
        version.setKeyword("vrrp_version");
        version.setText("vrrp_version 3");
        cluster.getGlobalDefs().add(version);
        vi1.setAdvertInterval(new BigDecimal("0.5"));
        assertNoReport(cluster, "advert_int");
    }

    @Test
    void versionMustBe2Or3() {
        vi1.setVersion(4);
        assertReports(cluster, Severity.ERROR, "version must be 2 or 3");
        vi1.setVersion(2);
        assertNoReport(cluster, "version must");
    }

    @Test
    void authPassLongerThan8IsTruncatedAndTheWarningHidesIt() {
        vi1.getAuthentication().setSecret("123456789");
        assertReports(cluster, Severity.WARNING, "longer than 8 bytes");
        assertTrue(validate(cluster).stream().noneMatch(d -> d.format().contains("123456789")));
        vi1.getAuthentication().setSecret("12345678");
        assertNoReport(cluster, "longer than 8");
    }

    @Test
    void authWithoutSecretIsAnError() {
        vi1.getAuthentication().setSecret(null);
        assertReports(cluster, Severity.ERROR, "needs an auth_pass");
    }

    @Test
    void passAndAhAreWarnedAboutNoneIsNot() {
        vi1.getAuthentication().setType(AuthType.PASS);
        assertReports(cluster, Severity.WARNING, "gives no protection");
        vi1.getAuthentication().setType(AuthType.AH);
        assertReports(cluster, Severity.WARNING, "AH is deprecated");
        vi1.getAuthentication().setType(AuthType.NONE);
        assertNoReport(cluster, "AH");
        assertNoReport(cluster, "PASS");
    }

    @Test
    void v3IgnoresAuthentication() {
        vi1.setVersion(3);
        assertReports(cluster, Severity.WARNING, "VRRPv3 has no authentication");
    }

    @Test
    void duplicateVipInOneInstance() {
        VirtualAddress again = FACTORY.createVirtualAddress();
        again.setAddress("192.168.200.10");
        vi1.getVirtualAddresses().add(again);
        assertReports(cluster, Severity.WARNING, "192.168.200.10 is listed twice");
    }

    @Test
    void vipInTwoInstances() {
        VrrpInstance vi2 = TestClusters.instance(cluster, "VI_2", 52, "eth0", "192.168.200.10");
        TestClusters.settings(lvs1, vi2, InitialState.MASTER, 150);
        TestClusters.settings(lvs2, vi2, InitialState.BACKUP, 100);
        assertReports(cluster, Severity.ERROR, "also a virtual address of vrrp_instance VI_1");
        vi2.getVirtualAddresses().getFirst().setAddress("192.168.200.11");
        assertNoReport(cluster, "also a virtual address");
    }

    @Test
    void syncGroupNamingAnInstanceOutsideTheCluster() {
        SyncGroup group = FACTORY.createSyncGroup();
        group.setName("VG1");
        group.getInstances().add(vi1);
        cluster.getSyncGroups().add(group);
        assertNoReport(cluster, "VG1");
        VrrpInstance stranger = FACTORY.createVrrpInstance();
        stranger.setName("VI_9");
        group.getInstances().add(stranger);
        assertReports(cluster, Severity.ERROR, "names vrrp_instance VI_9, which the cluster does not define");
    }

    @Test
    void instanceInTwoSyncGroups() {
        for (String name : List.of("VG1", "VG2")) {
            SyncGroup group = FACTORY.createSyncGroup();
            group.setName(name);
            group.getInstances().add(vi1);
            cluster.getSyncGroups().add(group);
        }
        assertReports(cluster, Severity.ERROR, "VI_1 is already in vrrp_sync_group VG1");
    }

    @Test
    void vridReusedOnTheSameInterface() {
        VrrpInstance vi2 = TestClusters.instance(cluster, "VI_2", 51, "eth1", "10.0.0.1");
        TestClusters.settings(lvs1, vi2, InitialState.MASTER, 150);
        TestClusters.settings(lvs2, vi2, InitialState.BACKUP, 100);
        assertNoReport(cluster, "unique per interface");
        vi2.setInterface("eth0");
        assertReports(cluster, Severity.ERROR, "a VRID must be unique per interface and address family");
        vi2.setVersion(3);
        assertReports(cluster, Severity.ERROR, "a VRID must be unique per interface and address family"); // v2 and v3 IPv4 collide on the wire
        vi2.getVirtualAddresses().getFirst().setAddress("2001:db8::10");
        assertNoReport(cluster, "unique per interface"); // an IPv6 virtual router is another domain (RFC 5798 §1)
    }

    @Test
    void unknownKeywordsKeptAsOpaqueAreWarned() {
        OpaqueStatement known = FACTORY.createOpaqueStatement();
        known.setKeyword("use_vmac");
        known.setText("use_vmac");
        vi1.getOpaqueStatements().add(known);
        assertNoReport(cluster, "unknown keyword");
        OpaqueStatement unknown = FACTORY.createOpaqueStatement();
        unknown.setKeyword("flux_capacitor");
        unknown.setText("flux_capacitor on");
        vi1.getOpaqueStatements().add(unknown);
        assertReports(cluster, Severity.WARNING, "unknown keyword 'flux_capacitor'");
    }

    @Test
    void exactlyOneMaster() {
        lvs2.getInstanceSettings().getFirst().setInitialState(InitialState.MASTER);
        assertReports(cluster, Severity.ERROR, "lvs1, lvs2 all start it as MASTER");
        lvs2.getInstanceSettings().getFirst().setInitialState(InitialState.BACKUP);
        lvs1.getInstanceSettings().getFirst().setInitialState(InitialState.BACKUP);
        assertReports(cluster, Severity.WARNING, "no director starts it as MASTER");
    }

    @Test
    void masterHasTheHighestPriority() {
        lvs2.getInstanceSettings().getFirst().setPriority(200);
        assertReports(cluster, Severity.ERROR, "BACKUP on lvs2 has priority 200, higher than the MASTER on lvs1");
        lvs2.getInstanceSettings().getFirst().setPriority(150);
        assertReports(cluster, Severity.WARNING, "the same priority as the MASTER");
        lvs2.getInstanceSettings().getFirst().setPriority(149);
        assertNoReport(cluster, "has priority");
        assertNoReport(cluster, "same priority");
    }

    @Test
    void interfacesMustExistWhenTheDirectorListsThem() {
        lvs1.getInterfaces().addAll(List.of("eth0", "eth1"));
        assertNoReport(cluster, "is not one of");
        DirectorInstance settings = lvs1.getInstanceSettings().getFirst();
        settings.setInterfaceOverride("ens3");
        assertReports(cluster, Severity.ERROR, "interface ens3 is not one of lvs1's interfaces");
        settings.setInterfaceOverride(null);
        TrackInterface track = FACTORY.createTrackInterface();
        track.setInterfaceName("eth7");
        vi1.getTracks().add(track);
        assertReports(cluster, Severity.ERROR, "track_interface eth7 is not one of lvs1's interfaces");
    }

    @Test
    void trackScriptMustReferToAScriptOfTheCluster() {
        VrrpScript script = FACTORY.createVrrpScript();
        script.setName("chk");
        TrackScript track = FACTORY.createTrackScript();
        track.setScript(script);
        vi1.getTracks().add(track);
        assertReports(cluster, Severity.ERROR, "track_script refers to a vrrp_script that does not exist");
        cluster.getScripts().add(script);
        assertNoReport(cluster, "track_script");
    }

    @Test
    void instanceNamesAreUnique() {
        TestClusters.instance(cluster, "VI_1", 60, "eth1", "10.1.1.1");
        assertReports(cluster, Severity.ERROR, "vrrp_instance VI_1 is defined twice");
    }

    @Test
    void modelOnlyElementsAreLocatedByTheirPath() {
        lvs2.getInstanceSettings().getFirst().setPriority(300);
        Diagnostic d = validate(cluster).stream().filter(x -> x.message().contains("300")).findFirst().orElseThrow();
        assertEquals("cluster/director lvs2/vrrp_instance VI_1/priority", d.location().file().toString());
        assertTrue(!d.location().isKnown());
    }

    @Test
    void importedElementsAreLocatedAtTheirStatement() {
        String text = """
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 300
                    priority 100
                    virtual_ipaddress {
                        10.0.0.1
                    }
                }
                """;
        Path file = Path.of("located.conf");
        ImportResult imported = new ClusterImporter().importSingle(new ConfigParser().parse(file, text), "d1");
        List<Diagnostic> found = ClusterValidator.validate(imported.cluster().orElseThrow(), imported.sources());
        Diagnostic d = found.stream().filter(x -> x.message().contains("300")).findFirst().orElseThrow();
        assertEquals(file, d.location().file());
        assertEquals(4, d.location().line());
    }
}

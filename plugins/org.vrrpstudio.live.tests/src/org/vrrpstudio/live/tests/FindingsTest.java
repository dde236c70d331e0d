package org.vrrpstudio.live.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.live.tests.Recorded.INTENDED;
import static org.vrrpstudio.live.tests.Recorded.T;
import static org.vrrpstudio.live.tests.Recorded.agent;
import static org.vrrpstudio.live.tests.Recorded.keepalived;
import static org.vrrpstudio.live.tests.Recorded.pair;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Finding;
import org.vrrpstudio.live.FindingKind;
import org.vrrpstudio.live.Findings;
import org.vrrpstudio.live.Severity;

/** Every finding kind from recorded daemon output: present when it should be, absent in the steady state. */
class FindingsTest {

    private static final DirectorSnapshot D1_STEADY = agent("d1", "agent-d1-steady.json", "ip-d1-vi1.json");
    private static final DirectorSnapshot D2_STEADY = agent("d2", "agent-d2-steady.json", "ip-d2-vi2.json");

    private static List<Finding> of(Map<String, DirectorSnapshot> now) {
        return Findings.evaluate(INTENDED, now, Map.of());
    }

    private static List<Finding> kind(List<Finding> findings, FindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    @Test
    void steadyStateHasNoFindingAtAll() {
        List<Finding> findings = Findings.evaluate(INTENDED, pair(D1_STEADY, D2_STEADY), pair(D1_STEADY, D2_STEADY));
        assertEquals(List.of(), findings);
        assertTrue(Findings.healthy(findings));
    }

    @Test
    void splitBrainWhenBothAreMaster() {
        // d1 still MASTER of VI_1 while d2, which no longer hears it, took VI_1 too
        List<Finding> findings = of(pair(D1_STEADY, agent("d2", "agent-d2-failover.json", "ip-d2-both.json")));
        List<Finding> split = kind(findings, FindingKind.SPLIT_BRAIN);
        assertEquals(1, split.size(), findings.toString());
        assertEquals("VI_1", split.get(0).instance());
        assertEquals(Severity.ERROR, split.get(0).severity());
        assertTrue(split.get(0).message().startsWith("split brain: VI_1 is MASTER on d1 and d2"), split.get(0).message());
        assertFalse(Findings.healthy(findings));
        assertEquals(List.of(), kind(of(pair(D1_STEADY, D2_STEADY)), FindingKind.SPLIT_BRAIN));
    }

    @Test
    void noMasterWhenKeepalivedIsInFaultAndThePeerStaysBackup() {
        // recorded: keepalived with eth0 down puts VI_1 and VI_2 in FAULT (state 3)
        List<Finding> findings = of(pair(keepalived("d1", "dump-fault.json", "ip-fault.json"), D2_STEADY));
        List<Finding> none = kind(findings, FindingKind.NO_MASTER);
        assertEquals(1, none.size(), findings.toString());
        assertEquals("VI_1", none.get(0).instance());
        assertEquals("no director is MASTER of VI_1: its virtual addresses are not served", none.get(0).message());
        assertEquals(List.of(), kind(of(pair(D1_STEADY, D2_STEADY)), FindingKind.NO_MASTER));
    }

    @Test
    void noMasterAmongReachableIsOnlyAWarningWhenADirectorIsUnknown() {
        List<Finding> findings = of(pair(agent("d1", "agent-d1-backup.json", "ip-d1-none.json"),
                DirectorSnapshot.unreachable("d2", T, "connection timed out")));
        List<Finding> none = kind(findings, FindingKind.NO_MASTER);
        assertEquals(2, none.size(), findings.toString());
        assertTrue(none.stream().allMatch(f -> f.severity() == Severity.WARNING));
    }

    @Test
    void vipMisplacedOnABackupAndMissingOnTheMaster() {
        // d2 is BACKUP of VI_1 but holds 192.168.200.10; d1 is MASTER of VI_1 without it
        List<Finding> findings = of(pair(agent("d1", "agent-d1-steady.json", "ip-d1-none.json"),
                agent("d2", "agent-d2-steady.json", "ip-d2-both.json")));
        List<String> messages = kind(findings, FindingKind.VIP_MISPLACED).stream().map(Finding::message).toList();
        assertEquals(List.of("VI_1 is MASTER on d1 but 192.168.200.10 is missing there",
                "192.168.200.10 of VI_1 is on d2, which is BACKUP, not MASTER"), messages);
        assertEquals(List.of(), kind(of(pair(D1_STEADY, D2_STEADY)), FindingKind.VIP_MISPLACED));
    }

    @Test
    void notIntendedAfterAFailover() {
        List<Finding> findings = of(pair(agent("d1", "agent-d1-backup.json", "ip-d1-none.json"),
                agent("d2", "agent-d2-failover.json", "ip-d2-both.json")));
        List<Finding> moved = kind(findings, FindingKind.NOT_INTENDED);
        assertEquals(1, moved.size(), findings.toString());
        assertEquals("VI_1 is MASTER on d2: failover, intended d1", moved.get(0).message());
        assertEquals(Severity.WARNING, moved.get(0).severity());
        assertEquals(List.of(FindingKind.NOT_INTENDED), findings.stream().map(Finding::kind).toList());
        assertEquals(List.of(), kind(of(pair(D1_STEADY, D2_STEADY)), FindingKind.NOT_INTENDED));
    }

    @Test
    void priorityLoweredByATrackInKeepalivedsDump() {
        // recorded: track_interface eth1 weight -20 with eth1 down: effective 130, base 150
        List<Finding> findings = of(pair(keepalived("d1", "dump-eth1down.json", "ip-steady.json"), D2_STEADY));
        List<Finding> lowered = kind(findings, FindingKind.PRIORITY_LOWERED);
        assertEquals(1, lowered.size(), findings.toString());
        assertEquals("VI_1 on d1 runs at priority 130, configured 150 (lowered by a track (track_interface eth1))",
                lowered.get(0).message());
        assertEquals(List.of(), kind(of(pair(keepalived("d1", "dump-steady.json", "ip-steady.json"), D2_STEADY)),
                FindingKind.PRIORITY_LOWERED));
    }

    @Test
    void authErrorsOnlyWhenTheCounterRises() {
        DirectorSnapshot before = agent("d2", "agent-d2-auth0.json", "ip-d2-vi2.json");
        DirectorSnapshot after = agent("d2", "agent-d2-auth3.json", "ip-d2-vi2.json");
        List<Finding> rising = kind(Findings.evaluate(INTENDED, pair(D1_STEADY, after), pair(D1_STEADY, before)),
                FindingKind.AUTH_ERRORS);
        assertEquals(1, rising.size());
        assertEquals("d2 counted 3 more authentication errors since the last refresh: the directors may disagree on"
                + " auth_pass or auth_type", rising.get(0).message());
        assertEquals(List.of(), kind(Findings.evaluate(INTENDED, pair(D1_STEADY, after), pair(D1_STEADY, after)),
                FindingKind.AUTH_ERRORS), "a counter that stands still is old news");
        assertEquals(List.of(), kind(Findings.evaluate(INTENDED, pair(D1_STEADY, after), Map.of()), FindingKind.AUTH_ERRORS),
                "the first refresh has nothing to compare with");
    }

    @Test
    void driftWhenTheDirectorsFileDiffers() {
        List<Finding> findings = of(pair(D1_STEADY.withDrift("sha256 differs (edited on the director?)"), D2_STEADY));
        List<Finding> drift = kind(findings, FindingKind.DRIFT);
        assertEquals(1, drift.size());
        assertEquals("d1", drift.get(0).director());
        assertEquals("the file on d1 differs from the model's export: sha256 differs (edited on the director?)",
                drift.get(0).message());
        assertEquals(List.of(), kind(of(pair(D1_STEADY, D2_STEADY)), FindingKind.DRIFT));
    }

    @Test
    void unreachableDirectorIsUnknownAndTheOtherIsStillJudged() {
        List<Finding> findings = of(pair(DirectorSnapshot.unreachable("d1", T, "Connection refused"),
                agent("d2", "agent-d2-failover.json", "ip-d2-both.json")));
        List<Finding> unreachable = kind(findings, FindingKind.UNREACHABLE);
        assertEquals(1, unreachable.size());
        assertEquals("d1 is unreachable: Connection refused; its state is unknown", unreachable.get(0).message());
        // d2's own state still counts: VI_1 on d2 is not where the model wants it
        assertEquals(1, kind(findings, FindingKind.NOT_INTENDED).size(), findings.toString());
        assertEquals(List.of(), kind(of(pair(D1_STEADY, D2_STEADY)), FindingKind.UNREACHABLE));
    }
}

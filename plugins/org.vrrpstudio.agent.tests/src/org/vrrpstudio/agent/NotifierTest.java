package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.vrrp.binding.NotifyScripts;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;

/** Sync group notifies: the group's state from its members' transitions, its scripts and its FIFO lines. */
class NotifierTest {

    private static final SyncGroupConfig VG1 = new SyncGroupConfig("VG1", List.of("VI_1", "VI_2"));

    private final SyncGroupStates groups = new SyncGroupStates();

    private static StateTransition transition(String instance, VrrpState from, VrrpState to) {
        return new StateTransition(Instant.EPOCH, "local", instance, from, to, TransitionReason.values()[0], "", 100);
    }

    /** Feeds transitions; returns the group changes they made, in order. */
    private List<String> feed(StateTransition... transitions) {
        List<String> changes = new ArrayList<>();
        for (StateTransition t : transitions) {
            groups.onTransition(t).ifPresent(c -> changes.add(c.group() + " " + c.state()));
        }
        return changes;
    }

    @Test
    void theGroupChangesStateOnlyWhenItsMembersAgree() {
        groups.use(List.of(VG1));
        assertEquals(List.of("VG1 BACKUP"), feed(transition("VI_1", VrrpState.INITIALIZE, VrrpState.BACKUP),
                transition("VI_2", VrrpState.INITIALIZE, VrrpState.BACKUP)), "said once both members are BACKUP");
        assertEquals(List.of("VG1 MASTER"), feed(transition("VI_1", VrrpState.BACKUP, VrrpState.MASTER),
                transition("VI_2", VrrpState.BACKUP, VrrpState.MASTER)), "MASTER once every member is");
        assertEquals(List.of("VG1 FAULT"), feed(transition("VI_2", VrrpState.MASTER, VrrpState.FAULT),
                transition("VI_1", VrrpState.MASTER, VrrpState.BACKUP)), "FAULT at once; the member forced to BACKUP changes nothing");
        assertEquals(List.of("VG1 BACKUP"), feed(transition("VI_2", VrrpState.FAULT, VrrpState.BACKUP)));
        assertEquals(List.of(), feed(transition("VI_3", VrrpState.INITIALIZE, VrrpState.MASTER)), "not a member");
        assertEquals(List.of("VG1 STOP"), feed(transition("VI_1", VrrpState.BACKUP, VrrpState.INITIALIZE),
                transition("VI_2", VrrpState.BACKUP, VrrpState.INITIALIZE)), "STOP once every member stopped");
    }

    @Test
    void aReloadThatKeepsTheGroupSaysNothingAgainAndAChangedGroupStartsAfresh() {
        groups.use(List.of(VG1));
        feed(transition("VI_1", VrrpState.INITIALIZE, VrrpState.MASTER), transition("VI_2", VrrpState.INITIALIZE, VrrpState.MASTER));

        groups.use(List.of(new SyncGroupConfig("VG1", List.of("VI_1", "VI_2"))));
        assertEquals(List.of(), feed(transition("VI_1", VrrpState.MASTER, VrrpState.MASTER)), "kept: still MASTER, not said again");

        groups.use(List.of(new SyncGroupConfig("VG1", List.of("VI_1", "VI_2", "VI_4"))));
        assertEquals(List.of(), feed(transition("VI_4", VrrpState.INITIALIZE, VrrpState.BACKUP)));
        assertEquals(List.of("VG1 MASTER"), feed(transition("VI_4", VrrpState.BACKUP, VrrpState.MASTER)),
                "changed membership: said again once all agree");
    }

    @Test
    void membersStillStartingGiveTheGroupNoStateAndNothingToStop() {
        groups.use(List.of(VG1));
        assertEquals(List.of(), feed(transition("VI_1", VrrpState.INITIALIZE, VrrpState.BACKUP),
                transition("VI_1", VrrpState.BACKUP, VrrpState.INITIALIZE)));
    }

    @Test
    void groupScriptsRunWithKeepalivedsArguments(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("calls");
        Path recorder = dir.resolve("record.sh");
        Files.writeString(recorder, "#!/bin/sh\necho \"$@\" >> " + out + "\n");
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwx------"));

        var instanceScripts = Map.of("VI_1", NotifyScripts.of(null, null, null, null, recorder + " instance-generic"));
        var groupScripts = Map.of("VG1",
                NotifyScripts.of("\"" + recorder + "\" \"to master\"", null, null, recorder + " to-stop", recorder + " generic"));

        var logged = new ByteArrayOutputStream();
        try (Notifier notifier = new Notifier(new AgentLog(new PrintStream(logged, true, StandardCharsets.UTF_8), false))) {
            notifier.useScripts(instanceScripts, groupScripts);
            notifier.onTransition(transition("VI_1", VrrpState.BACKUP, VrrpState.MASTER));
            notifier.onGroupChange(new SyncGroupStates.Change("VG1", "MASTER"));
            notifier.onGroupChange(new SyncGroupStates.Change("VG1", "FAULT")); // no notify_fault: the generic one only
            notifier.onGroupChange(new SyncGroupStates.Change("VG1", "STOP")); // notify_stop; the generic one never says STOP
            notifier.onGroupChange(new SyncGroupStates.Change("VG9", "MASTER")); // a group without scripts
        } // close waits for the queued scripts
        assertEquals(List.of("instance-generic INSTANCE VI_1 MASTER 100", "to master", "generic GROUP VG1 MASTER 0",
                "generic GROUP VG1 FAULT 0", "to-stop"), Files.readAllLines(out));
    }

    @Test
    void fifoLinesForGroupsAreKeepalivedsFormatWithoutStop() {
        assertEquals(Optional.of("GROUP \"VG1\" MASTER 0"), NotifyFifo.line(new SyncGroupStates.Change("VG1", "MASTER")));
        assertEquals(Optional.of("GROUP \"VG1\" FAULT 0"), NotifyFifo.line(new SyncGroupStates.Change("VG1", "FAULT")));
        assertEquals(Optional.empty(), NotifyFifo.line(new SyncGroupStates.Change("VG1", "STOP")));
    }
}

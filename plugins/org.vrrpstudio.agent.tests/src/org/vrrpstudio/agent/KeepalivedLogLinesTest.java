package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * The agent's keepalived-style lines are the very lines keepalived 2.2.7 wrote in a namespace lab (two directors,
 * a sync group G1 of VI_1 and VI_2 with a track script, VI_3 alone; a failing script, a link down, a stop):
 * data/keepalived-2.2.7-state-lines.log holds the lines of its log that alerting greps for.
 */
class KeepalivedLogLinesTest {

    private static List<String> keepalivedLines() throws IOException {
        return Files.readAllLines(Path.of("data/keepalived-2.2.7-state-lines.log"));
    }

    private static StateTransition t(String instance, VrrpState from, VrrpState to, TransitionReason reason) {
        return new StateTransition(Instant.EPOCH, "local", instance, from, to, reason, "", 100);
    }

    @Test
    void everyStateLineIsOneKeepalivedWrites() throws IOException {
        List<String> keepalived = keepalivedLines();
        List<StateTransition> transitions = List.of(
                t("VI_3", VrrpState.INITIALIZE, VrrpState.BACKUP, TransitionReason.STARTUP),
                t("VI_1", VrrpState.INITIALIZE, VrrpState.BACKUP, TransitionReason.SYNC_GROUP),
                t("VI_1", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN_TIMER),
                t("VI_2", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.SYNC_GROUP),
                t("VI_1", VrrpState.MASTER, VrrpState.FAULT, TransitionReason.TRACK_FAILED),
                t("VI_3", VrrpState.MASTER, VrrpState.FAULT, TransitionReason.INTERFACE_DOWN),
                t("VI_2", VrrpState.FAULT, VrrpState.BACKUP, TransitionReason.INTERFACE_UP),
                t("VI_1", VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.HIGHER_PRIORITY_ADVERT));
        for (StateTransition transition : transitions) {
            String line = KeepalivedLogLines.entering(transition).orElseThrow();
            assertTrue(keepalived.contains(line), line + " is not a line keepalived writes");
            KeepalivedLogLines.cause(transition).ifPresent(cause ->
                    assertTrue(keepalived.contains(cause), cause + " is not a line keepalived writes"));
        }
        for (String state : List.of("MASTER", "BACKUP", "FAULT")) {
            String line = KeepalivedLogLines.group(new SyncGroupStates.Change("G1", state)).orElseThrow();
            assertTrue(keepalived.contains(line), line + " is not a line keepalived writes");
        }
    }

    @Test
    void initOnlyAtStartAndTimeoutOnlyBeforeMasterOnTheTimer() {
        assertEquals(Optional.of("(VI_3) Entering BACKUP STATE (init)"),
                KeepalivedLogLines.entering(t("VI_3", VrrpState.INITIALIZE, VrrpState.BACKUP, TransitionReason.STARTUP)));
        assertEquals(Optional.of("(VI_3) Entering BACKUP STATE"),
                KeepalivedLogLines.entering(t("VI_3", VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.HIGHER_PRIORITY_ADVERT)));
        assertEquals(Optional.of("(VI_1) Receive advertisement timeout"),
                KeepalivedLogLines.cause(t("VI_1", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN_TIMER)));
        assertEquals(Optional.empty(),
                KeepalivedLogLines.cause(t("VI_1", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.PREEMPT)));
    }

    @Test
    void stoppingWritesNoStateLine() {
        assertEquals(Optional.empty(),
                KeepalivedLogLines.entering(t("VI_1", VrrpState.MASTER, VrrpState.INITIALIZE, TransitionReason.SHUTDOWN)));
        assertEquals(Optional.empty(), KeepalivedLogLines.group(new SyncGroupStates.Change("G1", "STOP")));
    }
}

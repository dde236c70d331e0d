package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.ui.logic.whatif.Failure;
import org.vrrpstudio.ui.logic.whatif.InstanceStates;
import org.vrrpstudio.ui.logic.whatif.WhatIf;
import org.vrrpstudio.ui.logic.whatif.WhatIfOutcome;
import org.vrrpstudio.vrrp.engine.VrrpState;

/** The Distribution view's answers for the case study, from the engine's simulation. */
class WhatIfTest {

    private static String holders(WhatIfOutcome outcome, boolean after) {
        StringBuilder text = new StringBuilder();
        for (InstanceStates states : after ? outcome.after() : outcome.before()) {
            text.append(states.instance()).append('=').append(String.join("+", states.masters())).append(' ');
        }
        return text.toString().trim();
    }

    @Test
    void failuresOfferEachInterfaceAStopAndACrashPerDirector() throws Exception {
        List<String> labels = WhatIf.failures(TestData.seedCluster()).stream().map(Failure::label).toList();
        assertEquals(List.of("director1: eth0 down", "director1: eth1 down", "director1: keepalived stopped",
                "director1: crash", "director2: eth0 down", "director2: eth1 down", "director2: keepalived stopped",
                "director2: crash"), labels);
    }

    @Test
    void steadyStateIsTheCaseStudyDistribution() throws Exception {
        WhatIfOutcome outcome = WhatIf.run(TestData.seedCluster(), Optional.empty());
        assertEquals("VI_1=director1 VI_2=director1 VI_3=director2 VI_4=director2", holders(outcome, true));
        assertEquals(VrrpState.BACKUP, outcome.after().getFirst().state("director2"));
        assertEquals(List.of(), outcome.splitBrainAfter());
    }

    @Test
    void eth0DownMovesTheWholeSyncGroupAndLeavesTheFaultVisible() throws Exception {
        WhatIfOutcome outcome = WhatIf.run(TestData.seedCluster(), Optional.of(new Failure.LinkDown("director1", "eth0")));
        assertEquals("VI_1=director1 VI_2=director1 VI_3=director2 VI_4=director2", holders(outcome, false));
        assertEquals("VI_1=director2 VI_2=director2 VI_3=director2 VI_4=director2", holders(outcome, true));
        assertEquals(VrrpState.FAULT, outcome.after().getFirst().state("director1"));
        assertEquals("t=10.000 director1 eth0 down", outcome.timeline().getFirst(), "the timeline starts at the failure");
        assertEquals(List.of(), outcome.splitBrainAfter());
    }

    @Test
    void crashOfDirectorTwoLeavesEverythingOnDirectorOne() throws Exception {
        WhatIfOutcome outcome = WhatIf.run(TestData.seedCluster(), Optional.of(new Failure.Crash("director2")));
        assertEquals("VI_1=director1 VI_2=director1 VI_3=director1 VI_4=director1", holders(outcome, true));
        assertEquals(VrrpState.INITIALIZE, outcome.after().get(2).state("director2"), "a crashed director holds nothing");
    }

    @Test
    void twoMastersOfOneInstanceAreASplitBrainAndNoMasterMeansUnserved() {
        // the shared model puts both directors on one segment, so the simulation cannot part them; the flag is
        // for states as such (and for scenarios the engine may add, such as lost adverts)
        InstanceStates split = new InstanceStates("VI_1", java.util.Map.of("lvs1", VrrpState.MASTER, "lvs2", VrrpState.MASTER));
        assertTrue(split.splitBrain());
        assertEquals(List.of("lvs1", "lvs2"), split.masters());
        InstanceStates unserved = new InstanceStates("VI_1", java.util.Map.of("lvs1", VrrpState.FAULT, "lvs2", VrrpState.BACKUP));
        assertTrue(unserved.unserved() && !unserved.splitBrain());
        assertEquals(VrrpState.INITIALIZE, unserved.state("lvs3"));
    }
}

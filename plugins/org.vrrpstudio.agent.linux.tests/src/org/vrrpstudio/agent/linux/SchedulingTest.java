package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** SCHED_FIFO for one thread through sched_setscheduler (issue 18, the agent's --realtime). */
class SchedulingTest {

    /** Field 41 of /proc/thread-self/stat: the thread's scheduling policy (0 normal, 1 FIFO). */
    private static int policyOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[41 - 3]);
    }

    @Test
    void theCallingThreadOnlyGoesUnderFifoOrTheRefusalSaysWhy() throws Exception {
        AtomicReference<Optional<String>> outcome = new AtomicReference<>();
        AtomicReference<Integer> policy = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            outcome.set(Scheduling.fifo(1));
            try {
                policy.set(policyOfThisThread());
            } catch (Exception e) {
                policy.set(-1);
            }
        });
        thread.join();
        if (outcome.get().isPresent()) {
            assertTrue(outcome.get().get().contains("errno"), outcome.get().get());
            Assumptions.assumeTrue(false, "SCHED_FIFO refused here (no CAP_SYS_NICE): " + outcome.get().get());
        }
        assertEquals(1, policy.get(), "the thread that asked runs under SCHED_FIFO");
        assertEquals(0, policyOfThisThread(), "the other threads keep the normal scheduler");
    }

    @Test
    void aPriorityOutsideTheRangeIsRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> Scheduling.fifo(0));
        assertThrows(IllegalArgumentException.class, () -> Scheduling.fifo(100));
    }
}

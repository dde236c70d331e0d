package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** SCHED_FIFO for one thread, or every thread, through sched_setscheduler (issue 18, the agent's --realtime). */
class SchedulingTest {

    /** Field 41 of /proc/thread-self/stat: the thread's scheduling policy (0 normal, 1 FIFO). */
    private static int policyOfThisThread() throws Exception {
        return policy(Path.of("/proc/thread-self/stat"));
    }

    private static int policy(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[41 - 3]);
    }

    /** The policy of every thread of this process that still runs, by thread id. */
    private static Map<Integer, Integer> policies() throws IOException {
        Map<Integer, Integer> policies = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    policies.put(Integer.parseInt(task.getFileName().toString()), policy(task.resolve("stat")));
                } catch (NoSuchFileException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return policies;
    }

    @Test
    void everyThreadOfTheProcessGoesUnderFifo() throws Exception {
        Scheduling.Everyone everyone = Scheduling.fifoEveryThread(1);
        try {
            if (everyone.threads() == 0) {
                Assumptions.assumeTrue(false, "SCHED_FIFO refused here (no CAP_SYS_NICE): " + everyone.refused().orElse("?"));
            }
            assertEquals(Optional.empty(), everyone.refused());
            Map<Integer, Integer> policies = policies();
            assertTrue(policies.values().stream().allMatch(policy -> policy == 1),
                    "the JVM's threads and this test's run under SCHED_FIFO: " + policies);
        } finally {
            // this test JVM goes on running other tests: back to the normal scheduler for every thread
            try (Arena arena = Arena.ofConfined()) {
                for (int tid : policies().keySet()) {
                    LibC.schedSetscheduler(arena, tid, 0, 0);
                }
            }
        }
        assertTrue(policies().values().stream().allMatch(policy -> policy == 0), "restored");
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

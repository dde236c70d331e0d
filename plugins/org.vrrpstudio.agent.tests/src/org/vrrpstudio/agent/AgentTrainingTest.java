package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.agent.linux.Capabilities;
import org.vrrpstudio.testing.NamespaceLan;

/**
 * The launcher's training run (issue 18, start to first advert): a real start of the built-in configuration in a
 * network namespace of its own, which leaves an ahead-of-time cache; and a refusal anywhere an interface other than lo
 * exists, so it can never send on a director's network.
 */
class AgentTrainingTest {

    @BeforeAll
    static void needsRootAndUnshare() {
        Assumptions.assumeTrue(Capabilities.check().sufficient(), "a training run needs root (unshare -n, veth pairs)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "no /usr/bin/unshare (util-linux)");
        Assumptions.assumeTrue(SeedLab.agentClassPath().isPresent(), "no class path for the child agent JVM could be found");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the training run did not end within 60 s");
            }
            return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly(); // only this run's own process, by its handle
        }
    }

    private static List<String> java(String... options) {
        List<String> command = new ArrayList<>(List.of(NamespaceLan.javaBinary(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", SeedLab.agentClassPath().orElseThrow(), AgentTraining.class.getName()));
        return command;
    }

    @Test
    void aRealStartInItsOwnNamespaceLeavesAnAheadOfTimeCache(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("agent.aot");
        Path userFile = dir.resolve("keepalived.conf");
        Files.writeString(userFile, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n"
                + " virtual_ipaddress {\n  192.168.200.10\n }\n notify_master \"/bin/touch " + dir.resolve("ran") + "\"\n}\n");
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "--"));
        command.addAll(java("-XX:AOTCacheOutput=" + cache));
        command.addAll(List.of("-f", userFile.toString()));

        Run run = run(command);

        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("training: every instance became MASTER"), run.output());
        for (String instance : List.of("VI_1", "VI_2", "VI_3", "VI_4")) {
            assertTrue(run.output().contains("(" + instance + ") Entering MASTER STATE"), run.output());
        }
        assertTrue(run.output().contains("VI_3: INITIALIZE -> MASTER"), "the address owner's path: " + run.output());
        assertTrue(Files.size(cache) > 1_000_000, "an ahead-of-time cache was written");
        assertFalse(Files.exists(dir.resolve("ran")), "the user's file is read, its scripts never run");
    }

    @Test
    void refusesANamespaceThatHasAnInterfaceBesideLo() throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "--", "sh", "-c",
                "ip link add vsreal0 type veth peer name vsreal1 && exec \"$@\"", "sh"));
        command.addAll(java());

        Run run = run(command);

        assertEquals(Agent.EXIT_USAGE, run.exit(), run.output());
        assertTrue(run.output().contains("training: refused, this network namespace has interfaces [vsreal0, vsreal1]")
                || run.output().contains("training: refused, this network namespace has interfaces [vsreal1, vsreal0]"),
                run.output());
        assertFalse(run.output().contains("Entering"), "nothing ran: " + run.output());
    }
}

package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our agent and Debian's keepalived 2.2.7 as the two directors of the case study, each way round, with AH and with
 * PASS: the same distribution, the same failover on eth0 down/up, and never both masters once converged.
 */
class InteropLabTest {

    @ParameterizedTest(name = "auth {0}, keepalived on {1}")
    @CsvSource({"AH, d2", "PASS, d2", "AH, d1", "PASS, d1"})
    void seedScenarioAgainstKeepalived(String auth, String keepalivedOn) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        try (SeedLab lab = SeedLab.create("k" + auth.charAt(0) + keepalivedOn.charAt(1))) {
            lab.startAgainstKeepalived(SeedLab.seedConfig(auth), keepalivedOn);
            try {
                lab.awaitVips(Duration.ofSeconds(25), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(3)); // converged: one master per instance, and it stays

                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "down");
                Duration failover = lab.awaitVips(Duration.ofSeconds(10), Set.of(), SeedLab.ALL);
                SeedLab.run("ip", "-n", lab.d1, "link", "set", "eth0", "up");
                lab.awaitVips(Duration.ofSeconds(15), SeedLab.INITIAL_D1, SeedLab.INITIAL_D2);
                AgentLabTest.assertStable(lab, Duration.ofSeconds(3));
                System.out.println("interop " + auth + ", keepalived on " + keepalivedOn + ": eth0 down on d1 -> six VIPs on d2 in "
                        + failover.toMillis() + " ms");
                String agent = keepalivedOn.equals("d1") ? "d2" : "d1";
                assertTrue(lab.rejected(agent, "AUTH_PASS_MISMATCH") + lab.rejected(agent, "BAD_ICV") + lab.rejected(agent, "REPLAYED") == 0,
                        () -> "our agent refused some of keepalived's adverts: " + lab.status(agent, true).orElse(""));
            } catch (AssertionError | Exception e) {
                System.err.println("--- d1 log\n" + lab.logText("d1") + "--- d2 log\n" + lab.logText("d2"));
                throw e;
            }
        }
    }
}

package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.live.SshDirectorProbe;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.testing.TestSshd;

/**
 * The keepalived side of the live probe over a real sshd, against a stand-in daemon: a script called keepalived (so
 * /proc/PID/comm says keepalived) that answers {@code --signum=JSON} like 2.2.7 and, on that signal, writes a recorded
 * JSON dump, the first time only its first 300 bytes (a dump caught half written).
 */
class LiveKeepalivedProbeTest {

    private static final String FAKE = """
            #!/bin/bash
            case "$1" in
              --signum=JSON) echo 36; exit 0 ;;
              daemon)
                json=$2; full=$3; echo $$ > "$4"; n=0
                trap 'n=$((n + 1)); echo $n > "$json.signals"; if [ $n -eq 1 ]; then head -c 300 "$full" > "$json"; else cp "$full" "$json"; fi' RTMIN+2
                while :; do sleep 0.05 & wait $!; done ;;
            esac
            exit 2
            """;

    @TempDir
    static Path tmp;
    static TestSshd sshd;
    static Process daemon;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fake = bin.resolve("keepalived");
        Files.writeString(fake, FAKE);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Files.copy(Path.of("data", "keepalived-dump.json"), tmp.resolve("full.json"));
        daemon = new ProcessBuilder(fake.toString(), "daemon", tmp.resolve("keepalived.json").toString(),
                tmp.resolve("full.json").toString(), tmp.resolve("keepalived.pid").toString()).start();
        for (int i = 0; i < 100 && !Files.exists(tmp.resolve("keepalived.pid")); i++) {
            Thread.sleep(20);
        }
        sshd = TestSshd.start(tmp.resolve("sshd"), bin);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshDirectorProbe probe(String pidFile) throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
        Path config = tmp.resolve("keepalived.conf");
        Files.writeString(config, "vrrp_instance VI_1 {\n}\n");
        DeployTarget target = new DeployTarget("d1", "127.0.0.1", sshd.port(), sshd.user(), sshd.clientKey(), knownHosts,
                config.toString(), DaemonKind.KEEPALIVED, null, null, null);
        return new SshDirectorProbe(target, DeployOptions.DEFAULTS, PassphraseProvider.NONE, Clock.systemUTC(), null, pidFile,
                tmp.resolve("keepalived.json").toString());
    }

    private static final Intended INTENDED = new Intended(List.of("d1"), List.of(
            new Intended.Instance("VI_1", 51, "d1", Map.of("d1", 150), List.of("192.168.200.10")),
            new Intended.Instance("VI_2", 52, "d1", Map.of("d1", 100), List.of("192.168.200.11"))));

    @Test
    void aHalfWrittenDumpIsReadAgainAndTheDumpIsRemoved() throws Exception {
        try (SshDirectorProbe probe = probe(tmp.resolve("keepalived.pid").toString())) {
            DirectorSnapshot snapshot = probe.refresh(INTENDED);
            assertTrue(snapshot.reachable(), snapshot.error());
            assertEquals("MASTER", snapshot.instances().get("VI_1").state());
            assertEquals(150, snapshot.instances().get("VI_1").priority());
            assertEquals(2, snapshot.instances().size());
            assertFalse(Files.exists(tmp.resolve("keepalived.json")), "the dump asked for is removed (it holds auth_pass)");
            assertEquals("2", Files.readString(tmp.resolve("keepalived.json.signals")).strip(),
                    "the first dump was caught half written: asked for again, read complete");
        }
    }

    @Test
    void keepalivedNotRunningIsUnreachableWithTheReason() throws Exception {
        Path stale = tmp.resolve("stale.pid");
        Files.writeString(stale, "999999\n");
        try (SshDirectorProbe probe = probe(stale.toString())) {
            DirectorSnapshot snapshot = probe.refresh(INTENDED);
            assertFalse(snapshot.reachable());
            assertTrue(snapshot.error().startsWith("keepalived is not running: PID 999999 from " + stale), snapshot.error());
        }
    }
}

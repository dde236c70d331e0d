package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.vrrp.binding.NotifyFifoScript;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.TransitionReason;
import org.vrrpstudio.vrrp.engine.VrrpState;

/** keepalived's notify_fifo_script with a real script: started with the FIFO, reading its lines, stopped by SIGTERM. */
class NotifyFifoScriptTest {

    private static StateTransition master(int priority) {
        return new StateTransition(Instant.EPOCH, "local", "VI_1", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.values()[0], "",
                priority);
    }

    private static List<String> waitForLine(Path file, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file).contains(line)) {
                return Files.readAllLines(file);
            }
            Thread.sleep(50);
        }
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void theScriptReadsTheFifoAsItsUserIsKeptAtAnUnchangedReloadAndStoppedWithSigterm(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ScriptPolicy.HOST.ownUid() == 0, "running a script as another user needs root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(ScriptPolicy.SETPRIV)), "setpriv (util-linux) is not installed");
        ScriptPolicy.Identity nobody = ScriptPolicy.HOST.user("nobody").orElse(null);
        Assumptions.assumeTrue(nobody != null, "no user nobody on this host");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path lines = out.resolve("lines");
        Path script = dir.resolve("reader.sh");
        // "ready" once the TERM trap is set: a SIGTERM before that would end it without a word
        Files.writeString(script, "#!/bin/sh\necho \"start $(id -u) $# $1\" >> " + lines + "\ntrap 'echo TERM >> " + lines
                + "; exit 0' TERM\necho ready >> " + lines + "\nwhile read line; do echo \"$line\" >> " + lines + "; done < \"$2\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path path = dir.resolve("notify.fifo");
        NotifyFifoScript asNobody = new NotifyFifoScript(script + " one", Optional.of(nobody.uid() + " " + nobody.gid()));
        ProcessHandle first;
        try (NotifyFifo fifo = new NotifyFifo(path, new AgentLog(System.err, false))) {
            fifo.useScript(Optional.of(asNobody));
            fifo.onTransition(master(100));
            List<String> seen = waitForLine(lines, "INSTANCE \"VI_1\" MASTER 100");
            assertTrue(seen.contains("INSTANCE \"VI_1\" MASTER 100"), seen.toString());
            assertEquals("start " + nobody.uid() + " 2 one", seen.getFirst(), "as nobody, the FIFO as the last argument");
            assertEquals(nobody.uid(), (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                    "the 0600 FIFO belongs to the script's user, who must open it");
            first = fifo.scriptProcess().orElseThrow();
            fifo.useScript(Optional.of(asNobody)); // a reload that keeps it
            assertEquals(Optional.of(first.pid()), fifo.scriptProcess().map(ProcessHandle::pid), "kept running");
            fifo.useScript(Optional.of(new NotifyFifoScript(script + " two", asNobody.user())));
            ProcessHandle second = fifo.scriptProcess().orElseThrow();
            assertNotEquals(first.pid(), second.pid(), "a changed script is restarted");
            fifo.onTransition(master(101));
            seen = waitForLine(lines, "INSTANCE \"VI_1\" MASTER 101");
            assertTrue(seen.contains("INSTANCE \"VI_1\" MASTER 101"), seen.toString());
            assertTrue(seen.contains("start " + nobody.uid() + " 2 two"), seen.toString());
            fifo.useScript(Optional.empty()); // removed at a reload
            assertEquals(Optional.empty(), fifo.scriptProcess());
            fifo.useScript(Optional.of(asNobody));
            first = fifo.scriptProcess().orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.readAllLines(lines).stream().filter("ready"::equals).count() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertFalse(first.isAlive(), "stopped with the agent");
        List<String> all = Files.readAllLines(lines);
        assertEquals(3, all.stream().filter("TERM"::equals).count(), "every stop is a SIGTERM the script sees: " + all);
        assertEquals("TERM", all.getLast(), all.toString());
    }
}

package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.vrrp.binding.CheckScript;

/** keepalived's vrrp_script semantics in the agent: defaults, rise/fall, timeout, init_fail, reload. */
class ScriptTrackerTest {

    private record Change(String script, boolean ok) {
    }

    private final LinkedBlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AgentLog log = new AgentLog(new PrintStream(logged, true, StandardCharsets.UTF_8), false);

    @Test
    void riseAndFallNeedThatManyResultsInARow() {
        var check = new ScriptTracker.Check(2, 3, true);
        assertEquals(Optional.empty(), check.record(false));
        assertEquals(Optional.empty(), check.record(false));
        assertEquals(Optional.empty(), check.record(true), "a success in between starts the count again");
        assertEquals(Optional.empty(), check.record(false));
        assertEquals(Optional.empty(), check.record(false));
        assertEquals(Optional.of(false), check.record(false), "the third failure in a row");
        assertEquals(Optional.empty(), check.record(false));
        assertEquals(Optional.empty(), check.record(true));
        assertEquals(Optional.of(true), check.record(true), "the second success in a row");
        assertTrue(check.ok());
    }

    @Test
    void definitionTakesKeepalivedsDefaults() {
        var script = new CheckScript("chk", Optional.of("/usr/bin/pgrep -x \"ha proxy\""), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty());
        var definition = ScriptTracker.Definition.of(script).orElseThrow();
        assertEquals(List.of("/usr/bin/pgrep", "-x", "ha proxy"), definition.command());
        assertEquals(Duration.ofSeconds(1), definition.interval());
        assertEquals(Duration.ofSeconds(1), definition.timeout(), "timeout defaults to the interval");
        assertEquals(1, definition.rise());
        assertEquals(1, definition.fall());
        assertFalse(definition.initFail());
        assertEquals(definition.command(), definition.processCommand());

        var withUser = ScriptTracker.Definition.of(new CheckScript("chk", script.script(), OptionalInt.of(5), OptionalInt.empty(),
                OptionalInt.of(0), OptionalInt.of(3), OptionalInt.empty(), true, Optional.of("nobody nogroup"))).orElseThrow();
        assertEquals(Duration.ofSeconds(5), withUser.timeout());
        assertEquals(1, withUser.rise(), "rise 0 means 1");
        assertEquals(3, withUser.fall());
        assertTrue(withUser.initFail());
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--init-groups", "--", "/usr/bin/pgrep",
                "-x", "ha proxy"), withUser.processCommand());

        // written some other way: kept as text, not run
        assertEquals(Optional.empty(), ScriptTracker.Definition.of(new CheckScript("chk", Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), false, Optional.empty())));
    }

    @Test
    void failingCheckIsReportedAfterFallAndRecoversAfterRise(@TempDir Path dir) throws Exception {
        Path flag = dir.resolve("fail");
        Path check = script(dir, "check.sh", "#!/bin/sh\n[ -e " + flag + " ] && exit 1\nexit 0\n");
        try (var tracker = new ScriptTracker((name, ok) -> changes.add(new Change(name, ok)), log)) {
            tracker.use(Map.of("chk", definition("chk", List.of(check.toString()), 1, 2, 2, false)));
            assertEquals(null, changes.poll(1_500, TimeUnit.MILLISECONDS), "a passing check reports nothing");
            Files.createFile(flag);
            assertEquals(new Change("chk", false), changes.poll(5, TimeUnit.SECONDS));
            assertEquals(Map.of("chk", false), tracker.states());
            Files.delete(flag);
            assertEquals(new Change("chk", true), changes.poll(5, TimeUnit.SECONDS));
        }
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("vrrp_script chk: failing"), logged.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hangingCheckIsKilledAtItsTimeoutAndCountsAsFailure(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        Path hang = script(dir, "hang.sh", "#!/bin/sh\necho $$ > " + pidFile + "\nexec sleep 60\n");
        try (var tracker = new ScriptTracker((name, ok) -> changes.add(new Change(name, ok)), log)) {
            tracker.use(Map.of("hang", definition("hang", List.of(hang.toString()), 1, 1, 1, false)));
            assertEquals(new Change("hang", false), changes.poll(5, TimeUnit.SECONDS));
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Thread.sleep(300);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the hanging check was killed");
        }
    }

    @Test
    void initFailStartsFailingAndAnUnchangedDefinitionKeepsItsStateOverAReload(@TempDir Path dir) throws Exception {
        Path ok = script(dir, "ok.sh", "#!/bin/sh\nexit 0\n");
        var definition = definition("chk", List.of(ok.toString()), 1, 1, 3, true);
        try (var tracker = new ScriptTracker((name, state) -> changes.add(new Change(name, state)), log)) {
            tracker.use(Map.of("chk", definition));
            assertEquals(new Change("chk", false), changes.poll(1, TimeUnit.SECONDS), "init_fail: failing from the start");
            assertEquals(new Change("chk", true), changes.poll(5, TimeUnit.SECONDS), "rise 1: the first success");
            tracker.use(Map.of("chk", definition));
            assertEquals(null, changes.poll(1_500, TimeUnit.MILLISECONDS), "same definition: no restart, no change");
            assertEquals(Map.of("chk", true), tracker.states());
            tracker.use(Map.of());
            assertEquals(Map.of(), tracker.states(), "no longer tracked: stopped");
        }
    }

    private static ScriptTracker.Definition definition(String name, List<String> command, int interval, int rise, int fall,
            boolean initFail) {
        return new ScriptTracker.Definition(name, command, Duration.ofSeconds(interval), Duration.ofSeconds(interval), rise, fall,
                initFail, Optional.empty());
    }

    private static Path script(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}

package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's track files in the agent: values read at once on change, init_file, reload. */
class TrackFileWatcherTest {

    private record Change(String name, long value) {
    }

    /** inotify is immediate; this only bounds a broken test. */
    private static final long WAIT_SECONDS = 5;

    private final LinkedBlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AgentLog log = new AgentLog(new PrintStream(logged, true, StandardCharsets.UTF_8), false);

    private TrackFileWatcher watcher() throws Exception {
        return new TrackFileWatcher((name, value) -> changes.add(new Change(name, value)), log);
    }

    private static TrackFileWatcher.Definition plain(String name, Path file) {
        return new TrackFileWatcher.Definition(name, file, OptionalLong.empty(), false);
    }

    private Change next() throws InterruptedException {
        return changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** No further change arrives (a quiet period well past the watcher's settle time). */
    private void assertQuiet() throws InterruptedException {
        assertNull(changes.poll(300, TimeUnit.MILLISECONDS), "no further change expected");
    }

    @Test
    void aNumberWrittenAsTextIsTheValueAndAnythingElseCountsAsZero() {
        assertEquals(OptionalLong.of(5), TrackFileWatcher.parse("5\n"));
        assertEquals(OptionalLong.of(-12), TrackFileWatcher.parse("  -12 trailing words"));
        assertEquals(OptionalLong.of(3), TrackFileWatcher.parse("+3"));
        assertEquals(OptionalLong.empty(), TrackFileWatcher.parse(""));
        assertEquals(OptionalLong.empty(), TrackFileWatcher.parse("up\n"));
        assertEquals(OptionalLong.of(Integer.MAX_VALUE), TrackFileWatcher.parse("99999999999999999999999"));
        assertEquals(OptionalLong.of(Integer.MIN_VALUE), TrackFileWatcher.parse("-5000000000"));
    }

    @Test
    void theValueIsReadAtOnceAndEachChangeIsHandedOn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weight");
        Files.writeString(file, "4\n");
        try (var watcher = watcher()) {
            watcher.use(Map.of("lb", plain("lb", file)));
            assertEquals(new Change("lb", 4), next(), "read when first tracked");
            assertEquals(Map.of("lb", 4L), watcher.values());

            Files.writeString(file, "-300\n");
            assertEquals(new Change("lb", -300), next(), "a write in place");

            Path replacement = dir.resolve("weight.tmp");
            Files.writeString(replacement, "7\n");
            Files.move(replacement, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(new Change("lb", 7), next(), "a file replaced by a rename");

            Files.writeString(file, "7\n");
            assertQuiet(); // rewriting the same number changes nothing

            Files.delete(file);
            assertEquals(new Change("lb", 0), next(), "a file that disappeared counts as 0");
            Files.writeString(file, "2\n");
            assertEquals(new Change("lb", 2), next(), "and is seen again when it comes back");

            Files.writeString(dir.resolve("unrelated"), "9\n");
            assertQuiet();
            assertEquals(Map.of("lb", 2L), watcher.values());
        }
    }

    @Test
    void missingOrNonNumericFilesCountAsZeroAndAreSaidOnce(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Path words = dir.resolve("words");
        Files.writeString(words, "fine\n");
        try (var watcher = watcher()) {
            watcher.use(Map.of("gone", plain("gone", missing), "text", plain("text", words)));
            assertEquals(Map.of("gone", 0L, "text", 0L), watcher.values());
            changes.clear();
            String said = logged.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("track_file gone: " + missing + " is missing; it counts as 0"), said);
            assertTrue(said.contains("track_file text: " + words + " holds no number; it counts as 0"), said);

            Files.writeString(words, "still fine\n");
            Files.writeString(dir.resolve("other"), "x");
            assertQuiet();
            String again = logged.toString(StandardCharsets.UTF_8);
            assertEquals(1, again.split("holds no number", -1).length - 1, "said once, not on every write: " + again);
        }
    }

    @Test
    void initFileCreatesAMissingFileAndOverwritesOnlyAtStart(@TempDir Path dir) throws Exception {
        Path created = dir.resolve("created");
        Path kept = dir.resolve("kept");
        Path overwritten = dir.resolve("overwritten");
        Files.writeString(kept, "3\n");
        Files.writeString(overwritten, "3\n");
        try (var watcher = watcher()) {
            watcher.use(Map.of(
                    "created", new TrackFileWatcher.Definition("created", created, OptionalLong.of(0), false),
                    "kept", new TrackFileWatcher.Definition("kept", kept, OptionalLong.of(5), false),
                    "overwritten", new TrackFileWatcher.Definition("overwritten", overwritten, OptionalLong.of(-5), true)));
            assertEquals("0\n", Files.readString(created), "init_file without a value writes 0");
            assertEquals(Map.of("created", 0L, "kept", 3L, "overwritten", -5L), watcher.values());

            // a reload: the file changed meanwhile, and a new name asks for overwrite; neither is overwritten
            changes.clear();
            Files.writeString(overwritten, "8\n");
            assertEquals(new Change("overwritten", 8), next());
            Path later = dir.resolve("later");
            Files.writeString(later, "6\n");
            Path laterMissing = dir.resolve("later-missing");
            watcher.use(Map.of(
                    "overwritten", new TrackFileWatcher.Definition("overwritten", overwritten, OptionalLong.of(-5), true),
                    "later", new TrackFileWatcher.Definition("later", later, OptionalLong.of(1), true),
                    "laterMissing", new TrackFileWatcher.Definition("laterMissing", laterMissing, OptionalLong.of(1), false)));
            assertEquals("6\n", Files.readString(later));
            assertEquals("1\n", Files.readString(laterMissing), "a missing file is still created on reload");
            assertEquals(8L, watcher.values().get("overwritten"));
        }
    }

    @Test
    void aReloadKeepsUnchangedFilesAndReadsAMovedOneAgain(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere")).resolve("moved");
        Files.writeString(first, "1\n");
        Files.writeString(second, "2\n");
        Files.writeString(elsewhere, "20\n");
        try (var watcher = watcher()) {
            watcher.use(Map.of("a", plain("a", first), "b", plain("b", second)));
            changes.clear();

            watcher.use(Map.of("a", plain("a", first), "b", plain("b", elsewhere)));
            assertEquals(new Change("b", 20), next(), "b now names another file: read and handed on");
            assertQuiet(); // a is unchanged: nothing said again
            assertEquals(Map.of("a", 1L, "b", 20L), watcher.values());

            Files.writeString(second, "5\n");
            assertQuiet(); // the old file of b is no longer watched
            Files.writeString(elsewhere, "21\n");
            assertEquals(new Change("b", 21), next());

            watcher.use(Map.of("b", plain("b", elsewhere)));
            assertEquals(Map.of("b", 21L), watcher.values(), "a is no longer tracked");
            Files.writeString(first, "9\n");
            assertQuiet();
        }
    }

    @Test
    void afterCloseNoValueIsHandedOn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weight");
        Files.writeString(file, "1\n");
        var watcher = watcher();
        watcher.use(Map.of("lb", plain("lb", file)));
        assertEquals(new Change("lb", 1), next());
        watcher.close();
        Files.writeString(file, "2\n");
        assertQuiet();
    }
}

package org.vrrpstudio.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vrrpstudio.config.TrackFileSettings;

/**
 * keepalived's track files: the number in each file the running instances track, read at once when the file changes.
 * One thread waits on a {@link WatchService} over the files' directories (inotify on Linux; watching the directory
 * also sees a file created, replaced by a rename, or deleted) and only hands new values on. A file that is missing,
 * unreadable or holds no number reads 0, as keepalived treats a file that has disappeared. The watch service and its
 * thread start with the first tracked file: a director without track files pays nothing for them.
 */
final class TrackFileWatcher implements AutoCloseable {

    /**
     * One track_file block as the agent runs it.
     *
     * @param initValue {@code init_file [VALUE]}: written when the file is missing (or always, with {@code overwrite})
     */
    record Definition(String name, Path file, OptionalLong initValue, boolean overwrite) {
        Definition {
            Objects.requireNonNull(name, "name");
            file = file.toAbsolutePath().normalize();
        }

        static Definition of(TrackFileSettings block) {
            return new Definition(block.name(), Path.of(block.file().orElseThrow()), block.initValue(), block.overwrite());
        }
    }

    /** A shell's {@code echo 5 > file} truncates, then writes: the read waits this long so it sees the number. */
    static final long SETTLE_MILLIS = 20;

    private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*([+-]?\\d+)");

    private final BiConsumer<String, Long> onChange;
    private final AgentLog log;
    private WatchService watchService; // both created with the first directory to watch
    private Thread thread;
    private final Map<String, Watched> watched = new HashMap<>();
    private final Map<Path, WatchKey> keysByDirectory = new HashMap<>();
    private boolean used;

    private static final class Watched {
        final Definition definition;
        long value;
        String problem; // said once, until it changes

        Watched(Definition definition) {
            this.definition = definition;
        }
    }

    /**
     * @param onChange called with a track file's name and its new value, from {@link #use} or the watcher thread, while
     *                 this watcher's lock is held: it must only hand the value on (post it), never block
     */
    TrackFileWatcher(BiConsumer<String, Long> onChange, AgentLog log) {
        this.onChange = onChange;
        this.log = log;
    }

    /**
     * Watches exactly these files from now on. An unchanged definition keeps being watched with its value; a new or
     * changed one is read now and its value handed on (so a unit kept across a reload sees a file that moved). The
     * first call is the start: there {@code init_file} writes a missing file, and with {@code overwrite} any file;
     * later calls (reloads) only create a missing file of a newly tracked name, never overwrite (keepalived's reload).
     */
    synchronized void use(Map<String, Definition> definitions) {
        boolean starting = !used;
        used = true;
        watched.entrySet().removeIf(entry -> !entry.getValue().definition.equals(definitions.get(entry.getKey())));
        definitions.forEach((name, definition) -> {
            Watched kept = watched.get(name);
            if (kept != null) {
                // a directory that could not be watched before (missing then) is tried again on each reload
                Path directory = definition.file().getParent();
                if (!keysByDirectory.containsKey(directory) && register(directory) && read(kept)) {
                    onChange.accept(name, kept.value);
                }
                return;
            }
            initialise(definition, starting);
            Watched file = new Watched(definition);
            watched.put(name, file);
            register(definition.file().getParent());
            read(file);
            onChange.accept(name, file.value);
        });
        // directories no file is watched in any more
        keysByDirectory.entrySet().removeIf(entry -> {
            boolean unused = watched.values().stream().noneMatch(w -> w.definition.file().getParent().equals(entry.getKey()));
            if (unused) {
                entry.getValue().cancel();
            }
            return unused;
        });
    }

    /** The files' current values (what a unit started by a reload must be told before it starts). */
    synchronized Map<String, Long> values() {
        Map<String, Long> values = new HashMap<>();
        watched.forEach((name, file) -> values.put(name, file.value));
        return values;
    }

    /** keepalived reads a number written as text; anything else counts as 0 (empty when there is no number). */
    static OptionalLong parse(String content) {
        Matcher number = LEADING_INTEGER.matcher(content);
        if (!number.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.clamp(Long.parseLong(number.group(1)), Integer.MIN_VALUE, Integer.MAX_VALUE));
        } catch (NumberFormatException e) { // more digits than a long holds
            return OptionalLong.of(number.group(1).startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE);
        }
    }

    private void initialise(Definition definition, boolean starting) {
        if (definition.initValue().isEmpty()) {
            return;
        }
        boolean missing = !Files.exists(definition.file());
        if (missing || starting && definition.overwrite()) {
            try {
                Files.writeString(definition.file(), definition.initValue().getAsLong() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                log.warn("track_file " + definition.name() + ": cannot write init_file value to " + definition.file() + ": "
                        + e.getMessage());
            }
        }
    }

    /** Returns whether the directory is watched now. */
    private boolean register(Path directory) {
        if (keysByDirectory.containsKey(directory)) {
            return true;
        }
        try {
            if (watchService == null) {
                WatchService service = FileSystems.getDefault().newWatchService();
                watchService = service;
                thread = Thread.ofPlatform().daemon().name("vrrp-track-files").start(() -> watch(service));
            }
            keysByDirectory.put(directory, directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
            return true;
        } catch (IOException e) {
            // the directory is missing or not ours to watch: the value stays what it was read as until a reload
            log.warn("cannot watch " + directory + " for track files (" + e + "); changes are seen after a reload");
            return false;
        }
    }

    /** Reads one file into its entry; returns whether the value changed. */
    private boolean read(Watched file) {
        Definition definition = file.definition;
        long before = file.value;
        String problem = null;
        try {
            String content = Files.readString(definition.file(), StandardCharsets.US_ASCII);
            OptionalLong value = parse(content);
            file.value = value.orElse(0);
            if (value.isEmpty()) {
                problem = "holds no number";
            }
        } catch (NoSuchFileException e) {
            file.value = 0;
            problem = "is missing";
        } catch (IOException | RuntimeException e) { // unreadable, a directory, not text
            file.value = 0;
            problem = "cannot be read (" + e.getMessage() + ")";
        }
        if (problem != null && !problem.equals(file.problem)) {
            log.warn("track_file " + definition.name() + ": " + definition.file() + " " + problem + "; it counts as 0");
        }
        file.problem = problem;
        return file.value != before;
    }

    private void watch(WatchService service) {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path directory = (Path) key.watchable();
            List<WatchEvent<?>> events = key.pollEvents();
            if (!key.reset()) { // the directory went away: a reload tries again
                synchronized (this) {
                    keysByDirectory.values().remove(key);
                }
            }
            boolean overflow = events.stream().anyMatch(e -> e.kind() == StandardWatchEventKinds.OVERFLOW);
            List<Path> changed = events.stream().map(WatchEvent::context).filter(Path.class::isInstance)
                    .map(p -> directory.resolve((Path) p)).toList();
            changed(directory, overflow, changed);
        }
    }

    /** Handing on under the lock keeps a value read here from overtaking one {@link #use} hands on in a reload. */
    private synchronized void changed(Path directory, boolean overflow, List<Path> paths) {
        for (Watched file : watched.values()) {
            Path path = file.definition.file();
            boolean affected = overflow ? path.getParent().equals(directory) : paths.contains(path);
            if (affected && read(file)) {
                log.info("track_file " + file.definition.name() + ": value " + file.value);
                onChange.accept(file.definition.name(), file.value);
            }
        }
    }

    /** Stops watching; no value reaches an instance after this returns (the thread is waited for briefly). */
    @Override
    public void close() {
        WatchService service;
        Thread watcher;
        synchronized (this) {
            service = watchService;
            watcher = thread;
        }
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the track file watcher: " + e.getMessage());
        }
        watcher.interrupt();
        try {
            watcher.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

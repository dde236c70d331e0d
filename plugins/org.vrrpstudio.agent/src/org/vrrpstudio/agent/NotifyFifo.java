package org.vrrpstudio.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.vrrpstudio.vrrp.binding.NotifyFifoScript;
import org.vrrpstudio.vrrp.engine.StateTransition;

/**
 * keepalived's {@code notify_fifo}: one line per instance transition, {@code INSTANCE "VI_1" MASTER 100}, and per
 * sync group change, {@code GROUP "VG_1" MASTER 0}, written to
 * a FIFO a reader (a monitoring script) holds open. Opening a FIFO blocks until a reader comes, and a reader may go
 * away, so a thread of its own writes; the engine thread only queues (bounded: with nobody reading, old lines are
 * dropped, never the engine slowed).
 * <p>
 * keepalived's {@code notify_fifo_script SCRIPT [USER [GROUP]]}: started once the FIFO exists, with the FIFO's path as
 * its last argument and the identity the script policy gave it (the FIFO, mode 0600, is then owned by that identity so
 * the script can open it, as keepalived chowns it to the script user); stopped with SIGTERM when the agent stops. At a
 * reload an unchanged script keeps running, a changed one is stopped and the new one started, a removed or refused one
 * stopped. Starting and stopping happen on a thread of their own, never on the engine thread.
 */
final class NotifyFifo implements AutoCloseable {

    static final int QUEUE_LIMIT = 1024;

    private final Path path;
    private final AgentLog log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final Thread writer;
    private volatile boolean closed;
    /** Set when the agent stops: the script's end is then expected. */
    private volatile boolean stopping;
    /** Starts and stops the notify_fifo_script, one step after the other. */
    private final java.util.concurrent.ExecutorService scriptRunner = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "vrrp-notify-fifo-script");
        thread.setDaemon(true);
        return thread;
    });
    /** The script running now and how it was asked for (touched on {@link #scriptRunner} only). */
    private Process script;
    private Optional<NotifyFifoScript> scriptAskedFor = Optional.empty();
    /** Seconds a script gets to end after SIGTERM before it is killed. */
    static final long SCRIPT_STOP_SECONDS = 2;

    NotifyFifo(Path path, AgentLog log) throws IOException {
        this.path = path;
        this.log = log;
        if (!Files.exists(path)) {
            create(path);
        }
        writer = new Thread(this::writeLines, "vrrp-notify-fifo");
        writer.setDaemon(true); // may sit in open(2) until a reader comes: must not keep the JVM alive
        writer.start();
    }

    /** keepalived's line for a transition. */
    static String line(StateTransition t) {
        return "INSTANCE \"" + t.instance() + "\" " + Notifier.stateWord(t) + " " + t.priority();
    }

    /** keepalived's line for a sync group's change; empty for STOP (it only applies to instances). */
    static Optional<String> line(SyncGroupStates.Change change) {
        return change.state().equals("STOP") ? Optional.empty()
                : Optional.of("GROUP \"" + change.group() + "\" " + change.state() + " 0");
    }

    /** Called on the engine thread. */
    void onTransition(StateTransition t) {
        queue(line(t));
    }

    /** Called on the engine thread. */
    void onGroupChange(SyncGroupStates.Change change) {
        line(change).ifPresent(this::queue);
    }

    private void queue(String line) {
        if (!lines.offer(line)) {
            lines.poll();
            lines.offer(line);
        }
    }

    private void writeLines() {
        String pending = null;
        while (!closed) {
            try (OutputStream out = Files.newOutputStream(path)) { // blocks until a reader opens the FIFO
                while (!closed) {
                    if (pending == null) {
                        pending = lines.poll(250, TimeUnit.MILLISECONDS);
                    }
                    if (pending != null) { // one line is shorter than PIPE_BUF: written whole or not at all
                        out.write((pending + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        pending = null;
                    }
                }
            } catch (IOException e) {
                // the reader went away (EPIPE; a notify_fifo_script restarted): the line in hand goes to the next one
                log.debug("notify_fifo " + path + ": " + e.getMessage());
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void create(Path path) throws IOException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0600", path.toString()).redirectErrorStream(true).start();
            String output = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (mkfifo.waitFor() != 0) {
                throw new IOException("cannot create notify_fifo " + path + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating notify_fifo " + path);
        }
    }

    /**
     * The notify_fifo_script from now on, as the script policy judged it (its {@code user}: {@code UID GID}, blank for
     * the agent's own; empty: none, or refused). Returns at once.
     */
    void useScript(Optional<NotifyFifoScript> wanted) {
        try {
            scriptRunner.execute(() -> switchScript(wanted));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: no script is started any more
        }
    }

    /** The script's process now, for tests and the status (empty: none running). */
    Optional<ProcessHandle> scriptProcess() {
        try {
            return scriptRunner.submit(() -> Optional.ofNullable(script).filter(Process::isAlive).map(Process::toHandle))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void switchScript(Optional<NotifyFifoScript> wanted) {
        if (wanted.equals(scriptAskedFor) && script != null && script.isAlive()) {
            return; // a reload that keeps it: it keeps reading
        }
        stopScript();
        scriptAskedFor = wanted;
        if (wanted.isEmpty() || stopping) {
            return;
        }
        List<String> command = new ArrayList<>(Notifier.words(wanted.get().script()));
        command.add(path.toString()); // keepalived passes the FIFO as the last argument
        Optional<String> runAs = wanted.get().user().filter(u -> !u.isBlank());
        try {
            if (runAs.isPresent()) { // the FIFO is 0600: the script's user must own it to open it
                List<String> ids = Notifier.words(runAs.get());
                Files.setAttribute(path, "unix:gid", Integer.parseInt(ids.size() > 1 ? ids.get(1) : ids.getFirst()));
                Files.setAttribute(path, "unix:uid", Integer.parseInt(ids.getFirst()));
            }
            Process started = new ProcessBuilder(ScriptPolicy.command(command, runAs)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            script = started;
            log.info("notify_fifo_script " + command.getFirst() + " started (pid " + started.pid() + ")");
            started.onExit().thenAccept(ended -> {
                if (!stopping && ended == script) {
                    log.warn("notify_fifo_script " + command.getFirst() + " exited with " + ended.exitValue()
                            + "; not restarted until the next reload");
                }
            });
        } catch (IOException | RuntimeException e) {
            log.warn("notify_fifo_script " + command.getFirst() + " could not start: " + e.getMessage());
        }
    }

    /** SIGTERM, as keepalived stops it; killed when it has not ended after {@link #SCRIPT_STOP_SECONDS}. */
    private void stopScript() {
        Process running = script;
        script = null;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(SCRIPT_STOP_SECONDS, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                log.warn("notify_fifo_script killed: it did not end " + SCRIPT_STOP_SECONDS + " s after SIGTERM");
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives a connected reader up to a second to get the last lines (the STOP ones), stops the notify_fifo_script,
     * then ends the writer.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!lines.isEmpty() && System.nanoTime() < deadline) {
            pause();
        }
        // SIGTERM while the FIFO is still open, as keepalived does: the script ends on the signal, not on an EOF
        stopping = true;
        scriptRunner.execute(this::stopScript);
        scriptRunner.shutdown();
        try {
            scriptRunner.awaitTermination(SCRIPT_STOP_SECONDS + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        writer.interrupt();
    }
}

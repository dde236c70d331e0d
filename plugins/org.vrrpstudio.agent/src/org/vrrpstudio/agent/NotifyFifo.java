package org.vrrpstudio.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.vrrpstudio.vrrp.engine.StateTransition;

/**
 * keepalived's {@code notify_fifo}: one line per instance transition, {@code INSTANCE "VI_1" MASTER 100}, and per
 * sync group change, {@code GROUP "VG_1" MASTER 0}, written to
 * a FIFO a reader (a monitoring script) holds open. Opening a FIFO blocks until a reader comes, and a reader may go
 * away, so a thread of its own writes; the engine thread only queues (bounded: with nobody reading, old lines are
 * dropped, never the engine slowed).
 */
final class NotifyFifo implements AutoCloseable {

    static final int QUEUE_LIMIT = 1024;

    private final Path path;
    private final AgentLog log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final Thread writer;
    private volatile boolean closed;

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
        while (!closed) {
            try (OutputStream out = Files.newOutputStream(path)) { // blocks until a reader opens the FIFO
                while (!closed) {
                    String line = lines.poll(250, TimeUnit.MILLISECONDS);
                    if (line != null) {
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the reader went away (EPIPE): wait for the next one; the line in hand is lost, like keepalived's
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

    /** Gives a connected reader up to a second to get the last lines (the STOP ones), then ends the writer. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!lines.isEmpty() && System.nanoTime() < deadline) {
            pause();
        }
        closed = true;
        writer.interrupt();
    }
}

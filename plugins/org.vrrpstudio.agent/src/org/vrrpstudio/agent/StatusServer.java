package org.vrrpstudio.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;

/**
 * The agent's status on a local Unix socket (mode 0600: root only, like the daemon): a client connects, sends
 * {@code json} or {@code text} and a newline, and reads the document. A client that sends {@code follow} stays
 * connected and gets every transition as one JSON line as it happens ({@link #publish}), so a watcher misses none
 * between two status reads. Local only by construction; nothing secret.
 */
final class StatusServer implements AutoCloseable {

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final java.util.List<Follower> followers = new java.util.concurrent.CopyOnWriteArrayList<>();

    StatusServer(Path path, Function<Boolean, String> status, AgentLog log) throws IOException {
        this.path = path;
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(path); // a socket left by an agent that was killed
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        thread = new Thread(() -> serve(status, log), "vrrp-status");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Function<Boolean, String> status, AgentLog log) {
        while (server.isOpen()) {
            SocketChannel client = null;
            try {
                client = server.accept();
                ByteBuffer request = ByteBuffer.allocate(16);
                while (request.hasRemaining() && client.read(request) > 0 && request.get(request.position() - 1) != '\n') {
                    // a request is one short line
                }
                String word = new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII).trim();
                if (word.equals("follow")) {
                    followers.add(new Follower(client));
                    client = null; // the follower owns it now
                    continue;
                }
                client.write(ByteBuffer.wrap(status.apply(word.equals("json")).getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("status socket: " + e.getMessage());
                }
            } finally {
                closeQuietly(client);
            }
        }
    }

    /** Hands one line to every follower; never blocks the engine thread (a follower that lags too far is dropped). */
    void publish(String line) {
        for (Follower follower : followers) {
            if (!follower.lines.offer(line)) {
                follower.stop();
            }
        }
    }

    private static void closeQuietly(SocketChannel client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** One {@code follow} client: its own writer thread, so a slow reader delays nobody. */
    private final class Follower {
        private final SocketChannel client;
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.ArrayBlockingQueue<>(1024);
        private final Thread writer;

        Follower(SocketChannel client) {
            this.client = client;
            writer = new Thread(this::write, "vrrp-status-follow");
            writer.setDaemon(true);
            writer.start();
        }

        private void write() {
            try {
                while (client.isOpen()) {
                    ByteBuffer bytes = ByteBuffer.wrap(lines.take().getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        client.write(bytes);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away, or the agent stops
            } finally {
                stop();
            }
        }

        void stop() {
            followers.remove(this);
            closeQuietly(client);
            writer.interrupt();
        }
    }

    @Override
    public void close() {
        followers.forEach(Follower::stop);
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the socket file goes with /run at the latest
        }
    }
}

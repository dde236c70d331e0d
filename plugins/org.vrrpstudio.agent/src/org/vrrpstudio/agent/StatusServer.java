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
 * {@code json} or {@code text} and a newline, and reads the document. Local only by construction; nothing secret.
 */
final class StatusServer implements AutoCloseable {

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread thread;

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
            try (SocketChannel client = server.accept()) {
                ByteBuffer request = ByteBuffer.allocate(16);
                while (request.hasRemaining() && client.read(request) > 0 && request.get(request.position() - 1) != '\n') {
                    // a request is one short line
                }
                boolean json = new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII).trim().equals("json");
                client.write(ByteBuffer.wrap(status.apply(json).getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("status socket: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the socket file goes with /run at the latest
        }
    }
}

package org.vrrpstudio.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** {@code --pid-file}: our PID for init scripts; refuses to start over a live agent's file, replaces a stale one. */
final class PidFile implements AutoCloseable {

    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    /** Writes our PID atomically; refuses when the file names another live process. */
    static PidFile write(Path path) throws AlreadyRunning, IOException {
        Optional<Long> other = read(path);
        if (other.isPresent() && other.get() != ProcessHandle.current().pid()
                && ProcessHandle.of(other.get()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new AlreadyRunning(path + ": an agent with PID " + other.get() + " is running already");
        }
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".pid", ".tmp");
        Files.writeString(temp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--")); // readable by init tools
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new PidFile(path);
    }

    static Optional<Long> read(Path path) {
        try {
            return Optional.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still names us. */
    @Override
    public void close() {
        if (read(path).filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // a stale file is recognised as stale next time
            }
        }
    }

    static final class AlreadyRunning extends Exception {
        private static final long serialVersionUID = 1L;

        AlreadyRunning(String message) {
            super(message);
        }
    }
}

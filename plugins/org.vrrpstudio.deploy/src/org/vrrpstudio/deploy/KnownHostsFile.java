package org.vrrpstudio.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The OpenSSH-format known_hosts file VRRP Studio keeps for its directors. Deploys only read it; keys are
 * added by an explicit decision ({@link #trust(DeployResult.UnknownHostKey)} or
 * {@link DeployOptions#acceptNewHostKey()}), never silently replaced.
 */
public final class KnownHostsFile {

    private final Path file;

    public KnownHostsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The host name as known_hosts (and JSch) spell it: {@code host} on port 22, {@code [host]:port} otherwise. */
    public static String hostEntryName(String host, int port) {
        return port == DeployTarget.DEFAULT_SSH_PORT ? host : "[" + host + "]:" + port;
    }

    /** The file's bytes, or none when it does not exist yet. */
    public byte[] contents() throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    }

    /**
     * Adds exactly the key that was offered at first contact (not whatever the host offers next time, so a
     * key swapped in between is still refused). Adding the same key twice is a no-op.
     */
    public void trust(DeployResult.UnknownHostKey key) throws IOException {
        add(key.host(), key.port(), key.keyType(), key.publicKeyBase64());
    }

    @SuppressWarnings("try") // the lock is held for the scope, not used
    void add(String host, int port, String keyType, String publicKeyBase64) throws IOException {
        if (keyType.isBlank() || publicKeyBase64.isBlank() || (keyType + publicKeyBase64).chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("malformed host key for " + host);
        }
        String line = hostEntryName(host, port) + " " + keyType + " " + publicKeyBase64;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another writer created it first: fine, we append below
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        }
        // the lock keeps two VRRP Studio processes from interleaving their appends
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read the whole file under the lock
            }
            String existing = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            if (existing.lines().map(String::strip).anyMatch(line::equals)) {
                return;
            }
            String toAppend = (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + line + "\n";
            channel.position(channel.size());
            channel.write(ByteBuffer.wrap(toAppend.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    /** The key entries for a host, as "keyType base64" strings (for display). */
    public List<String> keysFor(String host, int port) {
        String name = hostEntryName(host, port);
        try {
            return new String(contents(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.startsWith("#"))
                    .map(l -> l.split("\\s+"))
                    .filter(f -> f.length >= 3 && List.of(f[0].split(",")).contains(name))
                    .map(f -> f[1] + " " + f[2])
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

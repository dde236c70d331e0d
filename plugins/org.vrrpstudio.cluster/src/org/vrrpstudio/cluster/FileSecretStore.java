package org.vrrpstudio.cluster;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Secrets in a properties file beside the cluster file ({@code site.vrrpcluster} → {@code site.secrets}),
 * readable by its owner only (0600). The file is rewritten atomically; it is created with 0600 from the
 * start, so no other user can ever read it, not even briefly.
 */
public final class FileSecretStore implements SecretStore {

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private final Map<String, String> secrets = new TreeMap<>();

    private FileSecretStore(Path file) {
        this.file = file;
    }

    /** Opens (reads if it exists) the store at {@code file}. */
    public static FileSecretStore open(Path file) throws IOException {
        FileSecretStore store = new FileSecretStore(file);
        if (Files.exists(file)) {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            for (String key : properties.stringPropertyNames()) {
                store.secrets.put(key, properties.getProperty(key));
            }
        }
        return store;
    }

    /** The store that belongs to a cluster file: same folder, same base name, {@code .secrets}. */
    public static FileSecretStore forClusterFile(Path clusterFile) throws IOException {
        return open(secretsFileFor(clusterFile));
    }

    public static Path secretsFileFor(Path clusterFile) {
        String name = clusterFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return clusterFile.resolveSibling(base + ".secrets");
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    @Override
    public void put(String key, String secret) {
        secrets.put(key, secret);
    }

    @Override
    public void remove(String key) {
        secrets.remove(key);
    }

    @Override
    public void flush() throws IOException {
        Properties properties = new Properties();
        properties.putAll(secrets);
        StringWriter text = new StringWriter();
        properties.store(text, null);
        // Properties.store writes a date comment first: drop it so unchanged secrets give an unchanged file.
        String content = text.toString().lines().filter(line -> !line.startsWith("#"))
                .sorted().reduce("", (all, line) -> all + line + "\n");
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another process is writing " + file, raced);
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
    }

    @Override
    public String toString() {
        return "FileSecretStore[" + file + ", " + secrets.size() + " secrets]";
    }
}

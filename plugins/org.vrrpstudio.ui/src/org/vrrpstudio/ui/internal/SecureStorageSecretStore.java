package org.vrrpstudio.ui.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.vrrpstudio.cluster.SecretStore;

/**
 * auth_pass secrets in Eclipse secure storage (encrypted), one node per cluster file. The storage is opened with
 * a per-user random password kept in a 0600 file beside it, so the console never prompts (the platform's
 * password dialogs are not part of this product) and never falls back to clear text.
 */
final class SecureStorageSecretStore implements SecretStore {

    /** Opens the store of one cluster file. */
    static final class Factory {
        private final Path stateDirectory;
        private ISecurePreferences root;

        Factory(Path stateDirectory) {
            this.stateDirectory = stateDirectory;
        }

        SecretStore forCluster(String clusterPath) throws IOException {
            return new SecureStorageSecretStore(root().node("org.vrrpstudio/clusters/" + EncodingUtils.encodeSlashes(clusterPath)));
        }

        synchronized ISecurePreferences root() throws IOException {
            if (root == null) {
                Files.createDirectories(stateDirectory);
                Map<String, Object> options = new HashMap<>();
                options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
                options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(password().toCharArray()));
                URL location = stateDirectory.resolve("secure_storage").toUri().toURL();
                root = SecurePreferencesFactory.open(location, options);
                if (root == null) {
                    throw new IOException("secure storage could not be opened at " + location);
                }
            }
            return root;
        }

        private String password() throws IOException {
            Path file = stateDirectory.resolve("secure_storage.key");
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random));
            }
            return Files.readString(file).trim();
        }
    }

    private final ISecurePreferences node;

    private SecureStorageSecretStore(ISecurePreferences node) {
        this.node = node;
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.ofNullable(node.get(EncodingUtils.encodeSlashes(key), null));
        } catch (StorageException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String secret) {
        try {
            node.put(EncodingUtils.encodeSlashes(key), secret, true);
        } catch (StorageException e) {
            throw new IllegalStateException("secure storage refused the secret " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String key) {
        node.remove(EncodingUtils.encodeSlashes(key));
    }

    @Override
    public void flush() throws IOException {
        node.flush();
    }

    @Override
    public String toString() {
        return "SecureStorageSecretStore[" + node.absolutePath() + "]";
    }
}

package org.vrrpstudio.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.StorageException;
import org.vrrpstudio.deploy.PassphraseProvider;

/**
 * SSH key passphrases in Eclipse secure storage (encrypted), one entry per key file, so a deploy never asks twice
 * for the same key. The same storage as the auth_pass secrets, under its own node.
 */
public final class SecureStoragePassphrases implements PassphraseProvider {

    private final SecureStorageSecretStore.Factory storage;

    SecureStoragePassphrases(SecureStorageSecretStore.Factory storage) {
        this.storage = storage;
    }

    @Override
    public Optional<char[]> passphrase(String director, Path identityFile) {
        try {
            String stored = node().get(key(identityFile), null);
            return stored == null ? Optional.empty() : Optional.of(stored.toCharArray());
        } catch (StorageException | IOException e) {
            return Optional.empty(); // the deploy then reports that the key could not be used
        }
    }

    /** Remembers (or with an empty passphrase forgets) the passphrase of {@code identityFile}. */
    public void remember(Path identityFile, char[] passphrase) throws IOException {
        try {
            if (passphrase.length == 0) {
                node().remove(key(identityFile));
            } else {
                node().put(key(identityFile), new String(passphrase), true);
            }
            node().flush();
        } catch (StorageException e) {
            throw new IOException("secure storage refused the passphrase of " + identityFile + ": " + e.getMessage(), e);
        }
    }

    public boolean has(Path identityFile) {
        return passphrase(null, identityFile).map(p -> {
            java.util.Arrays.fill(p, '\0');
            return true;
        }).orElse(false);
    }

    private ISecurePreferences node() throws IOException {
        return storage.root().node("org.vrrpstudio/ssh-keys");
    }

    private static String key(Path identityFile) {
        return EncodingUtils.encodeSlashes(identityFile.toAbsolutePath().normalize().toString());
    }

    @Override
    public String toString() {
        return "SecureStoragePassphrases";
    }
}

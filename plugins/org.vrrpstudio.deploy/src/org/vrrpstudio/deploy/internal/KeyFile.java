package org.vrrpstudio.deploy.internal;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.vrrpstudio.deploy.PassphraseProvider;

/**
 * A private key file. Its public half is read without a passphrase (so a key the agent already holds needs none);
 * {@link #unlock} asks the {@link PassphraseProvider} only for an encrypted key and wipes what it gets.
 */
final class KeyFile {

    private final Path path;
    private final byte[] publicKeyBlob;
    private final boolean encrypted;

    private KeyFile(Path path, byte[] publicKeyBlob, boolean encrypted) {
        this.path = path;
        this.publicKeyBlob = publicKeyBlob;
        this.encrypted = encrypted;
    }

    static KeyFile read(Path path) throws RemoteFailure {
        if (!Files.isReadable(path)) {
            throw new RemoteFailure("cannot read private key " + path + (Files.exists(path) ? " (permission denied)" : " (no such file)"));
        }
        KeyPair pair;
        try {
            pair = KeyPair.load(new JSch(), path.toString());
        } catch (JSchException e) {
            throw new RemoteFailure("cannot use private key " + path + ": " + ConnectionMessages.oneLine(e.getMessage()));
        }
        try {
            return new KeyFile(path, pair.getPublicKeyBlob(), pair.isEncrypted());
        } finally {
            pair.dispose();
        }
    }

    Path path() {
        return path;
    }

    /** Empty for an encrypted key in a legacy format without its .pub file. */
    Optional<byte[]> publicKeyBlob() {
        return Optional.ofNullable(publicKeyBlob);
    }

    /** The key, decrypted if need be, as an identity held by this connection only. */
    Identity unlock(String director, PassphraseProvider passphrases) throws RemoteFailure {
        JSch local = new JSch(); // its repository is in-memory: the key is never handed to an agent
        try {
            if (!encrypted) {
                local.addIdentity(path.toString());
            } else {
                Optional<char[]> passphrase = passphrases.passphrase(director, path);
                if (passphrase.isEmpty()) {
                    throw new RemoteFailure("private key " + path + " is encrypted and no passphrase was given");
                }
                byte[] secret = utf8(passphrase.get());
                try {
                    local.addIdentity(path.toString(), secret);
                } catch (JSchException e) {
                    // JSch says "Incorrect passphrase provided." and nothing else can fail here: the file was read
                    throw new RemoteFailure("wrong passphrase for private key " + path);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }
        } catch (JSchException e) {
            throw new RemoteFailure("cannot use private key " + path + ": " + ConnectionMessages.oneLine(e.getMessage()));
        }
        return local.getIdentityRepository().getIdentities().firstElement();
    }

    /** Encodes and wipes the characters, so the passphrase lives in exactly one array we control. */
    private static byte[] utf8(char[] chars) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return bytes;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}

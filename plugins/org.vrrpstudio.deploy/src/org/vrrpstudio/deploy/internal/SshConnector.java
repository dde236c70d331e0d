package org.vrrpstudio.deploy.internal;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.KnownHostsFile;
import org.vrrpstudio.deploy.PassphraseProvider;

/**
 * Opens authenticated SSH sessions with strict host-key checking against the target's known_hosts file.
 * Each connection gets its own {@link JSch} instance: JSch keeps identities and known hosts per instance,
 * so nothing is shared between parallel deploys.
 */
public final class SshConnector {

    private final DeployOptions options;
    private final PassphraseProvider passphrases;
    /** Serialises known_hosts updates of parallel deploys that share one file. */
    private final Object knownHostsLock = new Object();

    public SshConnector(DeployOptions options, PassphraseProvider passphrases) {
        this.options = options;
        this.passphrases = passphrases;
    }

    public SshConnection open(DeployTarget target) throws RemoteFailure, HostKeyNotTrusted {
        try {
            return connect(target);
        } catch (HostKeyNotTrusted unknown) {
            if (!options.acceptNewHostKey()) {
                throw unknown;
            }
            DeployResult.UnknownHostKey offered = unknown.result();
            try {
                synchronized (knownHostsLock) {
                    new KnownHostsFile(target.knownHosts()).trust(offered);
                }
            } catch (IOException | RuntimeException e) {
                throw new RemoteFailure("cannot add the host key of " + target.host() + " to " + target.knownHosts() + ": "
                        + ConnectionMessages.oneLine(e.getMessage()));
            }
            // strict checking again: if the host now offers another key than the one just added, it is refused
            return connect(target);
        }
    }

    private SshConnection connect(DeployTarget target) throws RemoteFailure, HostKeyNotTrusted {
        JSch jsch = new JSch();
        KnownHostsFile knownHosts = new KnownHostsFile(target.knownHosts());
        Session session;
        try {
            byte[] known;
            synchronized (knownHostsLock) {
                known = knownHosts.contents();
            }
            jsch.setKnownHosts(new ByteArrayInputStream(known));
            addIdentity(jsch, target);
            session = jsch.getSession(target.user(), target.host(), target.port());
        } catch (IOException e) {
            throw new RemoteFailure("cannot read " + target.knownHosts() + ": " + ConnectionMessages.oneLine(e.getMessage()));
        } catch (JSchException e) {
            throw new RemoteFailure("cannot set up SSH for " + target.address() + ": " + ConnectionMessages.oneLine(e.getMessage()));
        }
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        int timeoutMillis = Math.toIntExact(Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
        try {
            session.connect(timeoutMillis);
            // keepalives detect a dead director while a long command runs
            session.setServerAliveInterval(10_000);
            session.setServerAliveCountMax(3);
        } catch (JSchUnknownHostKeyException e) {
            session.disconnect();
            HostKey offered = session.getHostKey();
            throw new HostKeyNotTrusted(new DeployResult.UnknownHostKey(target.director(), target.host(), target.port(),
                    offered.getType(), offered.getKey(), offered.getFingerPrint(jsch), target.knownHosts()));
        } catch (JSchChangedHostKeyException e) {
            session.disconnect();
            throw new RemoteFailure(changedKeyMessage(jsch, session, target));
        } catch (JSchException e) {
            session.disconnect();
            throw new RemoteFailure(ConnectionMessages.connectFailure(target, e, options.connectTimeout()));
        }
        return SshConnection.open(session, target, options);
    }

    private static String changedKeyMessage(JSch jsch, Session session, DeployTarget target) {
        HostKey offered = session.getHostKey();
        String entry = KnownHostsFile.hostEntryName(target.host(), target.port());
        HostKey[] known = jsch.getHostKeyRepository().getHostKey(entry, offered.getType());
        String old = known == null || known.length == 0 ? "(unknown)"
                : String.join(", ", Arrays.stream(known).map(k -> k.getFingerPrint(jsch)).toList());
        return "HOST KEY CHANGED for " + entry + " (director " + target.director() + "): " + target.knownHosts()
                + " has " + offered.getType() + " " + old + " but the server offered " + offered.getFingerPrint(jsch)
                + "; refusing to connect (possible man-in-the-middle). If the director was reinstalled, remove its old"
                + " entry from " + target.knownHosts() + " and accept the new key explicitly.";
    }

    private void addIdentity(JSch jsch, DeployTarget target) throws RemoteFailure, JSchException {
        Path key = target.identityFile();
        if (!Files.isReadable(key)) {
            throw new RemoteFailure("cannot read private key " + key + (Files.exists(key) ? " (permission denied)" : " (no such file)"));
        }
        KeyPair pair;
        try {
            pair = KeyPair.load(jsch, key.toString());
        } catch (JSchException e) {
            throw new RemoteFailure("cannot use private key " + key + ": " + ConnectionMessages.oneLine(e.getMessage()));
        }
        try {
            if (!pair.isEncrypted()) {
                jsch.addIdentity(key.toString());
                return;
            }
            Optional<char[]> passphrase = passphrases.passphrase(target.director(), key);
            if (passphrase.isEmpty()) {
                throw new RemoteFailure("private key " + key + " is encrypted and no passphrase was given");
            }
            byte[] secret = utf8(passphrase.get());
            try {
                if (!pair.decrypt(secret)) {
                    throw new RemoteFailure("wrong passphrase for private key " + key);
                }
                jsch.addIdentity(key.toString(), secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } finally {
            pair.dispose();
        }
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

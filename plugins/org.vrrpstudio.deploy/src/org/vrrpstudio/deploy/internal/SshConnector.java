package org.vrrpstudio.deploy.internal;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.KnownHostsFile;
import org.vrrpstudio.deploy.PassphraseProvider;

/**
 * Opens authenticated SSH sessions with strict host-key checking against the target's known_hosts file,
 * public-key authentication only, with the keys {@link OfferedIdentities} gathers (ssh-agent and key file).
 * Each connection gets its own {@link JSch} instance and identities, so nothing is shared between parallel deploys.
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

    /**
     * @param warnings told about key sources that could not be used (e.g. a dead agent socket) when the
     *                 connection got in with another key; on failure they are part of the message instead
     */
    public SshConnection open(DeployTarget target, Consumer<String> warnings) throws RemoteFailure, HostKeyNotTrusted {
        try {
            return connect(target, warnings);
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
            return connect(target, warnings);
        }
    }

    private SshConnection connect(DeployTarget target, Consumer<String> warnings) throws RemoteFailure, HostKeyNotTrusted {
        JSch jsch = new JSch();
        KnownHostsFile knownHosts = new KnownHostsFile(target.knownHosts());
        Session session;
        try {
            byte[] known;
            synchronized (knownHostsLock) {
                known = knownHosts.contents();
            }
            jsch.setKnownHosts(new ByteArrayInputStream(known));
            session = jsch.getSession(target.user(), target.host(), target.port());
        } catch (IOException e) {
            throw new RemoteFailure("cannot read " + target.knownHosts() + ": " + ConnectionMessages.oneLine(e.getMessage()));
        } catch (JSchException e) {
            throw new RemoteFailure("cannot set up SSH for " + target.address() + ": " + ConnectionMessages.oneLine(e.getMessage()));
        }
        OfferedIdentities identities = OfferedIdentities.gather(target, options.agentSocket(), passphrases, options.connectTimeout());
        session.setIdentityRepository(identities);
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
            throw new RemoteFailure(ConnectionMessages.connectFailure(target, e, options.connectTimeout(), identities));
        }
        identities.problems().forEach(warnings);
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
}

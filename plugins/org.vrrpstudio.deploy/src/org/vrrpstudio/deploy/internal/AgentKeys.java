package org.vrrpstudio.deploy.internal;

import com.jcraft.jsch.AgentConnector;
import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Buffer;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The keys an ssh-agent holds, asked over its Unix-domain socket, or one line saying why the agent cannot be used.
 * JSch's agent proxy answers every failure with "no keys"; asking through {@link FailureKeepingConnector} keeps
 * the cause, so the user reads "no such socket" or "connection refused" instead of a silent fallback.
 * Only public keys and their count leave this class: the private keys never leave the agent.
 */
final class AgentKeys {

    private final Path socket;
    private final List<Identity> identities;
    private final String problem;

    private AgentKeys(Path socket, List<Identity> identities, String problem) {
        this.socket = socket;
        this.identities = identities;
        this.problem = problem;
    }

    /** The agent's keys; an agent that does not answer within {@code timeout} counts as unusable. */
    static AgentKeys ask(Path socket, Duration timeout) {
        if (!Files.exists(socket)) {
            return unusable(socket, "no such socket");
        }
        FailureKeepingConnector connector;
        try {
            // the JDK's own Unix-domain sockets (jsch's Java 16+ class), no native library
            connector = new FailureKeepingConnector(new SSHAgentConnector(new UnixDomainSocketFactory(), socket));
        } catch (AgentProxyException e) {
            return unusable(socket, ConnectionMessages.oneLine(e.getMessage()));
        }
        AgentIdentityRepository agent = new AgentIdentityRepository(connector);
        FutureTask<List<Identity>> listing = new FutureTask<>(() -> List.copyOf(agent.getIdentities()));
        Thread.ofVirtual().name("ssh-agent " + socket).start(listing);
        List<Identity> keys;
        try {
            keys = listing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the interrupt closes the blocked socket channel, so the listing thread ends too
            listing.cancel(true);
            return unusable(socket, "no answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            listing.cancel(true);
            Thread.currentThread().interrupt();
            return unusable(socket, "interrupted");
        } catch (ExecutionException e) {
            return unusable(socket, "unexpected answer (" + e.getCause().getClass().getSimpleName() + ")");
        }
        Optional<String> failure = connector.failure();
        if (failure.isPresent()) {
            return unusable(socket, failure.get());
        }
        if (keys.isEmpty()) {
            return unusable(socket, "it holds no keys (add one with ssh-add)");
        }
        return new AgentKeys(socket, keys, null);
    }

    private static AgentKeys unusable(Path socket, String why) {
        return new AgentKeys(socket, List.of(), why);
    }

    Path socket() {
        return socket;
    }

    boolean usable() {
        return problem == null;
    }

    /** Empty when the agent answered with at least one key. */
    Optional<String> problem() {
        return Optional.ofNullable(problem).map(why -> "ssh-agent " + socket + " not used: " + why);
    }

    List<Identity> identities() {
        return identities;
    }

    /** The agent's key with this public key blob, if it holds it. */
    Optional<Identity> holding(byte[] publicKeyBlob) {
        return identities.stream().filter(k -> Arrays.equals(k.getPublicKeyBlob(), publicKeyBlob)).findFirst();
    }

    /** Passes queries through and remembers why the last one failed, in words for the user. */
    private static final class FailureKeepingConnector implements AgentConnector {
        private final AgentConnector delegate;
        private volatile String failure;

        FailureKeepingConnector(AgentConnector delegate) {
            this.delegate = delegate;
        }

        Optional<String> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public boolean isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public void query(Buffer buffer) throws AgentProxyException {
            try {
                delegate.query(buffer);
            } catch (AgentProxyException e) {
                failure = describe(e);
                throw e;
            }
        }

        private static String describe(AgentProxyException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ConnectException) {
                return "connection refused (no agent is listening on it)";
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return ConnectionMessages.oneLine(message);
        }
    }
}

package org.vrrpstudio.deploy.internal;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.PassphraseProvider;

/**
 * The keys one connection offers, in OpenSSH's order: the agent's copy of the director's key file, the agent's
 * other keys, then the key file itself when the agent does not hold it. A director without a key file of its own
 * gets the agent's keys, or without a usable agent the user's default key, as ssh would.
 * <p>
 * A key source that cannot be used (agent socket gone, key file unreadable) is a {@link #problems() problem}, not
 * a failure, as long as another source offers a key. The repository is read-only: a JSch repository backed by
 * the agent would hand an unencrypted key file to the user's agent.
 */
final class OfferedIdentities implements IdentityRepository {

    static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Vector<Identity> identities;
    private final String description;
    private final List<String> problems;

    private OfferedIdentities(List<Identity> identities, String description, List<String> problems) {
        this.identities = new Vector<>(identities);
        this.description = description;
        this.problems = List.copyOf(problems);
    }

    /** Throws when no source offers a single key, naming every source and why it failed. */
    static OfferedIdentities gather(DeployTarget target, Optional<Path> agentSocket, PassphraseProvider passphrases,
            Duration agentTimeout) throws RemoteFailure {
        List<String> problems = new ArrayList<>();
        Optional<AgentKeys> agent = agentSocket.map(socket -> AgentKeys.ask(socket, agentTimeout));
        agent.flatMap(AgentKeys::problem).ifPresent(problems::add);
        boolean agentUsable = agent.map(AgentKeys::usable).orElse(false);

        Path keyFile = keyFileToOffer(target, agentUsable, agent.flatMap(AgentKeys::problem));

        Optional<Identity> agentCopy = Optional.empty();
        Optional<Identity> fileKey = Optional.empty();
        if (keyFile != null) {
            try {
                KeyFile file = KeyFile.read(keyFile);
                agentCopy = agent.flatMap(a -> file.publicKeyBlob().flatMap(a::holding));
                if (agentCopy.isEmpty()) {
                    fileKey = Optional.of(file.unlock(target.director(), passphrases));
                } // else the agent signs with it: no passphrase needed
            } catch (RemoteFailure e) {
                problems.add(e.getMessage());
            }
        }
        Identity skip = agentCopy.orElse(null);
        List<Identity> agentOthers = agentUsable
                ? agent.get().identities().stream().filter(k -> k != skip).toList() : List.of();

        List<Identity> offered = new ArrayList<>();
        List<String> described = new ArrayList<>();
        if (agentCopy.isPresent()) {
            offered.add(agentCopy.get());
            described.add("key " + keyFile + " (through the agent)");
        }
        if (!agentOthers.isEmpty()) {
            offered.addAll(agentOthers);
            described.add(agentOthers.size() + (agentOthers.size() == 1 ? " key" : " keys") + " from ssh-agent " + agent.get().socket());
        }
        if (fileKey.isPresent()) {
            offered.add(fileKey.get());
            described.add("key " + keyFile);
        }
        if (offered.isEmpty()) {
            throw new RemoteFailure(problems.isEmpty() ? "no key to offer to " + target.address() : String.join("; ", problems));
        }
        return new OfferedIdentities(offered, String.join(" and ", described), problems);
    }

    /**
     * The director's key file; without one, null when the agent has keys, else like ssh without -i the first
     * readable of ~/.ssh/id_ed25519, id_ecdsa, id_rsa.
     */
    private static Path keyFileToOffer(DeployTarget target, boolean agentUsable, Optional<String> agentProblem) throws RemoteFailure {
        if (target.identityFile() != null || agentUsable) {
            return target.identityFile();
        }
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        return DEFAULT_KEYS.stream().map(ssh::resolve).filter(Files::isReadable).findFirst()
                .orElseThrow(() -> new RemoteFailure("no key to offer: director " + target.director() + " has no identity file, none of ~/.ssh/"
                        + String.join(", ", DEFAULT_KEYS) + " exists, and "
                        + agentProblem.orElse("no ssh-agent socket is set (SSH_AUTH_SOCK)")));
    }

    int size() {
        return identities.size();
    }

    /** What is offered, for messages: e.g. "key /k/id_ed25519 and 2 keys from ssh-agent /run/agent.sock". */
    String description() {
        return description;
    }

    /** One line each: key sources that could not be used although others could. */
    List<String> problems() {
        return problems;
    }

    @Override
    public String getName() {
        return "keys offered to the director";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        return new Vector<>(identities);
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {
        // read-only: the agent's keys stay where they are
    }
}

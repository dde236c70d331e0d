package org.vrrpstudio.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vrrpstudio.deploy.internal.ExecResult;
import org.vrrpstudio.deploy.internal.HostKeyNotTrusted;
import org.vrrpstudio.deploy.internal.RemoteFailure;
import org.vrrpstudio.deploy.internal.RemoteNames;
import org.vrrpstudio.deploy.internal.SshConnection;
import org.vrrpstudio.deploy.internal.SshConnector;

/**
 * Puts the agent's Debian package on directors over SSH, with the deploy's connection rules (strict host keys from
 * VRRP Studio's known_hosts, trust on first use only when asked, public keys from the ssh-agent or the director's key
 * file). One director at a time, stopping at the first that does not succeed. On each, its install step
 * ({@code vrrpstudio-agent-install}, built beside the package) goes to a private temporary folder, removed after. If
 * {@code vrrpstudio-agent --version} already names the package's version the package is not uploaded or installed;
 * otherwise it is, and the install step runs (it checks dpkg, root or passwordless sudo, the architecture, systemd
 * and the disk space before it changes anything, installs, then checks {@code --version} and the agent's check of the
 * director's live file). Either way a running agent of another version is restarted only while it is MASTER of no
 * instance (no VIP moves); the result's message says so. The agent is never started here.
 */
public final class AgentInstaller {

    /** How one director ended. */
    public enum Status {
        INSTALLED, UPGRADED, ALREADY_INSTALLED, REFUSED, FAILED, UNKNOWN_HOST_KEY, SKIPPED
    }

    /**
     * @param message one line: the version installed, or why not
     * @param unknownHostKey the key the director offered, when it is not trusted yet
     */
    public record Result(String director, Status status, String message, Optional<DeployResult.UnknownHostKey> unknownHostKey) {

        public Result {
            Objects.requireNonNull(director, "director");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(unknownHostKey, "unknownHostKey");
        }

        public boolean succeeded() {
            return status == Status.INSTALLED || status == Status.UPGRADED || status == Status.ALREADY_INSTALLED;
        }

        /** {@code DIRECTOR: STATUS message}, as the command line prints it. */
        public String line() {
            return director + ": " + status.name().toLowerCase().replace('_', ' ') + (message.isEmpty() ? "" : " " + message);
        }
    }

    /** The agent's package ({@code vrrpstudio-agent_VERSION_ARCH.deb}) and the install step built beside it. */
    public record AgentPackage(Path deb, Path installStep, String version) {

        private static final Pattern NAME = Pattern.compile("vrrpstudio-agent_([0-9][A-Za-z0-9.+~-]*)_([a-z0-9]+)\\.deb");
        public static final String INSTALL_STEP = "vrrpstudio-agent-install";

        /** The package file as the build names it, with {@value #INSTALL_STEP} in the same folder. */
        public static AgentPackage of(Path deb) {
            Path name = deb.getFileName();
            Matcher m = NAME.matcher(name == null ? "" : name.toString());
            if (!m.matches()) {
                throw new IllegalArgumentException(deb + ": not an agent package (vrrpstudio-agent_VERSION_ARCH.deb)");
            }
            if (!Files.isRegularFile(deb) || !Files.isReadable(deb)) {
                throw new IllegalArgumentException(deb + ": no such file or not readable");
            }
            Path step = deb.toAbsolutePath().resolveSibling(INSTALL_STEP);
            if (!Files.isRegularFile(step) || !Files.isReadable(step)) {
                throw new IllegalArgumentException(step + ": the install step is missing beside the package (the build puts it there)");
            }
            return new AgentPackage(deb, step, m.group(1));
        }
    }

    private final DeployOptions options;
    private final PassphraseProvider passphrases;

    public AgentInstaller(DeployOptions options, PassphraseProvider passphrases) {
        this.options = Objects.requireNonNull(options, "options");
        this.passphrases = Objects.requireNonNull(passphrases, "passphrases");
    }

    /**
     * Installs on the targets in their order; after a director that does not succeed the others are skipped.
     *
     * @param progress (director, what happens now), also the warnings of the connection
     */
    public List<Result> install(List<DeployTarget> targets, AgentPackage agentPackage, BiConsumer<String, String> progress) {
        byte[] deb;
        byte[] step;
        try {
            deb = Files.readAllBytes(agentPackage.deb());
            step = Files.readAllBytes(agentPackage.installStep());
        } catch (IOException e) {
            return targets.stream().map(t -> new Result(t.director(), Status.FAILED, "cannot read " + agentPackage.deb()
                    + ": " + e.getMessage(), Optional.empty())).toList();
        }
        List<Result> results = new ArrayList<>();
        for (DeployTarget target : targets) {
            if (!results.isEmpty() && !results.getLast().succeeded()) {
                results.add(new Result(target.director(), Status.SKIPPED, "(an earlier director did not succeed)", Optional.empty()));
                continue;
            }
            results.add(installOn(target, agentPackage, deb, step, progress));
        }
        return results;
    }

    private Result installOn(DeployTarget target, AgentPackage agentPackage, byte[] deb, byte[] step,
            BiConsumer<String, String> progress) {
        String director = target.director();
        progress.accept(director, "connecting to " + target.address());
        try (SshConnection connection = new SshConnector(options, passphrases).open(target, w -> progress.accept(director, "warning: " + w))) {
            ExecResult installed = connection.exec("vrrpstudio-agent --version");
            boolean same = installed.succeeded() && installed.stdout().strip().equals("vrrpstudio-agent " + agentPackage.version());
            ExecResult temp = connection.exec("mktemp -d /tmp/vrrpstudio-agent-install.XXXXXX");
            String dir = temp.stdout().strip();
            if (!temp.succeeded() || !dir.startsWith("/tmp/vrrpstudio-agent-install.") || dir.contains("\n")) {
                return new Result(director, Status.FAILED, "cannot make a temporary folder on the director: "
                        + oneLine(temp.stderr()), Optional.empty());
            }
            try {
                String remoteStep = dir + "/" + AgentPackage.INSTALL_STEP;
                connection.upload(remoteStep, step, 0755, done -> { });
                if (same) {
                    // the package is there: only a running agent of an older version may want its restart
                    return outcome(director, connection.exec(RemoteNames.shellQuote(remoteStep) + " --pending "
                            + RemoteNames.shellQuote(agentPackage.version())));
                }
                progress.accept(director, "uploading " + agentPackage.deb().getFileName() + " (" + deb.length / 1024 + " KiB)");
                String remoteDeb = dir + "/" + agentPackage.deb().getFileName();
                connection.upload(remoteDeb, deb, 0644, done -> { });
                progress.accept(director, "installing");
                ExecResult run = connection.exec(RemoteNames.shellQuote(remoteStep) + " " + RemoteNames.shellQuote(remoteDeb)
                        + " " + RemoteNames.shellQuote(target.remoteConfigPath()));
                return outcome(director, run);
            } finally {
                try {
                    connection.exec("rm -rf " + RemoteNames.shellQuote(dir));
                } catch (RemoteFailure e) {
                    progress.accept(director, "warning: " + dir + " not removed: " + e.getMessage());
                }
            }
        } catch (HostKeyNotTrusted unknown) {
            DeployResult.UnknownHostKey key = unknown.result();
            return new Result(director, Status.UNKNOWN_HOST_KEY, key.keyType() + " " + key.fingerprint() + " not in "
                    + key.knownHosts(), Optional.of(key));
        } catch (RemoteFailure e) {
            return new Result(director, Status.FAILED, oneLine(e.getMessage()), Optional.empty());
        }
    }

    /** The install step's last line: what it did (stdout) or why it refused (stderr, its own prefix dropped). */
    static Result outcome(String director, ExecResult run) {
        if (run.exitCode() == 0) {
            String said = lastLine(run.stdout());
            if (said.startsWith("already installed: ")) {
                return new Result(director, Status.ALREADY_INSTALLED, said.substring("already installed: ".length()), Optional.empty());
            }
            if (said.startsWith("upgraded ")) {
                return new Result(director, Status.UPGRADED, said.substring("upgraded ".length()), Optional.empty());
            }
            if (said.startsWith("installed ")) {
                return new Result(director, Status.INSTALLED, said.substring("installed ".length()), Optional.empty());
            }
            return new Result(director, Status.FAILED, "the install step ended without saying what it did: " + said, Optional.empty());
        }
        String reason = lastLine(run.stderr());
        String prefix = AgentPackage.INSTALL_STEP + ": ";
        if (reason.startsWith(prefix)) {
            return new Result(director, Status.REFUSED, reason.substring(prefix.length()), Optional.empty());
        }
        return new Result(director, Status.FAILED, "the install step failed (exit " + run.exitCode() + ")"
                + (reason.isEmpty() ? "" : ": " + reason), Optional.empty());
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.getLast().strip();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}

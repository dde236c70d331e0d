package org.vrrpstudio.deploy.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.testing.TestSshd;

/**
 * A director reached through {@link TestSshd}: a folder standing in for its root file system, holding the
 * live config and shell scripts that play the daemon. The scripts log every call and fail on markers in the
 * config they are given: VALIDATE_FAIL, RELOAD_FAIL, VERIFY_FAIL. The daemon's live status is what
 * {@link #reportLiveStatus} set; without it the status command fails as if no daemon answered.
 */
public final class FakeDirector {

    public static final String OLD_CONFIG = "# old config\nvrrp_instance VI_1 {\n    priority 100\n}\n";

    private final String name;
    private final Path root;
    private final TestSshd sshd;
    private final Path knownHosts;

    private FakeDirector(String name, Path root, TestSshd sshd, Path knownHosts) {
        this.name = name;
        this.root = root;
        this.sshd = sshd;
        this.knownHosts = knownHosts;
    }

    /** A director whose live config is {@link #OLD_CONFIG} and whose host key is already trusted. */
    public static FakeDirector create(TestSshd sshd, String name) throws IOException {
        FakeDirector d = createWithoutConfig(sshd, name);
        d.writeLiveConfig(OLD_CONFIG);
        Files.writeString(d.knownHosts, sshd.knownHostsLine());
        return d;
    }

    public static FakeDirector createWithoutConfig(TestSshd sshd, String name) throws IOException {
        Path root = sshd.dir().resolve("directors").resolve(name);
        Files.createDirectories(root.resolve("etc/keepalived"));
        Files.createDirectories(root.resolve("bin"));
        FakeDirector d = new FakeDirector(name, root, sshd, root.resolve("known_hosts"));
        d.script("validate", "VALIDATE_FAIL", "line 3: unknown keyword 'VALIDATE_FAIL'");
        d.script("reload", "RELOAD_FAIL", "reload refused: bad config");
        d.script("verify", "VERIFY_FAIL", "daemon is not running");
        d.statusScript();
        return d;
    }

    private void statusScript() throws IOException {
        Path script = root.resolve("bin/status.sh");
        Files.writeString(script, """
                #!/bin/sh
                # fake daemon status: logs the call, prints what the test set, or fails like an absent daemon
                echo status >> '%1$s'
                if [ -f '%2$s' ]; then cat '%2$s'; exit 0; fi
                echo "no daemon answers on its status socket" >&2
                exit 2
                """.formatted(callLog(), liveStatusFile()), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    /** What the fake daemon's status command prints from now on (agent JSON or NAME STATE lines). */
    public void reportLiveStatus(String output) throws IOException {
        Files.writeString(liveStatusFile(), output);
    }

    private Path liveStatusFile() {
        return root.resolve("status.out");
    }

    private void script(String action, String marker, String complaint) throws IOException {
        Path script = root.resolve("bin/" + action + ".sh");
        Files.writeString(script, """
                #!/bin/sh
                # fake daemon %1$s: logs the call, fails when the file holds the marker
                echo "%1$s $(head -c 40 "$1" | head -n 1)" >> '%2$s'
                if grep -q %3$s "$1"; then echo "%4$s" >&2; exit 1; fi
                exit 0
                """.formatted(action, callLog(), marker, complaint), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    public DeployTarget target() {
        return target(sshd.clientKey());
    }

    /** The target with another key file; null: none of its own (the agent's keys or the user's default key). */
    public DeployTarget target(Path identityFile) {
        return new DeployTarget(name, "127.0.0.1", sshd.port(), sshd.user(), identityFile, knownHosts,
                liveConfig().toString(), DaemonKind.KEEPALIVED, root.resolve("bin/validate.sh") + " {file}",
                root.resolve("bin/reload.sh") + " {file}", root.resolve("bin/verify.sh") + " {file}",
                root.resolve("bin/status.sh").toString());
    }

    /** The target logging in as {@code user} (by the server's client key) with the daemon's side through sudo -n. */
    public DeployTarget targetAsSudoer(String user) {
        DeployTarget t = target();
        return new DeployTarget(t.director(), t.host(), t.port(), user, t.identityFile(), t.knownHosts(),
                t.remoteConfigPath(), t.kind(), t.validateCommand(), t.reloadCommand(), t.verifyCommand(),
                t.statusCommand()).withSudo(true);
    }

    public DeployItem item(String configText) {
        return new DeployItem(target(), configText);
    }

    public String name() {
        return name;
    }

    public Path root() {
        return root;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public Path liveConfig() {
        return root.resolve("etc/keepalived/keepalived.conf");
    }

    public String liveConfigText() throws IOException {
        return Files.readString(liveConfig());
    }

    public void writeLiveConfig(String text) throws IOException {
        Files.writeString(liveConfig(), text);
        Files.setPosixFilePermissions(liveConfig(), PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Every call of the fake daemon scripts, in order, e.g. "reload # old config". */
    public List<String> calls() throws IOException {
        Path log = callLog();
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    public List<String> reloads() throws IOException {
        return calls().stream().filter(c -> c.startsWith("reload")).toList();
    }

    private Path callLog() {
        return root.resolve("calls.log");
    }

    /** File names in the config directory, sorted. */
    public List<String> configDirectory() throws IOException {
        try (Stream<Path> files = Files.list(liveConfig().getParent())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    public List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(liveConfig().getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith("keepalived.conf.bak-")).sorted().toList();
        }
    }

    public List<String> tempFiles() throws IOException {
        return configDirectory().stream().filter(n -> n.endsWith(".tmp")).toList();
    }
}

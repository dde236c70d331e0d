package org.vrrpstudio.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian OpenSSH server on 127.0.0.1 with its own config, host key, authorized key and log, all in
 * one temp folder. Started with {@code sshd -D} and stopped by its PID.
 */
public final class TestSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Path dir;
    private final int port;
    private final Path clientKey;
    private final Path remoteBin;
    private boolean ownAccounts;
    private Path hostKey;
    private Process process;
    private int hostKeyGeneration;
    private Thread stopOnExit;

    private TestSshd(Path dir, int port, Path clientKey, Path remoteBin) {
        this.dir = dir;
        this.port = port;
        this.clientKey = clientKey;
        this.remoteBin = remoteBin;
    }

    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN);
    }

    public static String unavailableReason() {
        return "needs Debian openssh-server (" + SSHD + ") and " + SSH_KEYGEN;
    }

    /** Generates keys and config in {@code dir} and starts sshd on a free port. */
    public static TestSshd start(Path dir) throws IOException, InterruptedException {
        return start(dir, null);
    }

    /**
     * Like {@link #start(Path)}, with {@code remoteBin} first on the PATH of remote commands: a director's tools
     * (systemctl, vrrpstudio-agent) played by scripts, for code that runs the daemon kinds' default commands.
     */
    public static TestSshd start(Path dir, Path remoteBin) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path clientKey = dir.resolve("client_ed25519");
        keygen(clientKey, "");
        Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
        TestSshd sshd = new TestSshd(dir, freePort(), clientKey, remoteBin);
        sshd.newHostKey();
        sshd.launch();
        return sshd;
    }

    /** Login user without root rights whose {@code sudo} needs no password (see {@link #startWithAccounts}). */
    public static final String SUDO_USER = "ops";
    /** Login user whose {@code sudo} wants a password (see {@link #startWithAccounts}). */
    public static final String PASSWORD_SUDO_USER = "asker";

    /**
     * Like {@link #start(Path, Path)}, but sshd runs in a mount namespace of its own (needs root) where /etc/passwd,
     * group, shadow and sudoers are the host's plus {@link #SUDO_USER} (sudo without a password) and
     * {@link #PASSWORD_SUDO_USER} (sudo wants one), both logging in by {@link #clientKey()}; the host's own account
     * files stay untouched. Every folder above {@code dir} must be searchable by other users: sshd reads the
     * authorized keys as the login user.
     */
    public static TestSshd startWithAccounts(Path dir, Path remoteBin) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path etc = Files.createDirectories(dir.resolve("accounts"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String users = SUDO_USER + ":x:4242:4242::" + home + ":/bin/sh\n" + PASSWORD_SUDO_USER + ":x:4243:4243::" + home + ":/bin/sh\n";
        Files.writeString(etc.resolve("passwd"), Files.readString(Path.of("/etc/passwd")) + users);
        Files.writeString(etc.resolve("group"), Files.readString(Path.of("/etc/group")) + SUDO_USER + ":x:4242:\n"
                + PASSWORD_SUDO_USER + ":x:4243:\n");
        Files.writeString(etc.resolve("shadow"), Files.readString(Path.of("/etc/shadow")) + SUDO_USER + ":*:20000:0:99999:7:::\n"
                + PASSWORD_SUDO_USER + ":*:20000:0:99999:7:::\n");
        Files.setPosixFilePermissions(etc.resolve("shadow"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(etc.resolve("sudoers"), "Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n" + SUDO_USER
                + " ALL=(root) NOPASSWD: ALL\n" + PASSWORD_SUDO_USER + " ALL=(root) ALL\n");
        Files.setPosixFilePermissions(etc.resolve("sudoers"), java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----"));
        Path clientKey = dir.resolve("client_ed25519");
        keygen(clientKey, "");
        Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.setPosixFilePermissions(dir.resolve("authorized_keys"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        TestSshd sshd = new TestSshd(dir, freePort(), clientKey, remoteBin);
        sshd.ownAccounts = true;
        sshd.newHostKey();
        sshd.launch();
        return sshd;
    }

    /** Stops the server and starts it again on the same port with a freshly generated host key. */
    public void restartWithNewHostKey() throws IOException, InterruptedException {
        stop();
        newHostKey();
        launch();
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path clientKey() {
        return clientKey;
    }

    public Path hostKeyPub() {
        return Path.of(hostKey + ".pub");
    }

    public String user() {
        return System.getProperty("user.name");
    }

    /** A known_hosts line for the current host key, written independently of the code under test. */
    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(hostKeyPub()).strip().split("\\s+");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n";
    }

    /** The fingerprint as {@code ssh-keygen -l} prints it, e.g. {@code SHA256:abc...}. */
    public String hostKeyFingerprint() throws IOException, InterruptedException {
        return run(List.of(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f", hostKeyPub().toString())).split("\\s+")[1];
    }

    /** Per-connection children of the listening sshd (one per SSH connection). */
    public List<ProcessHandle> connectionProcesses() {
        return process.toHandle().children().toList();
    }

    public String log() throws IOException {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Generates an ed25519 key pair at {@code key} (+ .pub) with the given passphrase. */
    public static void keygen(Path key, String passphrase) throws IOException, InterruptedException {
        Files.deleteIfExists(key);
        Files.deleteIfExists(Path.of(key + ".pub"));
        run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", passphrase, "-C", "vrrpstudio-test", "-f", key.toString()));
    }

    private void newHostKey() throws IOException, InterruptedException {
        hostKey = dir.resolve("host_ed25519_" + (++hostKeyGeneration));
        keygen(hostKey, "");
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "PidFile " + dir.resolve("sshd.pid"),
                "Subsystem sftp internal-sftp",
                "MaxStartups 200:30:300",
                "MaxSessions 50",
                "LogLevel VERBOSE",
                // bash reads ~/.bashrc for ssh commands only as a top-level shell (SHLVL < 2); this machine's
                // root .bashrc runs pyenv init (~1 s of CPU per command), which would swamp every timing
                "SetEnv SHLVL=1" + (remoteBin == null ? "" : " PATH=" + remoteBin + ":/usr/sbin:/usr/bin:/sbin:/bin"),
                ""), StandardCharsets.UTF_8);
        Files.deleteIfExists(dir.resolve("sshd.log"));
        List<String> command = new ArrayList<>();
        if (ownAccounts) { // sh execs sshd: the PID we hold is sshd's
            command.addAll(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "for f in passwd group shadow sudoers; do mount --bind \"$0\"/$f /etc/$f || exit 1; done; exec \"$@\"",
                    dir.resolve("accounts").toString()));
        }
        command.addAll(List.of(SSHD.toString(), "-D", "-f", config.toString(), "-p", Integer.toString(port),
                "-h", hostKey.toString(), "-E", dir.resolve("sshd.log").toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.stdout").toFile())
                .start();
        Process started = process;
        stopOnExit = new Thread(() -> started.destroy(), "stop test sshd " + started.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + log()
                        + Files.readString(dir.resolve("sshd.stdout")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("sshd did not listen on port " + port + " within 10 s: " + log());
    }

    private void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = new ArrayList<>(connectionProcesses());
        process.destroy(); // SIGTERM to the PID we started
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        children.forEach(ProcessHandle::destroy);
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to do
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command.get(0) + " failed: " + out);
        }
        return out;
    }
}

package org.vrrpstudio.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH ssh-agent listening on a socket of our choosing. It runs in the foreground
 * ({@code ssh-agent -D -a SOCKET}), so the process we hold is the agent itself and is stopped by its PID.
 */
public final class TestSshAgent implements AutoCloseable {

    static final Path SSH_AGENT = Path.of("/usr/bin/ssh-agent");
    static final Path SSH_ADD = Path.of("/usr/bin/ssh-add");
    private static final File NO_INPUT = new File("/dev/null");

    private final Path socket;
    private final Process process;
    private final Thread stopOnExit;

    private TestSshAgent(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
        this.stopOnExit = new Thread(process::destroy, "stop test ssh-agent " + process.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    public static boolean available() {
        return Files.isExecutable(SSH_AGENT) && Files.isExecutable(SSH_ADD);
    }

    public static String unavailableReason() {
        return "needs OpenSSH's " + SSH_AGENT + " and " + SSH_ADD;
    }

    /** Starts an agent on {@code socket} (which must not exist; keep the path short, Unix sockets allow ~100 bytes). */
    public static TestSshAgent start(Path socket) throws IOException, InterruptedException {
        Path output = Path.of(socket + ".out");
        Process process = new ProcessBuilder(SSH_AGENT.toString(), "-D", "-a", socket.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                .start();
        TestSshAgent agent = new TestSshAgent(socket, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                agent.close();
                throw new IOException("ssh-agent did not create " + socket + ": " + Files.readString(output));
            }
            Thread.sleep(10);
        }
        return agent;
    }

    public Path socket() {
        return socket;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code ssh-add KEY}; the key must be unencrypted (nobody is there to type a passphrase). */
    public void add(Path key) throws IOException, InterruptedException {
        sshAdd(List.of(key.toString()), 0);
    }

    /** What {@code ssh-add -l} lists, one line per key held (it exits 1 for an empty agent). */
    public List<String> keys() throws IOException, InterruptedException {
        String out = sshAdd(List.of("-l"), 1);
        return out.contains("no identities") ? List.of() : out.lines().toList();
    }

    private String sshAdd(List<String> arguments, int highestExpectedExit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(SSH_ADD.toString());
        builder.command().addAll(arguments);
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("SSH_ASKPASS");
        Process p = builder.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(NO_INPUT)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() > highestExpectedExit) {
            throw new IOException("ssh-add " + String.join(" ", arguments) + " failed: " + out);
        }
        return out;
    }

    /** Stops the agent by its PID (it removes its socket on SIGTERM). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to do
        }
    }
}

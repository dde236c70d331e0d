package org.vrrpstudio.deploy.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vrrpstudio.deploy.KeepalivedDataDump;
import org.vrrpstudio.testing.NamespaceLan;

/**
 * A real keepalived 2.2.7 (VRRP only, not forked) running on a config file, inside a network namespace this class
 * creates with veth interfaces; the host's interfaces are never touched. Its PID file and data dump live in the
 * test's folder ({@code -p}, {@code TMPDIR}). {@link #close()} stops the keepalived it started, by its PID, and
 * deletes the namespace, also when the start failed half-way.
 */
final class KeepalivedInNamespace implements AutoCloseable {

    static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    static final Path IP = Path.of("/usr/sbin/ip");

    private final String namespace;
    private final Path dir;
    /** The namespace this made, deleted on {@link #close()}; null when a lab made it (and deletes it). */
    private final NamespaceLan lan;
    private Process process;

    private KeepalivedInNamespace(String namespace, Path dir, NamespaceLan lan) {
        this.namespace = namespace;
        this.dir = dir;
        this.lan = lan;
    }

    static boolean available() {
        return Files.isExecutable(KEEPALIVED) && Files.isExecutable(IP) && "root".equals(System.getProperty("user.name"));
    }

    /** Creates the namespace with these interfaces (the first gets 10.99.0.1/24) and starts keepalived on {@code config}. */
    static KeepalivedInNamespace start(Path dir, Path config, String... interfaces) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        NamespaceLan lan = new NamespaceLan("deploy");
        String namespace;
        try {
            namespace = lan.add("n" + Long.toHexString(System.nanoTime() & 0xfffff));
        } catch (IOException | RuntimeException | InterruptedException e) {
            lan.close();
            throw e;
        }
        KeepalivedInNamespace keepalived = new KeepalivedInNamespace(namespace, dir, lan);
        try {
            NamespaceLan.addVethPairs(namespace, interfaces);
            run(List.of(IP.toString(), "-n", namespace, "addr", "add", "10.99.0.1/24", "dev", interfaces[0]));
            keepalived.launch(config);
        } catch (IOException | RuntimeException | InterruptedException e) {
            keepalived.close();
            throw e;
        }
        return keepalived;
    }

    /** keepalived on {@code config} in a namespace someone else made (and deletes); {@link #close()} only stops it. */
    static KeepalivedInNamespace startIn(String namespace, Path dir, Path config) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        KeepalivedInNamespace keepalived = new KeepalivedInNamespace(namespace, dir, null);
        try {
            keepalived.launch(config);
        } catch (IOException | RuntimeException | InterruptedException e) {
            keepalived.close();
            throw e;
        }
        return keepalived;
    }

    private void launch(Path config) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(IP.toString(), "netns", "exec", namespace, KEEPALIVED.toString(), "-n", "-l",
                "-D", "-G", "-P", "-f", config.toString(), "-p", pidFile().toString(), "-r", dir.resolve("vrrp.pid").toString())
                .redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().put("TMPDIR", dir.toString()); // where keepalived writes keepalived.data
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(pidFile()) && Files.exists(dir.resolve("vrrp.pid")))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("keepalived did not start: " + Files.readString(log()));
            }
            Thread.sleep(20);
        }
    }

    Path pidFile() {
        return dir.resolve("keepalived.pid");
    }

    KeepalivedDataDump dataDump() {
        return new KeepalivedDataDump(pidFile().toString(), dir.resolve("keepalived.data").toString());
    }

    /** keepalived -t as the director would run it: with the namespace's interfaces. */
    String validateCommand() {
        return IP + " netns exec " + namespace + " " + KEEPALIVED + " -t -f {file}";
    }

    /** What {@code systemctl reload keepalived} does: SIGHUP to the main process. */
    String reloadCommand() {
        return "kill -HUP $(cat '" + pidFile() + "')";
    }

    void deleteInterface(String name) throws IOException, InterruptedException {
        run(List.of(IP.toString(), "-n", namespace, "link", "del", name));
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * The "NAME STATE" pairs of a fresh data dump, read here without the code under test: SIGUSR1 by kill(1),
     * then the lines after each {@code VRRP Instance = }.
     */
    List<String> dumpedStates() throws IOException, InterruptedException {
        Path data = dir.resolve("keepalived.data");
        Files.deleteIfExists(data);
        run(List.of("kill", "-USR1", Long.toString(process.pid())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(data) || Files.size(data) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no data dump from keepalived: " + Files.readString(log()));
            }
            Thread.sleep(20);
        }
        Thread.sleep(100);
        List<String> states = new ArrayList<>();
        String name = null;
        for (String line : Files.readAllLines(data)) {
            if (line.startsWith(" VRRP Instance = ")) {
                name = line.substring(" VRRP Instance = ".length());
            } else if (name != null && line.startsWith("   State = ")) {
                states.add(name + " " + line.substring("   State = ".length()));
                name = null;
            }
        }
        return states;
    }

    Path log() {
        return dir.resolve("keepalived.log");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (process != null) {
                process.destroy(); // SIGTERM to the keepalived we started; it stops its VRRP child
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
        } finally {
            if (lan != null) {
                lan.close();
            }
        }
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        NamespaceLan.run(command.toArray(String[]::new));
    }
}

package org.vrrpstudio.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Test utility: {@code keepalived -t -f FILE} (Debian keepalived 2.2.7) as a second opinion, run inside a
 * network namespace this class creates with veth interfaces of the names the configs use (keepalived checks
 * that they exist). The namespace name carries this JVM's pid; {@link #close()} deletes it.
 */
final class KeepalivedVerdict implements AutoCloseable {

    static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");

    /** Exit code and the distinct messages, without "(file: Line n)" prefixes and file names. */
    record Verdict(int exitCode, Set<String> messages) {
    }

    private final String namespace;

    private KeepalivedVerdict(String namespace) {
        this.namespace = namespace;
    }

    static boolean available() {
        return Files.isExecutable(KEEPALIVED) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                && "root".equals(System.getProperty("user.name"));
    }

    static KeepalivedVerdict withInterfaces(String... names) throws IOException, InterruptedException {
        String namespace = "cluster" + ProcessHandle.current().pid() + "n" + Long.toHexString(System.nanoTime() & 0xfffff);
        exec(List.of("ip", "netns", "add", namespace));
        KeepalivedVerdict verdicts = new KeepalivedVerdict(namespace);
        try {
            for (String name : names) {
                exec(List.of("ip", "-n", namespace, "link", "add", name, "type", "veth", "peer", "name", name + "p"));
                exec(List.of("ip", "-n", namespace, "link", "set", name, "up"));
            }
        } catch (IOException | RuntimeException e) {
            verdicts.close();
            throw e;
        }
        return verdicts;
    }

    Verdict of(Path file) throws IOException, InterruptedException {
        Path absolute = file.toAbsolutePath();
        Path log = Files.createTempFile("cluster-keepalived", ".log");
        try {
            Process process = new ProcessBuilder("ip", "netns", "exec", namespace, KEEPALIVED.toString(), "-t",
                    "-f", absolute.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keepalived -t hangs on " + file);
            }
            Set<String> messages = new TreeSet<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String message = line.strip().replaceFirst("^\\([^()]*Line \\d+\\) ", "")
                        .replace(absolute.toString(), "FILE");
                if (!message.isEmpty()) {
                    messages.add(message);
                }
            }
            return new Verdict(process.exitValue(), messages);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        exec(List.of("ip", "netns", "delete", namespace));
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}

package org.vrrpstudio.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Second opinion from the real thing: runs {@code keepalived -t -f FILE} inside a private network namespace
 * that has the interfaces the configs name (keepalived checks they exist). Needs root and keepalived; use
 * {@link #isAvailable()} with {@code Assumptions.assumeTrue}. The namespace is deleted on {@link #close()}.
 * <pre>
 * try (KeepalivedCheck check = KeepalivedCheck.start("eth0", "eth1")) {
 *     KeepalivedCheck.Verdict v = check.verdict(path, "main");
 * }
 * </pre>
 */
public final class KeepalivedCheck implements AutoCloseable {

    public static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    private static final Pattern LINE_PREFIX = Pattern.compile("^\\((?:[^()]*: )?Line \\d+\\) ");

    /**
     * keepalived's exit code and the set of distinct messages it printed, with file names and line numbers removed
     * so that a file and its reformatted copy compare equal.
     */
    public record Verdict(int exitCode, Set<String> messages) {
        public boolean isValid() {
            return exitCode == 0;
        }
    }

    private final NamespaceLan lan;
    private final String namespace;

    private KeepalivedCheck(NamespaceLan lan, String namespace) {
        this.lan = lan;
        this.namespace = namespace;
    }

    /** Whether checks can run here: root, keepalived installed, {@code ip} available. */
    public static boolean isAvailable() {
        return Files.isExecutable(KEEPALIVED) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                && "root".equals(System.getProperty("user.name"));
    }

    /** Creates a namespace with veth interfaces of the given names (their peers are named NAMEp). */
    public static KeepalivedCheck start(String... interfaces) throws IOException, InterruptedException {
        NamespaceLan lan = new NamespaceLan("cfgchk");
        try {
            String namespace = lan.add("x" + Long.toHexString(System.nanoTime() & 0xffffff));
            NamespaceLan.addVethPairs(namespace, interfaces);
            return new KeepalivedCheck(lan, namespace);
        } catch (IOException | InterruptedException | RuntimeException e) {
            lan.close();
            throw e;
        }
    }

    /** One-shot check in a fresh namespace with eth0 and eth1. */
    public static Verdict verdict(Path file) throws IOException, InterruptedException {
        try (KeepalivedCheck check = start("eth0", "eth1")) {
            return check.verdict(file, null);
        }
    }

    /** {@code keepalived -t -f file [-i configId]} in this namespace. */
    public Verdict verdict(Path file, String configId) throws IOException, InterruptedException {
        Path absolute = file.toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, KEEPALIVED.toString(),
                "-t", "-f", absolute.toString()));
        if (configId != null) {
            command.add("-i");
            command.add(configId);
        }
        Path output = Files.createTempFile("keepalived-check", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keepalived -t did not finish within 60 s for " + file);
            }
            Set<String> messages = new TreeSet<>();
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                String message = LINE_PREFIX.matcher(line.strip()).replaceFirst("")
                        .replace(absolute.toString(), "<FILE>")
                        .replace(absolute.getFileName().toString(), "<FILE>");
                if (!message.isEmpty()) {
                    messages.add(message);
                }
            }
            return new Verdict(process.exitValue(), messages);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Override
    public void close() {
        lan.close();
    }
}

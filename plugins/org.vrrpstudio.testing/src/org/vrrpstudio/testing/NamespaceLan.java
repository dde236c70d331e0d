package org.vrrpstudio.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test's network of Linux network namespaces: namespaces joined by veth pairs to bridges in a "switch" namespace,
 * the processes started in them, and their removal. Every name starts with a tag and the test JVM's PID, so labs of
 * parallel runs and leftovers never meet; nothing outside these namespaces is touched. {@link #close()} ends the
 * processes this lab started (by PID: SIGTERM, SIGKILL after 5 s) and deletes every namespace it made, also when the
 * lab was built only half-way. Pure JDK: callers decide how a test is skipped ({@link #whyNotPossible()}).
 */
public final class NamespaceLan implements AutoCloseable {

    private final String base;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** A lab whose namespace names start with {@code tag} and this JVM's PID. */
    public NamespaceLan(String tag) {
        this.base = tag + ProcessHandle.current().pid();
    }

    /** Why namespaces cannot be made here (not root, no iproute2), or empty when they can. */
    public static Optional<String> whyNotPossible() {
        if (!isRoot()) {
            return Optional.of("the namespace lab needs root");
        }
        if (Set.of("/usr/sbin/ip", "/usr/bin/ip", "/sbin/ip").stream().noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            return Optional.of("the namespace lab needs iproute2 (ip)");
        }
        return Optional.empty();
    }

    /** The name of the namespace for {@code role} in this lab (made or not). */
    public String name(String role) {
        return base + role;
    }

    /** Makes the namespace for {@code role}, loopback up; it is deleted on {@link #close()}. */
    public String add(String role) throws IOException, InterruptedException {
        String name = name(role);
        run("ip", "netns", "add", name);
        namespaces.add(name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** Makes a switch namespace for {@code role} holding these bridges, up. */
    public String addSwitch(String role, String... bridges) throws IOException, InterruptedException {
        String name = add(role);
        for (String bridge : bridges) {
            run("ip", "-n", name, "link", "add", bridge, "type", "bridge");
            run("ip", "-n", name, "link", "set", bridge, "up");
        }
        return name;
    }

    /**
     * Plugs namespace {@code ns} into {@code bridge} of switch namespace {@code sw}: a veth pair, {@code itf} with
     * {@code address} (CIDR) in {@code ns}, {@code switchSide} on the bridge; both up.
     */
    public void connect(String ns, String itf, String address, String sw, String switchSide, String bridge)
            throws IOException, InterruptedException {
        run("ip", "-n", ns, "link", "add", itf, "type", "veth", "peer", "name", switchSide, "netns", sw);
        run("ip", "-n", sw, "link", "set", switchSide, "master", bridge, "up");
        run("ip", "-n", ns, "addr", "add", address, "dev", itf);
        run("ip", "-n", ns, "link", "set", itf, "up");
    }

    /**
     * Gives namespace {@code ns} interfaces of these names, up, on no network: each is a veth whose peer, {@code NAMEp},
     * stays in {@code ns} (what {@code keepalived -t} and a daemon that needs its interfaces to exist want).
     */
    public static void addVethPairs(String ns, String... names) throws IOException, InterruptedException {
        for (String name : names) {
            run("ip", "-n", ns, "link", "add", name, "type", "veth", "peer", "name", name + "p");
            run("ip", "-n", ns, "link", "set", name, "up");
            run("ip", "-n", ns, "link", "set", name + "p", "up");
        }
    }

    /** Starts {@code command} (output and errors appended to {@code log}); ended on {@link #close()}. */
    public Process start(List<String> command, Path log) throws IOException {
        return track(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    /** A process the caller started itself, to be ended on {@link #close()} with the others. */
    public Process track(Process process) {
        processes.add(process);
        return process;
    }

    /**
     * Runs a command to its end (20 s at most) and returns its output (standard error included).
     *
     * @throws IOException when it fails, with the command and what it said
     */
    public static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text.strip());
        }
        return text;
    }

    /** Runs a command to its end (20 s at most); its exit code (-1: timed out), whatever it said. */
    public static int exitCode(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** The IPv4 addresses a namespace holds as /32 (VIPs), sorted. */
    public static Set<String> hostAddresses(String ns) throws IOException, InterruptedException {
        Set<String> addresses = new TreeSet<>();
        Matcher m = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/32 ").matcher(run("ip", "-n", ns, "-4", "-o", "addr", "show"));
        while (m.find()) {
            addresses.add(m.group(1));
        }
        return addresses;
    }

    /** The java command of this JVM, for child JVMs. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    /** The jar or class folder {@code type} was loaded from, for a child JVM's class path; empty when not a file. */
    public static Optional<String> classPathEntry(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !source.getLocation().getProtocol().equals("file")) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            String classFile = type.getName().replace('.', '/') + ".class";
            if (Files.isRegularFile(location)) {
                return Optional.of(location.toString()); // a jar
            }
            for (Path candidate : List.of(location, location.resolve("target/classes"), location.resolve("bin"))) {
                if (Files.isRegularFile(candidate.resolve(classFile))) {
                    return Optional.of(candidate.toString());
                }
            }
            return Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines().filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy(); // SIGTERM to the PID we started (ip netns exec execs: the program itself)
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (String name : namespaces.reversed()) {
            try {
                run("ip", "netns", "del", name);
            } catch (IOException | InterruptedException e) {
                System.err.println("could not delete namespace " + name + ": " + e.getMessage());
            }
        }
        namespaces.clear();
    }
}

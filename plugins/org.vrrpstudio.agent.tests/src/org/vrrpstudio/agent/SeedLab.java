package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.vrrpstudio.agent.linux.Capabilities;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.testing.NamespaceLan;
import org.vrrpstudio.vrrp.engine.VrrpNode;

/**
 * The case study's LAN in network namespaces this object creates and deletes on {@link #close()}: a switch namespace
 * with bridges br0 (192.168.200.0/24, the directors' eth0) and br1 (192.168.100.0/24, eth1), directors d1 (.5) and
 * d2 (.6), and a bystander namespace x (192.168.200.99 on br0) for captures and injected packets. Names carry the
 * test JVM's PID; nothing outside these namespaces is touched. Agents and keepalived run as child processes inside
 * them and are ended by PID.
 */
public final class SeedLab implements AutoCloseable {

    public static final Set<String> INITIAL_D1 = Set.of("192.168.200.10", "192.168.200.11", "192.168.100.10");
    public static final Set<String> INITIAL_D2 = Set.of("192.168.200.12", "192.168.200.13", "192.168.100.11");
    public static final Set<String> ALL = union(INITIAL_D1, INITIAL_D2);

    public final String sw;
    public final String d1;
    public final String d2;
    public final String x;
    public final Path work;
    /** The namespaces and the processes started in them. */
    private final NamespaceLan lan = new NamespaceLan("ag");
    /**
     * The agent JVM's options: the shipped ones ({@code vrrpstudio-agent.jvm} of the agent feature) when this runs
     * from the source tree, else a daemon's small footprint.
     */
    private List<String> agentJvmOptions = shippedJvmOptions().orElse(List.of("-Xms4m", "-Xmx24m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=5", "-Xss512k",
            "-XX:ReservedCodeCacheSize=8m", "-XX:CICompilerCount=1"));
    /**
     * The installed launcher ({@code -Dvrrpstudio.agent.launcher=.../vrrpstudio-agent}) the agents run with instead
     * of a child JVM on the test's class path: what a director runs, with its prepared class path and AOT cache.
     */
    private static final Optional<Path> LAUNCHER = Optional.ofNullable(System.getProperty("vrrpstudio.agent.launcher")).map(Path::of);

    private SeedLab(String tag) throws IOException {
        sw = lan.name(tag + "sw");
        d1 = lan.name(tag + "d1");
        d2 = lan.name(tag + "d2");
        x = lan.name(tag + "x");
        work = Files.createTempDirectory("vrrpstudio-agent-lab");
    }

    /** Skips the calling test unless namespaces can be made here (root, iproute2) and a child JVM can be started. */
    public static void assumePossible() {
        Optional<String> notPossible = NamespaceLan.whyNotPossible();
        Assumptions.assumeTrue(notPossible.isEmpty(), () -> notPossible.orElse(""));
        Assumptions.assumeTrue(Capabilities.check().sufficient(), "the namespace lab needs root");
        Assumptions.assumeTrue(agentClassPath().isPresent(), "no class path for the child agent JVM could be found");
    }

    public static SeedLab create(String tag) throws IOException, InterruptedException {
        assumePossible();
        SeedLab lab = new SeedLab(tag);
        try {
            lab.lan.addSwitch(tag + "sw", "br0", "br1");
            int host = 5;
            for (String role : List.of("d1", "d2")) {
                String d = lab.lan.add(tag + role);
                lab.lan.connect(d, "eth0", "192.168.200." + host + "/24", lab.sw, role + "e0", "br0");
                lab.lan.connect(d, "eth1", "192.168.100." + host + "/24", lab.sw, role + "e1", "br1");
                host++;
            }
            lab.lan.connect(lab.lan.add(tag + "x"), "eth0", "192.168.200.99/24", lab.sw, "xe0", "br0");
            return lab;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    /** Director 1's seed file with {@code auth_type} replaced (AH is the seed's own). */
    public static String seedConfig(String authType) throws IOException {
        return Files.readString(Path.of("data", "seed-director1.conf")).replace("auth_type AH", "auth_type " + authType);
    }

    /** The mirror of director 1's file, as director 2 runs it: VI_1/VI_2 BACKUP 100, VI_3/VI_4 MASTER 150. */
    public static String mirror(String d1Config) {
        return d1Config.replace("state MASTER", "state TMP").replace("state BACKUP", "state MASTER").replace("state TMP", "state BACKUP")
                .replace("priority 150", "priority TMP").replace("priority 100", "priority 150").replace("priority TMP", "priority 100");
    }

    public Path write(String name, String text) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Our agent in {@code ns} as a child JVM on a plain class path; its stderr goes to {@code work/<name>.log}. */
    public Process startAgent(String ns, String name, Path config, String... extra) throws IOException {
        return startAgent(ns, name, config, List.of(), extra);
    }

    /** The same, with {@code wrapper} (e.g. setpriv and its options) between {@code ip netns exec NS} and java. */
    public Process startAgent(String ns, String name, Path config, List<String> wrapper, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(wrapper);
        if (LAUNCHER.isPresent()) { // it execs java: the process is the agent's JVM
            command.addAll(List.of("env", "VRRPSTUDIO_STATE=" + launcherState(), "JAVA_HOME=" + System.getProperty("java.home"),
                    LAUNCHER.get().toString(), "agent", "-f",
                    config.toString(), "--socket", socket(name).toString()));
            command.addAll(List.of(extra));
            return start(command, log(name));
        }
        command.addAll(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(agentJvmOptions);
        command.addAll(List.of("-cp", agentClassPath().orElseThrow(), AgentMain.class.getName(), "-f", config.toString(),
                "--socket", socket(name).toString()));
        command.addAll(List.of(extra));
        return start(command, log(name));
    }

    /** How the agents are started, for reports. */
    public String agentLaunch() {
        return LAUNCHER.map(l -> "launcher " + l).orElse("java " + String.join(" ", agentJvmOptions));
    }

    /** The launcher's state folder, shared by the labs of this JVM so its prepared runtime is made once. */
    private static Path launcherState() {
        return Path.of(System.getProperty("java.io.tmpdir"), "vrrpstudio-lab-state-" + ProcessHandle.current().pid());
    }

    /** {@code vrrpstudio-agent.jvm} of the agent feature, seen from a test fragment's folder. */
    static Optional<List<String>> shippedJvmOptions() {
        Path file = Path.of("..", "..", "features", "org.vrrpstudio.agent.feature", "rootfiles", "vrrpstudio-agent.jvm");
        try {
            return Optional.of(Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Adds JVM options for the agents started from now on (e.g. a class-data-sharing archive in the benchmark). */
    public void addAgentJvmOptions(String... options) {
        List<String> all = new ArrayList<>(agentJvmOptions);
        all.addAll(List.of(options));
        agentJvmOptions = List.copyOf(all);
    }

    /** keepalived 2.2.7's VRRP process in the foreground, with its own PID files under the lab's work folder. */
    public Process startKeepalived(String ns, String name, Path config) throws IOException {
        return start(List.of("ip", "netns", "exec", ns, "keepalived", "-n", "-l", "-D", "-f", config.toString(),
                "-p", work.resolve(name + "-k.pid").toString(), "-r", work.resolve(name + "-kv.pid").toString(),
                "-c", work.resolve(name + "-kc.pid").toString(), "--vrrp"), log(name));
    }

    /**
     * Director 1's file and its mirror for director 2, run by keepalived on {@code keepalivedOn} ("d1" or "d2") and by
     * our agent on the other director.
     */
    public void startAgainstKeepalived(String d1Config, String keepalivedOn) throws IOException {
        Path d1File = write("d1.conf", d1Config);
        Path d2File = write("d2.conf", mirror(d1Config));
        if (keepalivedOn.equals("d1")) {
            startKeepalived(d1, "d1", d1File);
            startAgent(d2, "d2", d2File);
        } else {
            startAgent(d1, "d1", d1File);
            startKeepalived(d2, "d2", d2File);
        }
    }

    private Process start(List<String> command, Path log) throws IOException {
        return lan.start(command, log);
    }

    public Path socket(String name) {
        return work.resolve(name + ".sock");
    }

    public Path log(String name) {
        return work.resolve(name + ".log");
    }

    public String logText(String name) {
        try {
            return Files.readString(log(name));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The /32 addresses (VIPs) a namespace holds. */
    public static Set<String> vips(String ns) throws IOException, InterruptedException {
        return NamespaceLan.hostAddresses(ns);
    }

    /** Waits until d1 and d2 hold exactly these VIPs; returns how long it took, fails with what they hold if not. */
    public Duration awaitVips(Duration timeout, Set<String> onD1, Set<String> onD2) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Set<String> got1;
        Set<String> got2;
        do {
            got1 = vips(d1);
            got2 = vips(d2);
            if (got1.equals(new TreeSet<>(onD1)) && got2.equals(new TreeSet<>(onD2))) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        assertEquals(new TreeSet<>(onD1) + " / " + new TreeSet<>(onD2), got1 + " / " + got2,
                "VIPs on d1 / d2 after " + timeout.toMillis() + " ms");
        return timeout;
    }

    /** The agent's status document ({@code json} or {@code text}), or empty while nobody answers yet. */
    public Optional<String> status(String name, boolean json) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket(name)));
            channel.write(ByteBuffer.wrap((json ? "json\n" : "text\n").getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A counter from the status JSON, e.g. {@code "REPLAYED"} inside {@code "rejected"}; 0 when absent. */
    public long rejected(String name, String reason) {
        String json = status(name, true).orElse("");
        Matcher m = Pattern.compile("\"" + reason + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** How many transitions the agent's status lists. */
    public long transitions(String name) {
        String json = status(name, true).orElse("");
        int at = json.indexOf("\"transitions\":[");
        return at < 0 ? -1 : Pattern.compile("\"from\":").matcher(json.substring(at)).results().count();
    }

    public static String run(String... command) throws IOException, InterruptedException {
        return NamespaceLan.run(command);
    }

    /** Sends SIGTERM to a child (the agent behind {@code ip netns exec}, which execs it: same PID). */
    public static void terminate(Process process) throws IOException, InterruptedException {
        run("kill", "-TERM", Long.toString(process.pid()));
    }

    public static void hangUp(Process process) throws IOException, InterruptedException {
        run("kill", "-HUP", Long.toString(process.pid()));
    }

    @Override
    public void close() {
        lan.close();
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    private static String javaBinary() {
        return NamespaceLan.javaBinary();
    }

    /**
     * The child JVM's class path: the test JVM's own when it is flat (releng/devtest); under OSGi the folders or jars
     * the needed bundles were loaded from.
     */
    public static Optional<String> agentClassPath() {
        if (ClassLoader.getSystemClassLoader().getResource("org/vrrpstudio/agent/AgentMain.class") != null) {
            return Optional.of(System.getProperty("java.class.path"));
        }
        Set<String> entries = new LinkedHashSet<>();
        // as the installed launcher: no EMF, no model and no cluster logic, which the daemon must not need
        for (Class<?> bundleClass : List.of(AgentMain.class, RawIpSocket.class, VrrpNode.class, ConfigBinding.class,
                ConfigParser.class)) {
            Optional<String> entry = classPathEntry(bundleClass);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            entries.add(entry.get());
        }
        return Optional.of(String.join(File.pathSeparator, entries));
    }

    private static Optional<String> classPathEntry(Class<?> type) {
        return NamespaceLan.classPathEntry(type);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}

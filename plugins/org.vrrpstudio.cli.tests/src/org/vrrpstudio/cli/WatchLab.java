package org.vrrpstudio.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.vrrpstudio.testing.NamespaceLan;
import org.vrrpstudio.testing.TestSshd;

/**
 * The live view's namespace lab: two directors (namespaces d1, d2) on the seed's two VRRP networks (bridges br0, br1
 * in a switch namespace), each with its own sshd on a management address (10.77.0.1, .2) on a third bridge, and a
 * management namespace (10.77.0.100) where the CLI runs as a child JVM: it reaches the directors only over the
 * management network, never through the root namespace. Each director's processes (sshd and its sessions, the
 * daemon) see the director's own /run and /tmp (bind mounts in a private mount namespace), so keepalived and our agent
 * run with their stock default paths, as on a real director. Namespace names carry this JVM's PID; everything is
 * removed in {@link #close()}, processes by their PID.
 */
final class WatchLab implements AutoCloseable {

    static final String MG_PREFIX = "10.77.0.";

    final String sw;
    final String mg;
    final Map<String, String> ns;
    final Path work;
    final Path clientKey;
    final Path knownHosts;
    /** The namespaces and the processes started in them. */
    private final NamespaceLan lan = new NamespaceLan("lw");
    private final java.util.Map<String, Process> sshd = new java.util.HashMap<>();
    private final java.util.Map<String, Process> daemon = new java.util.HashMap<>();
    private final String classPath;

    private WatchLab(String classPath) throws IOException {
        sw = lan.name("sw");
        mg = lan.name("mg");
        ns = Map.of("d1", lan.name("d1"), "d2", lan.name("d2"));
        // not under /tmp: each director's /tmp is its own
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "watchlab");
        // the lab's non-root users read their authorized_keys in here (nothing secret: a throw-away key)
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        clientKey = work.resolve("client_ed25519");
        knownHosts = work.resolve("known_hosts");
        this.classPath = classPath;
    }

    static void assumePossible() {
        Optional<String> notPossible = NamespaceLan.whyNotPossible();
        Assumptions.assumeTrue(notPossible.isEmpty(), () -> notPossible.orElse(""));
        Assumptions.assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "the lab needs keepalived (Debian 2.2.7)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "the lab needs unshare (util-linux)");
        Assumptions.assumeTrue(classPath().isPresent(), "no class path for the child CLI JVM could be found");
    }

    static WatchLab create() throws IOException, InterruptedException {
        assumePossible();
        WatchLab lab = new WatchLab(classPath().orElseThrow());
        try {
            lab.lan.addSwitch("sw", "br0", "br1", "brm");
            lab.lan.add("mg");
            int host = 5;
            for (String d : List.of("d1", "d2")) {
                String n = lab.lan.add(d);
                lab.port(n, "eth0", d + "e0", "br0", "192.168.200." + host + "/24");
                lab.port(n, "eth1", d + "e1", "br1", "192.168.100." + host + "/24");
                lab.port(n, "mgmt0", d + "m", "brm", MG_PREFIX + (host - 4) + "/24");
                for (String dir : List.of("run/sshd", "tmp", "etc", "home")) {
                    Files.createDirectories(lab.dir(d).resolve(dir));
                }
                lab.accounts(d);
                host++;
            }
            lab.port(lab.mg, "mgmt0", "mgm", "brm", MG_PREFIX + "100/24");
            TestSshd.keygen(lab.clientKey, "");
            Files.createDirectories(lab.work.resolve("bin"));
            Path launcher = lab.work.resolve("bin/vrrpstudio-agent");
            Files.writeString(launcher, "#!/bin/sh\nexec " + javaBinary() + " --enable-native-access=ALL-UNNAMED -Xmx64m -XX:+UseSerialGC"
                    + " -XX:TieredStopAtLevel=1 -cp '" + lab.classPath + "' org.vrrpstudio.cli.VrrpStudioCommand \"$@\"\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            return lab;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    /**
     * A probe namespace on both VRRP networks (192.168.200.50, 192.168.100.50), e.g. to ping the VIPs from outside the
     * pair; removed with the lab.
     */
    String addProbe() throws IOException, InterruptedException {
        String probe = lan.add("pr");
        port(probe, "eth0", "pre0", "br0", "192.168.200.50/24");
        port(probe, "eth1", "pre1", "br1", "192.168.100.50/24");
        return probe;
    }

    /**
     * {@code labctl start|stop keepalived|agent [FILE]} on the directors' PATH: the lab's stand-in for systemctl (no
     * systemd in a namespace). start daemonizes keepalived (PID in the director's /run/keepalived.pid) or starts the
     * agent detached (/run/vrrpstudio/agent.pid); stop sends SIGTERM and waits for the process to end (5 s at most).
     * A file /tmp/labctl-fail-ACTION-DAEMON on the director makes that action fail, as a broken unit would.
     */
    void installLabctl() throws IOException {
        Path labctl = work.resolve("bin/labctl");
        Files.writeString(labctl, """
                #!/bin/sh
                action=$1 daemon=$2 file=$3
                case $daemon in
                  keepalived) pidfile=/run/keepalived.pid ;;
                  agent) pidfile=/run/vrrpstudio/agent.pid ;;
                  *) echo "labctl: unknown daemon $daemon" >&2; exit 2 ;;
                esac
                if [ -e "/tmp/labctl-fail-$action-$daemon" ]; then echo "labctl: $daemon refuses to $action (test)" >&2; exit 1; fi
                case $action in
                  start)
                    if [ "$daemon" = keepalived ]; then
                      keepalived -l -D -f "$file" </dev/null >/dev/null 2>&1
                    else
                      mkdir -p /run/vrrpstudio && chmod 700 /run/vrrpstudio
                      setsid vrrpstudio-agent agent -f "$file" --pid-file "$pidfile" </dev/null >>/tmp/agent.log 2>&1 &
                    fi ;;
                  stop)
                    pid=$(cat "$pidfile" 2>/dev/null) || exit 0
                    kill -TERM "$pid" 2>/dev/null || exit 0
                    n=0
                    while kill -0 "$pid" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
                    rm -f "$pidfile" ;;
                  *) echo "labctl: start or stop, not $action" >&2; exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(labctl, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The daemons the directors started themselves (labctl, through sshd): ended by the PID in their PID files. */
    private void stopDetachedDaemons() {
        for (String d : List.of("d1", "d2")) {
            for (Path pidFile : List.of(dir(d).resolve("run/keepalived.pid"), dir(d).resolve("run/vrrpstudio/agent.pid"))) {
                try {
                    long pid = Long.parseLong(Files.readString(pidFile).strip());
                    ProcessHandle.of(pid).filter(h -> h.info().command().map(c -> c.endsWith("/keepalived") || c.endsWith("/java"))
                            .orElse(false)).ifPresent(h -> {
                        h.destroy();
                        try {
                            h.onExit().get(5, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            h.destroyForcibly();
                        }
                    });
                } catch (IOException | NumberFormatException e) {
                    // no such daemon
                }
            }
        }
    }

    /**
     * The director's own account files, bind-mounted over /etc for its processes only (the host's stay untouched):
     * the host's plus {@code ops} (sudo without a password) and {@code asker} (sudo wants a password), both logging
     * in by the lab's key.
     */
    private void accounts(String director) throws IOException {
        Path etc = dir(director).resolve("etc");
        String home = dir(director).resolve("home").toString();
        Files.writeString(etc.resolve("passwd"), Files.readString(Path.of("/etc/passwd"))
                + "ops:x:4242:4242::" + home + ":/bin/sh\nasker:x:4243:4243::" + home + ":/bin/sh\n");
        Files.writeString(etc.resolve("group"), Files.readString(Path.of("/etc/group")) + "ops:x:4242:\nasker:x:4243:\n");
        Files.writeString(etc.resolve("shadow"), Files.readString(Path.of("/etc/shadow")) + "ops:*:20000:0:99999:7:::\nasker:*:20000:0:99999:7:::\n");
        Files.setPosixFilePermissions(etc.resolve("shadow"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(etc.resolve("sudoers"), "Defaults env_reset\nroot ALL=(ALL:ALL) ALL\nops ALL=(root) NOPASSWD: ALL\nasker ALL=(root) ALL\n");
        Files.setPosixFilePermissions(etc.resolve("sudoers"), PosixFilePermissions.fromString("r--r-----"));
    }

    Path dir(String director) {
        return work.resolve(director);
    }

    String address(String director) {
        return MG_PREFIX + director.substring(1);
    }

    private void port(String n, String name, String switchSide, String bridge, String address) throws IOException, InterruptedException {
        lan.connect(n, name, address, sw, switchSide, bridge);
    }

    /** The command in the director's namespace with its own /run and /tmp; it execs, so the PID is the command's. */
    private List<String> onDirector(String director, List<String> command) {
        Path root = dir(director);
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns.get(director), "unshare", "--mount",
                "--propagation", "private", "sh", "-c", "mount --bind '" + root.resolve("run") + "' /run && mount --bind '"
                        + root.resolve("tmp") + "' /tmp && for f in passwd group shadow sudoers; do mount --bind '"
                        + root.resolve("etc") + "'/$f /etc/$f || exit 1; done && exec \"$@\"", "director-" + director));
        all.addAll(command);
        return all;
    }

    /** The director's own sshd on its management address, port 22, root by key, {@code bin/} first on PATH. */
    void startSshd(String director) throws IOException, InterruptedException {
        Path root = dir(director);
        Path hostKey = root.resolve("etc/host_ed25519");
        if (!Files.exists(hostKey)) {
            TestSshd.keygen(hostKey, "");
        }
        Files.writeString(root.resolve("etc/authorized_keys"), Files.readString(Path.of(clientKey + ".pub")));
        Path config = root.resolve("etc/sshd_config");
        Files.writeString(config, String.join("\n", "ListenAddress " + address(director), "UsePAM no",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password", "AuthorizedKeysFile " + root.resolve("etc/authorized_keys"),
                "AllowUsers root ops asker",
                "StrictModes no", "PidFile none", "Subsystem sftp internal-sftp", "LogLevel VERBOSE",
                "SetEnv SHLVL=1 PATH=" + work.resolve("bin") + ":/usr/sbin:/usr/bin:/sbin:/bin", ""));
        Process p = start(onDirector(director, List.of("/usr/sbin/sshd", "-D", "-f", config.toString(), "-p", "22", "-h",
                hostKey.toString(), "-E", root.resolve("sshd.log").toString())), root.resolve("sshd.out"));
        sshd.put(director, p);
        for (int i = 0; i < 100; i++) {
            if (NamespaceLan.exitCode("ip", "netns", "exec", mg, "bash", "-c", "exec 3<>/dev/tcp/" + address(director) + "/22") == 0) {
                return;
            }
            if (!p.isAlive()) {
                throw new IOException("sshd of " + director + " exited: " + Files.readString(root.resolve("sshd.out")));
            }
            Thread.sleep(50);
        }
        throw new IOException("sshd of " + director + " did not listen on " + address(director) + ":22");
    }

    /** SIGTERM to the director's sshd (by PID); its sessions end with it. */
    void stopSshd(String director) throws InterruptedException {
        Process p = sshd.remove(director);
        if (p != null) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** keepalived 2.2.7 in the foreground with Debian's default paths (the director's own /run and /tmp). */
    Process startKeepalived(String director, Path config) throws IOException {
        Process p = start(onDirector(director, List.of("keepalived", "-n", "-l", "-D", "-f", config.toString())),
                dir(director).resolve("daemon.log"));
        daemon.put(director, p);
        return p;
    }

    /**
     * CPU the director has spent so far, in clock ticks (1/100 s): its sshd with every session and the commands they
     * ran (reaped children count in their parent), and its daemon's processes.
     */
    long cpuTicks(String director) {
        long ticks = 0;
        for (Process root : List.of(sshd.get(director), daemon.get(director))) {
            List<ProcessHandle> all = new ArrayList<>();
            all.add(root.toHandle());
            root.toHandle().descendants().forEach(all::add);
            for (ProcessHandle h : all) {
                try {
                    String stat = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields 14..17 of stat (utime stime cutime cstime) are 11..14 after the command name
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } catch (IOException | RuntimeException gone) {
                    // exited between the listing and the read: its time is in its parent's now
                }
            }
        }
        return ticks;
    }

    /** Our agent, as the director's launcher starts it (default status socket /run/vrrpstudio/agent.sock). */
    Process startAgent(String director, Path config) throws IOException {
        return start(onDirector(director, List.of(work.resolve("bin/vrrpstudio-agent").toString(), "agent", "-f", config.toString())),
                dir(director).resolve("daemon.log"));
    }

    record Result(int exit, String out) {
    }

    /** The CLI in the management namespace (a child JVM), e.g. {@code watch CLUSTER --once --json}. */
    Result cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", mg, javaBinary(), "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "org.vrrpstudio.cli.VrrpStudioCommand"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(work.resolve("cli.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the CLI did not finish within 60 s");
        }
        return new Result(p.exitValue(), out + Files.readString(work.resolve("cli.err")));
    }

    /** The CLI in the management namespace, running on; each line of its output goes to {@code lines} as it comes. */
    Process cliBackground(java.util.function.Consumer<String> lines, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", mg, javaBinary(), "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "org.vrrpstudio.cli.VrrpStudioCommand"));
        command.addAll(List.of(args));
        Process p = lan.track(new ProcessBuilder(command).redirectError(work.resolve("cli-background.err").toFile()).start());
        Thread.ofVirtual().start(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the CLI was stopped
            }
        });
        return p;
    }

    void linkDown(String director, String link) throws IOException, InterruptedException {
        run("ip", "-n", ns.get(director), "link", "set", link, "down");
    }

    void linkUp(String director, String link) throws IOException, InterruptedException {
        run("ip", "-n", ns.get(director), "link", "set", link, "up");
    }

    /** Takes the director's VRRP ports off the switch (its links stay up): it hears no peer, the peer hears nothing. */
    void isolate(String director) throws IOException, InterruptedException {
        run("ip", "-n", sw, "link", "set", director + "e0", "nomaster");
        run("ip", "-n", sw, "link", "set", director + "e1", "nomaster");
    }

    void reconnect(String director) throws IOException, InterruptedException {
        run("ip", "-n", sw, "link", "set", director + "e0", "master", "br0");
        run("ip", "-n", sw, "link", "set", director + "e1", "master", "br1");
    }

    private Process start(List<String> command, Path log) throws IOException {
        return lan.start(command, log);
    }

    @Override
    public void close() {
        stopDetachedDaemons();
        lan.close();
    }

    static void run(String... command) throws IOException, InterruptedException {
        NamespaceLan.run(command);
    }

    private static String javaBinary() {
        return NamespaceLan.javaBinary();
    }

    /** The child JVM's class path: flat (releng/devtest) as it is; under OSGi the bundles' folders or jars. */
    static Optional<String> classPath() {
        if (ClassLoader.getSystemClassLoader().getResource("org/vrrpstudio/cli/VrrpStudioCommand.class") != null) {
            return Optional.of(System.getProperty("java.class.path"));
        }
        Set<String> entries = new LinkedHashSet<>();
        // each class through a loader that sees it (the bundle that requires it), as the plain main needs them all
        String[][] wanted = {
                {"org.vrrpstudio.cli.VrrpStudioCommand", "picocli.CommandLine"},
                {"org.vrrpstudio.live.LiveMonitor", "com.google.gson.Gson"},
                {"org.vrrpstudio.deploy.live.SshDirectorProbe", "com.jcraft.jsch.JSch"},
                {"org.vrrpstudio.cluster.ClusterStore", "org.vrrpstudio.config.ConfigParser"},
                {"org.vrrpstudio.model.Cluster", "org.eclipse.emf.ecore.EObject"},
                {"org.vrrpstudio.cluster.ClusterStore", "org.eclipse.emf.ecore.xmi.XMIResource"},
                {"org.vrrpstudio.model.Cluster", "org.eclipse.emf.common.util.URI"},
                {"org.vrrpstudio.agent.AgentMain", "org.vrrpstudio.vrrp.engine.VrrpNode"},
                {"org.vrrpstudio.agent.AgentMain", "org.vrrpstudio.vrrp.binding.ConfigBinding"},
                {"org.vrrpstudio.agent.AgentMain", "org.vrrpstudio.agent.linux.RawIpSocket"},
                {"org.vrrpstudio.cli.VrrpStudioCommand", "org.vrrpstudio.simulation.WhatIfSimulation"},
        };
        try {
            for (String[] pair : wanted) {
                Class<?> visible = Class.forName(pair[0]);
                for (Class<?> c : List.of(visible, Class.forName(pair[1], false, visible.getClassLoader()))) {
                    Optional<String> entry = entry(c);
                    if (entry.isEmpty()) {
                        return Optional.empty();
                    }
                    entries.add(entry.get());
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return Optional.of(String.join(File.pathSeparator, entries));
    }

    private static Optional<String> entry(Class<?> type) {
        return NamespaceLan.classPathEntry(type);
    }
}

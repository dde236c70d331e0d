package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Two network namespaces joined by a veth pair, made with iproute2 and deleted on close:
 * {@code A: veth "va" (ifindex 1001) 192.0.2.1/24  <->  B: veth "vb" (ifindex 1002) 192.0.2.2/24}. Names carry the test JVM's pid and a
 * per-test tag, so parallel runs and leftovers never collide. Nothing outside the two namespaces is touched
 * (the veth pair is created directly inside A with its peer placed in B).
 */
final class NetnsLab implements AutoCloseable {

    static final String A_ADDRESS = "192.0.2.1";
    static final String B_ADDRESS = "192.0.2.2";

    final String a;
    final String b;
    private final List<String> created = new ArrayList<>();

    private NetnsLab(String tag) {
        String base = "lx" + ProcessHandle.current().pid() + tag;
        this.a = base + "a";
        this.b = base + "b";
    }

    /** Skips the calling test unless we are root with iproute2 available. */
    static void assumeLabPossible() {
        Assumptions.assumeTrue(Capabilities.check().sufficient(), "lab tests " + Capabilities.REQUIREMENT);
        Assumptions.assumeTrue(Capabilities.check().netAdmin() && isRoot(), "lab tests need root for ip netns");
        Assumptions.assumeTrue(new java.io.File("/usr/sbin/ip").canExecute() || new java.io.File("/sbin/ip").canExecute()
                || new java.io.File("/usr/bin/ip").canExecute(), "lab tests need iproute2 (ip)");
    }

    private static boolean isRoot() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status")).lines()
                    .filter(l -> l.startsWith("Uid:")).findFirst().map(l -> l.split("\\s+")[2].equals("0"))
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    static NetnsLab create(String tag) throws IOException, InterruptedException {
        assumeLabPossible();
        NetnsLab lab = new NetnsLab(tag);
        try {
            lab.addNamespace(lab.a);
            lab.addNamespace(lab.b);
            // distinct ifindexes on the two ends: the kernel then treats carrier changes as urgent and reports
            // them at once, instead of rate-limiting them to one batch per second (see LinkMonitorTest)
            lab.run("ip", "-n", lab.a, "link", "add", "va", "index", "1001", "type", "veth", "peer", "name", "vb",
                    "index", "1002", "netns", lab.b);
            lab.run("ip", "-n", lab.a, "addr", "add", A_ADDRESS + "/24", "dev", "va");
            lab.run("ip", "-n", lab.b, "addr", "add", B_ADDRESS + "/24", "dev", "vb");
            for (String ns : List.of(lab.a, lab.b)) {
                lab.run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            lab.run("ip", "-n", lab.a, "link", "set", "va", "up");
            lab.run("ip", "-n", lab.b, "link", "set", "vb", "up");
            return lab;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void addNamespace(String name) throws IOException, InterruptedException {
        run("ip", "netns", "add", name);
        created.add(name);
    }

    NetworkNamespace namespaceA() {
        return NetworkNamespace.named(a);
    }

    NetworkNamespace namespaceB() {
        return NetworkNamespace.named(b);
    }

    /** Runs a command, fails the test if it exits non-zero, and returns its standard output. */
    String run(String... command) throws IOException, InterruptedException {
        Result result = exec(command);
        assertEquals(0, result.exitCode, () -> String.join(" ", command) + " failed: " + result.output);
        return result.output;
    }

    record Result(int exitCode, String output) {
    }

    static Result exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        for (String name : created.reversed()) {
            try {
                exec("ip", "netns", "del", name);
            } catch (IOException | InterruptedException e) {
                System.err.println("could not delete namespace " + name + ": " + e);
            }
        }
        created.clear();
    }
}

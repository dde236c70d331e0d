package org.vrrpstudio.agent.linux.bench;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.vrrpstudio.agent.linux.AddressChange;
import org.vrrpstudio.agent.linux.Capabilities;
import org.vrrpstudio.agent.linux.Ipv4InterfaceAddress;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.agent.linux.NetworkNamespace;

/**
 * How fast a virtual IP can be added and removed, and what the first native call costs (linking the
 * downcall handles). Works in a network namespace of its own ({@code lxbench<pid>}, on its loopback), which
 * it deletes at the end, so the host's interfaces are never touched.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED -cp BUNDLE org.vrrpstudio.agent.linux.bench.NetlinkBenchmark [iterations]}
 */
public final class NetlinkBenchmark {

    private NetlinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? parseIterations(args[0]) : 1000;
        Capabilities capabilities = Capabilities.check();
        if (!capabilities.sufficient() || !isRoot()) {
            System.err.println("NetlinkBenchmark " + Capabilities.REQUIREMENT + ", and root for 'ip netns add'");
            System.exit(2);
        }
        String namespace = "lxbench" + ProcessHandle.current().pid();
        run("ip", "netns", "add", namespace);
        try {
            NetworkNamespace.named(namespace).call(() -> {
                measure(iterations);
                return null;
            });
        } finally {
            run("ip", "netns", "del", namespace);
        }
    }

    private static void measure(int iterations) throws IOException {
        long beforeFirstCall = System.nanoTime();
        try (Netlink netlink = Netlink.open()) {
            long firstCallNanos = System.nanoTime() - beforeFirstCall;
            int lo = netlink.interfaceIndex("lo");
            netlink.setLinkUp(lo, true);
            Ipv4InterfaceAddress vip = Ipv4InterfaceAddress.of(lo, (Inet4Address) InetAddress.getByName("192.0.2.10"),
                    32);
            long[] add = new long[iterations];
            long[] remove = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                AddressChange added = netlink.addAddress(vip);
                long middle = System.nanoTime();
                AddressChange removed = netlink.removeAddress(vip);
                long end = System.nanoTime();
                if (!added.applied() || !removed.applied()) {
                    throw new IOException("iteration " + i + ": add " + added + ", remove " + removed);
                }
                add[i] = middle - start;
                remove[i] = end - middle;
            }
            System.out.printf("first native call (open netlink, links all downcall handles): %.1f ms%n",
                    firstCallNanos / 1e6);
            report("address add", add);
            report("address remove", remove);
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s over %d runs: median %.1f µs, p99 %.1f µs, max %.1f µs%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e3, sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }

    private static int parseIterations(String text) {
        try {
            int iterations = Integer.parseInt(text);
            if (iterations > 0) {
                return iterations;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        System.err.println("NetlinkBenchmark: iterations must be a positive number, got '" + text + "'");
        System.exit(2);
        return 0;
    }

    private static boolean isRoot() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status")).lines()
                    .filter(line -> line.startsWith("Uid:")).anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("failed: " + String.join(" ", command));
        }
    }
}

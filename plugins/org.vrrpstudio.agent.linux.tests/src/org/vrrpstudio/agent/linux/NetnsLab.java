package org.vrrpstudio.agent.linux;

import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.vrrpstudio.testing.NamespaceLan;

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
    private final String tag;
    private final NamespaceLan lan = new NamespaceLan("lx");

    private NetnsLab(String tag) {
        this.tag = tag;
        this.a = lan.name(tag + "a");
        this.b = lan.name(tag + "b");
    }

    /** Skips the calling test unless we are root with iproute2 available. */
    static void assumeLabPossible() {
        Assumptions.assumeTrue(Capabilities.check().sufficient(), "lab tests " + Capabilities.REQUIREMENT);
        Assumptions.assumeTrue(Capabilities.check().netAdmin(), "lab tests need root for ip netns");
        Optional<String> notPossible = NamespaceLan.whyNotPossible();
        Assumptions.assumeTrue(notPossible.isEmpty(), () -> notPossible.orElse(""));
    }

    static NetnsLab create(String tag) throws IOException, InterruptedException {
        assumeLabPossible();
        NetnsLab lab = new NetnsLab(tag);
        try {
            lab.lan.add(lab.tag + "a");
            lab.lan.add(lab.tag + "b");
            // distinct ifindexes on the two ends: the kernel then treats carrier changes as urgent and reports
            // them at once, instead of rate-limiting them to one batch per second (see LinkMonitorTest)
            lab.run("ip", "-n", lab.a, "link", "add", "va", "index", "1001", "type", "veth", "peer", "name", "vb",
                    "index", "1002", "netns", lab.b);
            lab.run("ip", "-n", lab.a, "addr", "add", A_ADDRESS + "/24", "dev", "va");
            lab.run("ip", "-n", lab.b, "addr", "add", B_ADDRESS + "/24", "dev", "vb");
            lab.run("ip", "-n", lab.a, "link", "set", "va", "up");
            lab.run("ip", "-n", lab.b, "link", "set", "vb", "up");
            return lab;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    NetworkNamespace namespaceA() {
        return NetworkNamespace.named(a);
    }

    NetworkNamespace namespaceB() {
        return NetworkNamespace.named(b);
    }

    /** Runs a command; its output, or an IOException with what it said when it fails. */
    String run(String... command) throws IOException, InterruptedException {
        return NamespaceLan.run(command);
    }

    @Override
    public void close() {
        lan.close();
    }
}

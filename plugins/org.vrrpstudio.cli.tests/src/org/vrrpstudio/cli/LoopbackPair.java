package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DaemonKind;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.testing.TestSshd;

/**
 * A pair of directors (lvs1, lvs2: one instance VI_1, lvs1 its intended MASTER) both reached through one real sshd on
 * loopback, whose sessions find the given tools first on PATH: shell scripts that log each call ("NAME ARGS") to
 * {@link #calls()} and then run the body the test gave.
 */
final class LoopbackPair implements AutoCloseable {

    final TestSshd sshd;
    final Path knownHosts;
    private final Path dir;
    private final Path calls;

    private LoopbackPair(Path dir, TestSshd sshd, Path knownHosts, Path calls) {
        this.dir = dir;
        this.sshd = sshd;
        this.knownHosts = knownHosts;
        this.calls = calls;
    }

    /** Null where sshd cannot run here (the tests then skip with {@link TestSshd#unavailableReason()}). */
    static LoopbackPair startOrNull(Path dir, Map<String, String> tools) throws Exception {
        if (!TestSshd.available()) {
            return null;
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls.log");
        Files.writeString(calls, "");
        for (Map.Entry<String, String> tool : tools.entrySet()) {
            Path script = bin.resolve(tool.getKey());
            Files.writeString(script, "#!/bin/sh\necho \"" + tool.getKey() + " $*\" >> '" + calls + "'\n" + tool.getValue());
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        TestSshd sshd = TestSshd.start(dir.resolve("sshd"), bin);
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine());
        return new LoopbackPair(dir, sshd, knownHosts, calls);
    }

    /** The pair's cluster file, each director reached through the sshd and running {@code kind}. */
    Path clusterFile(DaemonKind kind) throws Exception {
        Path conf = dir.resolve("lvs1.conf");
        Files.writeString(conf, """
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    virtual_ipaddress {
                        192.168.200.10
                    }
                }
                """);
        ImportResult imported = new ClusterImporter().importWithMirror(new ConfigParser().parse(conf), "lvs1", "lvs2");
        assertTrue(imported.succeeded(), imported.errors()::toString);
        Cluster cluster = imported.cluster().orElseThrow();
        for (Director d : cluster.getDirectors()) {
            d.setHost("127.0.0.1");
            d.setSshPort(sshd.port());
            d.setSshUser(sshd.user());
            d.setIdentityFile(sshd.clientKey().toString());
            d.setRemoteConfigPath(dir.resolve(d.getName() + "-keepalived.conf").toString());
            d.setDaemonKind(kind);
        }
        Path file = dir.resolve("web.vrrpcluster");
        ClusterStore.save(cluster, file, FileSecretStore.forClusterFile(file));
        return file;
    }

    /** Every tool call so far, in order. */
    List<String> calls() throws Exception {
        return Files.readAllLines(calls);
    }

    @Override
    public void close() throws Exception {
        sshd.close();
    }
}

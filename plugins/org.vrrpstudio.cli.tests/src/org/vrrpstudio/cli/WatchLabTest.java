package org.vrrpstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code watch} against real daemons in the namespace lab ({@link WatchLab}): the seed cluster on two directors
 * reached only over their management network, with keepalived 2.2.7 and, separately, our agent.
 */
class WatchLabTest {

    static int inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VrrpStudioCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new AssertionError(String.join(" ", args) + " exited " + exit + ": " + out.toString(StandardCharsets.UTF_8));
        }
        return exit;
    }

    /** The seed imported as a pair, each director's settings set with {@code director}, its export on the director. */
    static Path cluster(WatchLab lab, String daemon) throws Exception {
        return cluster(lab, daemon, "root", false);
    }

    static Path cluster(WatchLab lab, String daemon, String user, boolean sudo) throws Exception {
        Path cluster = lab.work.resolve("seed.vrrpcluster");
        inProcess("import", Path.of("data", "seed-director1.conf").toAbsolutePath().toString(), "-o", cluster.toString(), "--names", "d1,d2");
        for (String d : List.of("d1", "d2")) {
            Path file = lab.dir(d).resolve("etc/keepalived.conf");
            inProcess("director", cluster.toString(), d, "--host", lab.address(d), "--port", "22", "--user", user, "--key",
                    lab.clientKey.toString(), "--config-path", file.toString(), "--daemon", daemon, sudo ? "--sudo" : "--no-sudo");
            inProcess("export", cluster.toString(), "--director", d, "-o", file.toString());
        }
        return cluster;
    }

    static JsonObject watch(WatchLab lab, Path cluster) throws Exception {
        WatchLab.Result r = lab.cli("watch", cluster.toString(), "--once", "--json", "--known-hosts", lab.knownHosts.toString(),
                "--accept-new-host-key");
        String text = r.out().substring(r.out().indexOf('{'));
        JsonObject doc = JsonParser.parseString(text.substring(0, text.lastIndexOf('}') + 1)).getAsJsonObject();
        doc.addProperty("exit", r.exit());
        return doc;
    }

    static List<String> kinds(JsonObject doc) {
        return doc.getAsJsonArray("findings").asList().stream().map(f -> f.getAsJsonObject().get("kind").getAsString()).toList();
    }

    static String state(JsonObject doc, String instance, String director) {
        for (JsonElement i : doc.getAsJsonArray("instances")) {
            if (i.getAsJsonObject().get("name").getAsString().equals(instance)) {
                return i.getAsJsonObject().getAsJsonObject("states").getAsJsonObject(director).get("state").getAsString();
            }
        }
        return "?";
    }

    /** Polls {@code watch --once} until the document satisfies the condition (or the time is up: the last one). */
    static JsonObject until(WatchLab lab, Path cluster, int seconds, Predicate<JsonObject> condition) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        JsonObject doc;
        do {
            doc = watch(lab, cluster);
            if (condition.test(doc)) {
                return doc;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < end);
        return doc;
    }

    static boolean allOn(JsonObject doc, String director) {
        return List.of("VI_1", "VI_2", "VI_3", "VI_4").stream().allMatch(i -> state(doc, i, director).equals("MASTER"));
    }

    @Test
    void keepalivedDirectorsSteadyFailoverSplitBrainUnreachableAndDrift() throws Exception {
        try (WatchLab lab = WatchLab.create()) {
            Path cluster = cluster(lab, "keepalived");
            for (String d : List.of("d1", "d2")) {
                lab.startSshd(d);
                lab.startKeepalived(d, lab.dir(d).resolve("etc/keepalived.conf"));
            }
            JsonObject steady = until(lab, cluster, 30, doc -> doc.get("exit").getAsInt() == 0);
            assertEquals(0, steady.get("exit").getAsInt(), "steady state healthy: " + steady);
            assertEquals(List.of(), kinds(steady));
            assertEquals("MASTER", state(steady, "VI_1", "d1"));
            assertEquals("MASTER", state(steady, "VI_3", "d2"));
            assertTrue(Files.list(lab.dir("d1").resolve("tmp")).noneMatch(f -> f.getFileName().toString().startsWith("keepalived")),
                    "the dump we asked for is removed");

            // what one refresh costs the director: watch keeps its connection, 2 refreshes a second
            java.util.concurrent.atomic.AtomicInteger documents = new java.util.concurrent.atomic.AtomicInteger();
            Process watching = lab.cliBackground(line -> {
                if (line.startsWith("{")) {
                    documents.incrementAndGet();
                }
            }, "watch", cluster.toString(), "--json", "--interval", "0.5", "--known-hosts", lab.knownHosts.toString());
            Thread.sleep(4000);
            long ticks0 = lab.cpuTicks("d1");
            int docs0 = documents.get();
            Thread.sleep(10_000);
            long ticks1 = lab.cpuTicks("d1");
            int docs1 = documents.get();
            watching.destroy();
            assertTrue(docs1 - docs0 >= 10, "refreshes in 10 s: " + (docs1 - docs0));
            System.out.printf("keepalived director CPU per refresh (kept SSH session, JSON dump, ip -j addr, sha256, journal):"
                    + " %.1f ms over %d refreshes%n", (ticks1 - ticks0) * 10.0 / (docs1 - docs0), docs1 - docs0);

            lab.linkDown("d1", "eth0");
            JsonObject failover = until(lab, cluster, 15, doc -> allOn(doc, "d2") && kinds(doc).contains("not_intended"));
            assertTrue(allOn(failover, "d2"), failover::toString);
            assertEquals(1, failover.get("exit").getAsInt());
            assertTrue(failover.toString().contains("VI_1 is MASTER on d2: failover, intended d1"), failover::toString);
            lab.linkUp("d1", "eth0");
            assertEquals(0, until(lab, cluster, 30, doc -> doc.get("exit").getAsInt() == 0).get("exit").getAsInt(), "back to the seed");

            lab.isolate("d1");
            JsonObject split = until(lab, cluster, 15, doc -> kinds(doc).contains("split_brain"));
            assertTrue(kinds(split).contains("split_brain"), split::toString);
            lab.reconnect("d1");
            assertEquals(0, until(lab, cluster, 30, doc -> doc.get("exit").getAsInt() == 0).get("exit").getAsInt(), "healed");

            Files.writeString(lab.dir("d1").resolve("etc/keepalived.conf"), "# edited by hand\n", StandardOpenOption.APPEND);
            JsonObject drift = watch(lab, cluster);
            assertEquals(List.of("drift"), kinds(drift), drift::toString);

            lab.stopSshd("d2");
            JsonObject unreachable = watch(lab, cluster);
            // d1 is BACKUP of VI_3 and VI_4, d2 unknown: no reachable MASTER, a warning (d2 may hold them)
            assertEquals(List.of("drift", "unreachable", "no_master", "no_master"), kinds(unreachable), unreachable::toString);
            assertEquals("MASTER", state(unreachable, "VI_1", "d1"), "the other director stays live");
            assertEquals("UNKNOWN", state(unreachable, "VI_3", "d2"));
        }
    }

    @Test
    void agentDirectorsSteadyAndFailover() throws Exception {
        try (WatchLab lab = WatchLab.create()) {
            Path cluster = cluster(lab, "agent");
            for (String d : List.of("d1", "d2")) {
                lab.startSshd(d);
                lab.startAgent(d, lab.dir(d).resolve("etc/keepalived.conf"));
            }
            JsonObject steady = until(lab, cluster, 40, doc -> doc.get("exit").getAsInt() == 0);
            assertEquals(0, steady.get("exit").getAsInt(), "steady state healthy: " + steady);
            // a long interval: a transition printed within it came over the agent's event stream, not a refresh
            List<long[]> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.regex.Pattern event = java.util.regex.Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3})  d[12]  VI_\\d  .*");
            Process watching = lab.cliBackground(line -> {
                var m = event.matcher(line);
                if (m.matches()) {
                    java.time.LocalTime at = java.time.LocalTime.parse(m.group(1));
                    java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneId.systemDefault());
                    latencies.add(new long[] {java.time.Duration.between(at, now).toMillis()});
                }
            }, "watch", cluster.toString(), "--interval", "30", "--known-hosts", lab.knownHosts.toString());
            Thread.sleep(6000); // connected, first table printed, the event streams running
            latencies.clear(); // the start-up transitions the first refresh printed
            lab.linkDown("d1", "eth0");
            JsonObject failover = until(lab, cluster, 15, doc -> allOn(doc, "d2") && kinds(doc).contains("not_intended"));
            assertTrue(allOn(failover, "d2"), failover::toString);
            assertEquals(1, failover.get("exit").getAsInt());
            watching.destroy();
            long[] sorted = latencies.stream().mapToLong(l -> l[0]).sorted().toArray();
            assertTrue(sorted.length >= 4, "the failover's transitions arrived while the watch waited out its 30 s interval: "
                    + sorted.length);
            long median = sorted[sorted.length / 2];
            System.out.printf("agent transition -> watch line (event stream, management network): %d transitions, median %d ms,"
                    + " max %d ms%n", sorted.length, median, sorted[sorted.length - 1]);
            assertTrue(median <= 200, "median " + median + " ms");
        }
    }

    @Test
    void nonRootUserWithSudo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed");
        try (WatchLab lab = WatchLab.create()) {
            Path cluster = cluster(lab, "keepalived", "ops", true);
            for (String d : List.of("d1", "d2")) {
                lab.startSshd(d);
                lab.startKeepalived(d, lab.dir(d).resolve("etc/keepalived.conf"));
            }
            JsonObject steady = until(lab, cluster, 30, doc -> doc.get("exit").getAsInt() == 0);
            assertEquals(0, steady.get("exit").getAsInt(), "ops reads keepalived through sudo -n: " + steady);
            inProcess("director", cluster.toString(), "d2", "--user", "asker");
            JsonObject asks = watch(lab, cluster);
            assertEquals(1, asks.get("exit").getAsInt());
            String error = asks.getAsJsonArray("directors").get(1).getAsJsonObject().get("error").getAsString();
            assertEquals("sudo on " + lab.address("d2") + " wants a password for asker: allow the daemon's commands without one"
                    + " (NOPASSWD in sudoers) or connect as root", error);
            inProcess("director", cluster.toString(), "d2", "--user", "ops", "--no-sudo");
            JsonObject noSudo = watch(lab, cluster);
            String plain = noSudo.getAsJsonArray("directors").get(1).getAsJsonObject().get("error").getAsString();
            assertTrue(plain.contains("keepalived"), "without sudo ops cannot signal keepalived: " + plain);
        }
    }
}

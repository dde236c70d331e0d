package org.vrrpstudio.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Resolution;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.ConfigBinding;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/**
 * The keepalived.conf reader: lexer, parser, includes, {@code @id}, {@code $PARAM}, {@code ~SEQ}/{@code ~LST},
 * resolution for a config id and for the director, the writer, the import into the model (with the mirror and the
 * validator: what the console and {@code check} do) and the daemon's reader ({@code ConfigBinding}). The input is the main file's text; it sits in a
 * folder of small include files (one including itself, one including the other, a glob folder), so an
 * {@code include} the fuzzer writes reaches real files. The folder lives in an in-memory file system (Jimfs; the
 * reader does all its file work through the main file's {@link java.nio.file.FileSystem}), so an absolute include
 * cannot reach the host's files and a finding does not depend on them; {@code -Dfuzz.disk=true} puts it in a
 * temporary folder on disk instead. Findings: any exception, a diagnostic that is not one line, a hang or an
 * OutOfMemoryError. At exit it prints the CPU time the target took per execution (comparable under any load, unlike
 * libFuzzer's exec/s).
 */
class ConfigFuzzTest {

    private static final Path DIR = includeFolder();
    private static final Path MAIN = DIR.resolve("keepalived.conf");
    private static final ConfigParser PARSER = new ConfigParser();
    private static final ConfigWriter WRITER = new ConfigWriter();

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong CPU_NANOS = new java.util.concurrent.atomic.AtomicLong();

    /** After the fuzzing (or the regression run): the target's CPU time per execution, into the log. */
    @org.junit.jupiter.api.AfterAll
    static void printCpuPerExecution() {
        long n = EXECUTIONS.get();
        if (n > 0) {
            System.err.printf("ConfigFuzzTest: %d executions, target CPU %.1f s, %.0f us per execution (include files: %s)%n", n,
                    CPU_NANOS.get() / 1e9, CPU_NANOS.get() / 1e3 / n, DIR.getFileSystem().provider().getScheme());
        }
    }

    @FuzzTest
    void parseAndResolve(byte[] input) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        try {
            run(input);
        } finally {
            CPU_NANOS.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
            EXECUTIONS.incrementAndGet();
        }
    }

    private static void run(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ParseResult parsed = PARSER.parse(MAIN, text);
        check(parsed.diagnostics());
        parsed.configIds();
        for (String id : new String[] {null, "d1"}) {
            Resolution resolution = parsed.resolution(id);
            check(resolution.diagnostics());
            resolution.statements().forEach(Object::toString);
        }
        check(parsed.resolutionForDirector(null).diagnostics());
        WRITER.formatAll(parsed);
        // the console's and check's reading: the file into the model as director d1, d2 its mirror, then validated
        ImportResult imported = new ClusterImporter().importWithMirror(parsed, "d1", "d2");
        check(imported.diagnostics());
        imported.cluster().ifPresent(cluster -> check(ClusterValidator.validate(cluster, imported.sources())));
        // the daemon's reading of the same file
        try {
            check(ConfigBinding.read(parsed, "d1").diagnostics());
        } catch (BindingException refused) {
            checkOneLine(refused.getMessage()); // a value the engine cannot run: a refusal, not a finding
        }
    }

    private static void check(java.util.List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            checkOneLine(d.format());
        }
    }

    private static void checkOneLine(String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new AssertionError("diagnostic is not one line: " + line);
        }
    }

    private static Path includeFolder() {
        try {
            Path dir;
            if (Boolean.getBoolean("fuzz.disk")) {
                dir = Files.createTempDirectory("vrrpstudio-fuzz");
                dir.toFile().deleteOnExit();
            } else {
                FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
                dir = Files.createDirectories(fs.getPath("/etc/keepalived"));
            }
            Files.createDirectories(dir.resolve("conf.d"));
            Files.writeString(dir.resolve("a.conf"), "$X=1\nvrrp_instance A {\n  virtual_router_id $X\n  include b.conf\n}\n");
            Files.writeString(dir.resolve("b.conf"), "@d1 priority 150\n@^d1 priority 100\ninclude a.conf\n");
            Files.writeString(dir.resolve("self.conf"), "include self.conf\n");
            Files.writeString(dir.resolve("conf.d/10.conf"), "~SEQ(i, 1, 3) virtual_ipaddress { 10.0.0.${i} }\n");
            Files.writeString(dir.resolve("conf.d/20.conf"), "global_defs {\n  router_id ${_INSTANCE}\n}\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

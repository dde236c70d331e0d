package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.testing.KeepalivedCheck;

/**
 * Second opinion: keepalived 2.2.7's own {@code -t} verdict (exit code and messages) on our canonical output
 * equals its verdict on the original, for every corpus file and several config ids.
 */
class KeepalivedVerdictTest {

    private static final List<String> CONFIG_IDS = Arrays.asList(null, "main", "high");
    private static KeepalivedCheck check;

    @BeforeAll
    static void createNamespace() throws IOException, InterruptedException {
        Assumptions.assumeTrue(KeepalivedCheck.isAvailable(), "needs root, /usr/sbin/ip and /usr/sbin/keepalived");
        check = KeepalivedCheck.start("eth0", "eth1", "eth2", "eth3");
    }

    @AfterAll
    static void deleteNamespace() throws IOException, InterruptedException {
        if (check != null) {
            check.close();
        }
    }

    static List<Path> corpus() throws IOException {
        return Corpus.all();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void canonicalOutputGetsTheSameVerdict(Path file, @TempDir Path temp) throws Exception {
        Path copyRoot = temp.resolve("formatted");
        Path formattedMain = writeFormattedCopy(file, copyRoot);
        for (String id : CONFIG_IDS) {
            KeepalivedCheck.Verdict original = check.verdict(file, id);
            KeepalivedCheck.Verdict formatted = check.verdict(formattedMain, id);
            assertEquals(original, formatted, "keepalived -t verdict differs for " + file + " with id " + id);
        }
    }

    @Test
    void seedVerdictIsTheKnownOne() throws Exception {
        KeepalivedCheck.Verdict verdict = check.verdict(Path.of("data/seed/director1-keepalived.conf"), null);
        // the case study's file is not accepted as is: AH rules out an initial MASTER state
        assertEquals(5, verdict.exitCode());
        assertEquals(List.of("(VI_1) Initial state master is incompatible with AH authentication - clearing",
                "(VI_2) Initial state master is incompatible with AH authentication - clearing"),
                List.copyOf(verdict.messages()));
    }

    /** Copies the file's directory tree, then replaces the main file and every included file by its canonical text. */
    private static Path writeFormattedCopy(Path file, Path copyRoot) throws IOException {
        Path sourceRoot = file.toAbsolutePath().getParent();
        try (Stream<Path> tree = Files.walk(sourceRoot, 4)) {
            for (Path p : tree.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copyRoot.resolve(sourceRoot.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p) && Files.size(p) < 1_000_000) {
                    Files.copy(p, target);
                }
            }
        }
        ParseResult parsed = new ConfigParser().parse(file);
        ConfigWriter writer = new ConfigWriter();
        for (Map.Entry<Path, String> entry : writer.formatAll(parsed).entrySet()) {
            Path relative = sourceRoot.relativize(entry.getKey().toAbsolutePath().normalize());
            writer.write(copyRoot.resolve(relative.toString()), entry.getValue());
        }
        return copyRoot.resolve(file.getFileName().toString());
    }
}

package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;

class ConfigCheckTest {

    @TempDir
    Path dir;

    @Test
    void seedHasNoErrorsButTheAhWarnings() {
        List<Diagnostic> found = ConfigCheck.check(List.of(SeedMirrorTest.SEED));
        assertTrue(found.stream().noneMatch(d -> d.severity() == Severity.ERROR), found.toString());
        assertEquals(4, found.stream().filter(d -> d.message().contains("AH is deprecated")).count());
        // VI_1 and VI_2 start as MASTER with AH: keepalived -t says it clears that state
        assertEquals(2, found.stream().filter(d -> d.message().contains("ignores state MASTER")).count());
    }

    @Test
    void pairCheckReportsEachProblemOnceWithItsLocation() {
        List<Diagnostic> found = ConfigCheck.check(List.of(ImportExportTest.D1, ImportExportTest.D2));
        assertTrue(found.stream().noneMatch(d -> d.severity() == Severity.ERROR), found.toString());
        List<Diagnostic> unknown = found.stream().filter(d -> d.message().contains("'frobnicate'")).toList();
        assertEquals(2, unknown.size(), unknown.toString()); // once per file
        assertTrue(found.stream().anyMatch(d -> d.message().contains("longer than 8 bytes")
                && d.location().line() == 41));
        assertTrue(found.stream().anyMatch(d -> d.message().contains("ignores track weights")));
    }

    @Test
    void syntaxAndImportErrorsComeBackAsDiagnostics() throws Exception {
        Path broken = dir.resolve("broken.conf");
        Files.writeString(broken, "vrrp_instance VI_1 {\n    virtual_router_id 300\n    state SIDEWAYS\n");
        List<Diagnostic> found = ConfigCheck.check(List.of(broken));
        assertTrue(found.stream().anyMatch(d -> d.severity() == Severity.ERROR
                && d.location().file().equals(broken)), found.toString());
        assertTrue(ConfigCheck.check(List.of(dir.resolve("missing.conf"))).stream()
                .anyMatch(d -> d.severity() == Severity.ERROR && d.message().contains("cannot read")));
    }
}

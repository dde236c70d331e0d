package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Include;

class IncludeTest {

    private final ConfigParser parser = new ConfigParser();

    @Test
    void globsMatchSortedFilesInNestedDirectoriesAndSkipHiddenOnes() {
        ParseResult result = parser.parse(Path.of("data/corpus/ours/includes/keepalived.conf"));
        List<String> files = result.files().stream().map(ConfigFile::path).map(Path::toString).toList();
        assertEquals(List.of("data/corpus/ours/includes/keepalived.conf",
                "data/corpus/ours/includes/conf.d/10-script.conf",
                "data/corpus/ours/includes/conf.d/20-group.conf",
                "data/corpus/ours/includes/sites/a/vrrp.conf",
                "data/corpus/ours/includes/sites/a/addresses.inc",
                "data/corpus/ours/includes/sites/b/vrrp.conf"), files);
        assertEquals(List.of("data/corpus/ours/includes/keepalived.conf:7:1: info: include pattern"
                + " 'optional.d/*.conf' matches no file"), result.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void cycleIsReportedAtTheIncludeLineAndBroken() {
        ParseResult result = parser.parse(Path.of("data/cases/cycle/a.conf"));
        assertEquals(2, result.files().size());
        assertEquals(1, result.diagnostics().size());
        Diagnostic cycle = result.diagnostics().getFirst();
        assertEquals("data/cases/cycle/b.conf:2:1", cycle.location().toString());
        assertTrue(cycle.message().startsWith("include cycle: data/cases/cycle/a.conf is already being read"),
                cycle.message());
    }

    @Test
    void textParseFollowsIncludesThatExistRelativeToTheNominalFile() {
        ParseResult result = parser.parse(Path.of("data/corpus/ours/includes/virtual.conf"),
                "include conf.d/2*.conf\n");
        Include include = (Include) result.main().nodes().getFirst();
        assertEquals(1, include.files().size());
        assertTrue(include.files().getFirst().path().endsWith("20-group.conf"));
    }

    /**
     * The reader does its file work in the main file's file system, so includes resolve inside another one (here a
     * zip file system; the fuzzer uses an in-memory one): plain names, globs and cycles as on disk.
     */
    @Test
    void includesResolveInTheFileSystemOfTheMainFile(@TempDir Path dir) throws IOException {
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(dir.resolve("conf.zip"),
                java.util.Map.of("create", "true"))) {
            Path etc = Files.createDirectories(zip.getPath("/etc/keepalived/conf.d"));
            Files.writeString(etc.resolve("10.conf"), "global_defs {\n  router_id r1\n}\n");
            Files.writeString(etc.resolve("20.conf"), "include ../loop.conf\n");
            Files.writeString(zip.getPath("/etc/keepalived/loop.conf"), "include conf.d/20.conf\n");
            ParseResult result = parser.parse(zip.getPath("/etc/keepalived/keepalived.conf"),
                    "include conf.d/*.conf\ninclude /etc/keepalived/loop.conf\ninclude missing.conf\n");
            assertEquals(List.of("/etc/keepalived/keepalived.conf", "/etc/keepalived/conf.d/10.conf",
                    "/etc/keepalived/conf.d/20.conf", "/etc/keepalived/loop.conf", "/etc/keepalived/loop.conf",
                    "/etc/keepalived/conf.d/20.conf"),
                    result.files().stream().map(f -> f.path().toString()).toList());
            List<String> messages = result.diagnostics().stream().map(Diagnostic::message).toList();
            assertEquals(3, messages.size(), messages.toString());
            assertTrue(messages.get(0).startsWith("include cycle: /etc/keepalived/conf.d/20.conf"), messages.toString());
            assertTrue(messages.get(1).startsWith("include cycle: /etc/keepalived/loop.conf"), messages.toString());
            assertEquals("included file not found: missing.conf", messages.get(2));
        }
    }

    @Test
    void absolutePatternsBracesAndQuestionMarks(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("d"));
        for (String name : List.of("a1.conf", "a2.conf", "b.conf", "c.conf")) {
            Files.writeString(dir.resolve("d").resolve(name), name.replace(".conf", "") + "_kw\n");
        }
        Path main = dir.resolve("main.conf");
        Files.writeString(main, "include " + dir.resolve("d") + "/a?.conf\ninclude d/{c,b}.conf\n");
        ParseResult result = parser.parse(main);
        List<String> keywords = result.resolve(null).stream().map(s -> s.keyword()).toList();
        assertEquals(List.of("a1_kw", "a2_kw", "b_kw", "c_kw"), keywords, "matches are sorted, like glob(3)");
    }

    @Test
    void unreadableIncludedFileIsLocatedAtTheIncludeLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub.conf"));
        Path main = dir.resolve("main.conf");
        Files.writeString(main, "\ninclude sub.conf\n");
        ParseResult result = parser.parse(main);
        assertEquals(List.of(main + ":2:1: warning: included file not found: sub.conf"),
                result.diagnostics().stream().map(Diagnostic::format).toList(), "a directory is not a file");
    }
}

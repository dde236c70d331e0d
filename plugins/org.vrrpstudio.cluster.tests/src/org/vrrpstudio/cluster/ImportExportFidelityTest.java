package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.ast.Comment;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.ParamDefinition;
import org.vrrpstudio.config.ast.Statement;

/**
 * The corpus in data/fidelity (look-alikes of real-world files: {@code @id} conditionals, {@code $PARAM}s,
 * {@code ${_PWD}}, includes with globs, {@code ~SEQ}, comments on every kind of line): import → model → export keeps
 * what keepalived applies (the resolved trees, read as the director reads its file, are equal), keeps every comment,
 * and writes no path of the machine that imported it.
 */
class ImportExportFidelityTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("production", "lb-a"),
                Arguments.of("production", "lb-b"),
                Arguments.of("sequences", null),
                Arguments.of("plain", null));
    }

    private static ParseResult parse(String name) {
        return new ConfigParser().parse(Path.of("data", "fidelity", name, "keepalived.conf"));
    }

    private static String exported(String name, String configId) {
        ImportResult result = new ClusterImporter(configId).importSingle(parse(name), "d1");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        return new ClusterExporter().exportText(result.cluster().orElseThrow(), "d1");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("corpus")
    void theExportMeansWhatTheFileMeansOnTheDirector(String name, String configId) {
        ParseResult original = parse(name);
        String text = exported(name, configId);
        // the exported file is one file at the main file's place on the director: read it there, the same way
        ParseResult again = new ConfigParser().parse(original.main().path(), text);
        assertEquals(canonical(original.resolutionForDirector(configId).statements()),
                canonical(again.resolutionForDirector(null).statements()), text);
        // and what the director's keepalived or agent reads (built-ins evaluated there) is the same too
        assertEquals(canonical(original.resolution(configId).statements()).stream().filter(s -> !s.contains("_RANDOM")).toList(),
                canonical(again.resolution(configId).statements()).stream().filter(s -> !s.contains("_RANDOM")).toList(), text);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("corpus")
    void everyCommentSurvives(String name, String configId) {
        String text = exported(name, configId);
        for (String comment : comments(parse(name), configId)) {
            assertTrue(text.contains(comment), () -> "lost comment '" + comment + "' in\n" + text);
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("corpus")
    void noPathOfThisMachineIsWritten(String name, String configId) {
        String text = exported(name, configId);
        Path data = Path.of("data").toAbsolutePath().normalize();
        for (String path : List.of(data.toString(), Path.of("").toAbsolutePath().toString(), System.getProperty("user.home"),
                System.getProperty("java.io.tmpdir"))) {
            assertFalse(text.contains(path), () -> "'" + path + "' written into\n" + text);
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("corpus")
    void blankLinesStillSeparateTheTopLevelBlocks(String name, String configId) {
        String text = exported(name, configId);
        List<String> lines = text.lines().toList();
        List<String> separated = separatedBlocks(parse(name));
        assertFalse(separated.isEmpty(), "the corpus file has blank lines between blocks");
        for (String head : separated) {
            int i = lines.indexOf(head + " {");
            if (i <= 0) {
                continue; // the first block of the output has nothing to be separated from
            }
            int j = i - 1;
            while (j > 0 && (lines.get(j).startsWith("#") || lines.get(j).startsWith("!"))) {
                j--;
            }
            assertTrue(lines.get(j).isEmpty(), () -> "no blank line before '" + head + "' in\n" + text);
        }
    }

    @org.junit.jupiter.api.Test
    void aFileForTwoConfigIdsReadWithoutOneSaysWhichIdsItHas() {
        ImportResult result = new ClusterImporter().importWithMirror(parse("production"), "d1", "d2");
        assertFalse(result.succeeded());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.format().endsWith("info: the file has lines for config ids lb-a, lb-b"
                + " (@id lines) and was read without one: import it as one director with --config-id lb-a, or both directors"
                + " from this one file with --config-id lb-a,lb-b")), result.diagnostics()::toString);
    }

    @org.junit.jupiter.api.Test
    void oneFileForBothDirectorsImportsAsThePair() {
        ParseResult file = parse("production");
        ImportResult result = ClusterImporter.importPairFromOneFile(file, "lb-a", "lb-a", "lb-b", "lb-b");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        for (String id : List.of("lb-a", "lb-b")) {
            String text = new ClusterExporter().exportText(result.cluster().orElseThrow(), id);
            ParseResult again = new ConfigParser().parse(file.main().path(), text);
            assertEquals(canonical(file.resolutionForDirector(id).statements()), canonical(again.resolutionForDirector(null).statements()),
                    text);
        }
    }

    /** "keyword name" of the top-level blocks written after a blank line (comment lines between aside). */
    private static List<String> separatedBlocks(ParseResult parsed) {
        List<String> heads = new ArrayList<>();
        for (ConfigFile file : parsed.files()) {
            boolean blank = false;
            for (Node node : file.nodes()) {
                switch (node) {
                    case org.vrrpstudio.config.ast.BlankLine b -> blank = true;
                    case Comment c -> {
                    }
                    case Statement st -> {
                        if (blank && st.hasBlock() && st.condition() == null && st.repeats().isEmpty() && st.arguments().size() == 1
                                && !st.arguments().getFirst().contains("$")) {
                            heads.add(st.keyword() + " " + st.arguments().getFirst());
                        }
                        blank = false;
                    }
                    default -> blank = false;
                }
            }
        }
        return heads;
    }

    /** The comments (text after the marker, stripped) written in the file and its includes, on lines that apply. */
    static List<String> comments(ParseResult parsed, String configId) {
        List<String> found = new ArrayList<>();
        for (ConfigFile file : parsed.files()) {
            collect(file.nodes(), configId, found);
        }
        return found;
    }

    private static void collect(List<Node> nodes, String configId, List<String> found) {
        for (Node node : nodes) {
            switch (node) {
                case Comment c -> add(c.text(), found);
                case Statement s -> {
                    if (s.condition() == null || s.condition().appliesTo(configId)) {
                        add(stripMarker(s.comment()), found);
                        add(stripMarker(s.closingComment()), found);
                        if (s.hasBlock()) {
                            collect(s.block(), configId, found);
                        }
                    }
                }
                case ParamDefinition p -> add(stripMarker(p.comment()), found);
                case Include i -> {
                }
                default -> {
                }
            }
        }
    }

    private static String stripMarker(String comment) {
        return comment == null ? null : comment.substring(1);
    }

    private static void add(String text, List<String> found) {
        if (text != null && !text.isBlank()) {
            found.add(text.strip());
        }
    }

    /** Statements as keyword, arguments and sorted children, sorted: what keepalived applies, order aside. */
    static List<String> canonical(List<ResolvedStatement> statements) {
        List<String> out = new ArrayList<>();
        for (ResolvedStatement s : statements) {
            List<String> children = new ArrayList<>(canonical(s.children()));
            if (s.keyword().equals("vrrp_instance") && s.child("state").isEmpty()) {
                children.add("state[BACKUP][]"); // keepalived's default, which the export writes out
                children.sort(null);
            }
            out.add(s.keyword() + s.args() + children);
        }
        out.sort(null);
        return out;
    }
}

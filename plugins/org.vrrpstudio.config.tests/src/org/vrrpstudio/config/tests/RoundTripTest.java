package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.config.ast.ConfigFile;

/** parse → write → parse keeps the tree; writing is idempotent; what keepalived applies does not change. */
class RoundTripTest {

    private static final List<String> CONFIG_IDS = java.util.Arrays.asList(null, "main", "backup", "high", "low");

    private final ConfigParser parser = new ConfigParser();
    private final ConfigWriter writer = new ConfigWriter();

    static List<Path> corpus() throws IOException {
        return Corpus.all();
    }

    @Test
    void keepalivedSamplesArePartOfTheCorpusWhenInstalled() throws IOException {
        Assumptions.assumeTrue(!Corpus.keepalivedSamples().isEmpty(),
                "keepalived documentation samples not installed at " + Corpus.KEEPALIVED_SAMPLES);
        assertFalse(Corpus.keepalivedSamples().size() < 10);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void writeThenParseGivesTheSameTreeAndTheSameResolvedConfig(Path file) {
        ParseResult original = parser.parse(file);
        assertFalse(original.hasErrors(), () -> "corpus file has errors: " + original.diagnostics());
        Map<Path, String> texts = writer.formatAll(original);
        for (ConfigFile source : original.files()) {
            String text = texts.get(source.path());
            ParseResult reparsed = parser.parse(source.path(), text);
            // included files are parsed again from disk; compare this file's own shape only
            assertEquals(AstShape.of(source), AstShape.of(reparsed.main()), "tree changed for " + source.path());
            // errors stay; warnings may go (a comment glued to a word is written with a space before it)
            assertEquals(errors(parser.parse(source.path()).diagnostics()), errors(reparsed.diagnostics()));
        }
        ParseResult formattedMain = parser.parse(file, texts.get(file));
        for (String id : CONFIG_IDS) {
            assertEquals(AstShape.ofResolved(original.resolve(id)), AstShape.ofResolved(formattedMain.resolve(id)),
                    "resolved config changed for id " + id);
            assertEquals(original.resolution(id).diagnostics().size(), formattedMain.resolution(id).diagnostics().size());
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void formattingIsIdempotent(Path file) {
        ParseResult original = parser.parse(file);
        for (Map.Entry<Path, String> entry : writer.formatAll(original).entrySet()) {
            String once = entry.getValue();
            String twice = writer.format(parser.parse(entry.getKey(), once).main());
            assertEquals(once, twice, "format(format(x)) != format(x) for " + entry.getKey());
        }
    }

    private static long errors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
    }
}

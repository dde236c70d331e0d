package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.Severity;

/** The keepalived case study: director 2's file derived from director 1's, as the seed text describes it. */
class SeedMirrorTest {

    static final Path SEED = Path.of("data", "seed-director1.conf");

    @Test
    void mirrorSwapsStatesAndPrioritiesAndKeepsEverythingElse() throws Exception {
        Mirror.Result result = Mirror.derive(new ConfigParser().parse(SEED));
        assertTrue(result.diagnostics().stream().noneMatch(d -> d.severity() == Severity.ERROR),
                result.diagnostics().toString());
        String mirrored = result.text().orElseThrow();

        // The seed: "VI_3 & VI_4 on LVS director 2 are in MASTER state with a higher priority 150 ...
        // VI_1 & VI_2 on LVS director 2 are in default BACKUP state with lower priority of 100."
        String seed = Files.readString(SEED);
        String expected = seed;
        for (String instance : List.of("VI_1", "VI_2")) {
            expected = replaceInInstance(expected, instance, "state MASTER", "state BACKUP");
            expected = replaceInInstance(expected, instance, "priority 150", "priority 100");
        }
        for (String instance : List.of("VI_3", "VI_4")) {
            expected = replaceInInstance(expected, instance, "state BACKUP", "state MASTER");
            expected = replaceInInstance(expected, instance, "priority 100", "priority 150");
        }
        String canonicalExpected = new ConfigWriter().format(new ConfigParser().parse(Path.of("d2.conf"), expected).main());
        assertEquals(canonicalExpected, mirrored);
        // and it means the same to keepalived, statement by statement
        assertEquals(strip(new ConfigParser().parse(Path.of("e.conf"), expected).resolve(null)),
                strip(new ConfigParser().parse(Path.of("m.conf"), mirrored).resolve(null)));
    }

    @Test
    void mirrorOfTheMirrorIsTheOriginal() throws Exception {
        String once = Mirror.mirror(new ConfigParser().parse(SEED));
        String twice = Mirror.mirror(new ConfigParser().parse(Path.of("director2.conf"), once));
        String original = new ConfigWriter().format(new ConfigParser().parse(SEED).main());
        assertEquals(original, twice);
    }

    static String replaceInInstance(String text, String instance, String from, String to) {
        int start = text.indexOf("vrrp_instance " + instance + " {");
        int end = text.indexOf("\n}", start);
        String block = text.substring(start, end);
        assertTrue(block.contains(from), instance + " has " + from);
        return text.substring(0, start) + block.replace(from, to) + text.substring(end);
    }

    /** Keyword/args trees without locations. */
    static String strip(List<ResolvedStatement> statements) {
        StringBuilder out = new StringBuilder();
        for (ResolvedStatement s : statements) {
            out.append(s.keyword()).append(s.args()).append('{').append(strip(s.children())).append('}');
        }
        return out.toString();
    }
}

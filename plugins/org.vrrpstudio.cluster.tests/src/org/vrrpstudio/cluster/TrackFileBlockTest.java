package org.vrrpstudio.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Cluster;

/** Top-level track_file blocks (kept as text by the model): what they say, and what the validator says about them. */
class TrackFileBlockTest {

    private static final Path FILE = Path.of("track-files.conf");

    private static ImportResult imported(String text) {
        ImportResult result = new ClusterImporter().importSingle(new ConfigParser().parse(FILE, text), "d1");
        assertTrue(result.succeeded(), () -> result.errors().toString());
        return result;
    }

    private static List<Diagnostic> errors(String text) {
        ImportResult result = imported(text);
        return ClusterValidator.validate(result.cluster().orElseThrow(), result.sources()).stream()
                .filter(d -> d.severity() == Severity.ERROR).toList();
    }

    private static String instanceTracking(String trackFileBlock) {
        return """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.0.0.1
                    }
                    track_file {
                """ + trackFileBlock + """
                    }
                }
                """;
    }

    @Test
    void blocksReadFileWeightReverseAndInitFileWithKeepalivedsDefaults() {
        Cluster cluster = imported("""
                vrrp_track_file plain {
                    file "/run/ka/plain"
                }
                track_file full {
                    file /run/ka/full
                    weight -5 reverse
                    init_file 7 overwrite
                }
                track_file created {
                    file /run/ka/created
                    init_file
                }
                """ + instanceTracking("plain\n")).cluster().orElseThrow();
        List<TrackFileBlock> blocks = TrackFileBlock.of(cluster);
        assertEquals(List.of("plain", "full", "created"), blocks.stream().map(TrackFileBlock::name).toList());

        TrackFileBlock plain = blocks.get(0);
        assertEquals(Optional.of("/run/ka/plain"), plain.file(), "quotes removed");
        assertEquals(1, plain.weight(), "keepalived's default weight");
        assertEquals(false, plain.reverse());
        assertEquals(OptionalLong.empty(), plain.initValue(), "no init_file: the file is not written");

        TrackFileBlock full = blocks.get(1);
        assertEquals(-5, full.weight());
        assertTrue(full.reverse());
        assertEquals(OptionalLong.of(7), full.initValue());
        assertTrue(full.overwrite());

        TrackFileBlock created = blocks.get(2);
        assertEquals(OptionalLong.of(0), created.initValue(), "init_file without a value writes 0");
        assertEquals(false, created.overwrite());
        assertEquals(List.of(), blocks.stream().flatMap(b -> b.problems().stream()).toList());
    }

    @Test
    void anInstanceTrackingAnUndefinedFileIsALocatedError() {
        List<Diagnostic> errors = errors("""
                track_file defined {
                    file /run/ka/defined
                }
                """ + instanceTracking("""
                        defined
                        typo weight 2
                """));
        assertEquals(1, errors.size(), errors.toString());
        Diagnostic error = errors.getFirst();
        assertTrue(error.message().contains("track_file typo names no track_file"), error.message());
        assertEquals(FILE, error.location().file());
        assertEquals(13, error.location().line(), "the line naming it inside the instance's track_file block");
    }

    @Test
    void aBlockWithoutFileOrWithBadValuesIsALocatedError() {
        List<Diagnostic> errors = errors("""
                track_file nofile {
                    weight 2
                }
                track_file badweight {
                    file /run/ka/x
                    weight heavy
                    init_file 1 2 3
                }
                """ + instanceTracking("nofile\nbadweight\n"));
        List<String> messages = errors.stream().map(Diagnostic::message).toList();
        assertEquals(List.of("track_file nofile names no file", "track_file badweight: weight takes a number and optionally reverse",
                "track_file badweight: init_file takes an optional number and optionally overwrite"), messages);
        assertEquals(List.of(1, 4, 4), errors.stream().map(d -> d.location().line()).toList(), "at the block");
    }

    @Test
    void aNameDefinedTwiceIsAnError() {
        List<Diagnostic> errors = errors("""
                track_file twice {
                    file /run/ka/a
                }
                vrrp_track_file twice {
                    file /run/ka/b
                }
                """ + instanceTracking("twice\n"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.getFirst().message().startsWith("vrrp_track_file twice is defined twice (also at "), errors.toString());
    }
}

package org.vrrpstudio.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.TrackFileSettings;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.OpaqueStatement;

/**
 * A top-level {@code track_file NAME { ... }} block (keepalived.conf(5); {@code vrrp_track_file} is its older name)
 * as the model keeps it: as text. This reads what the binding and the validator need from it.
 *
 * @param settings what the block says
 * @param source   the block in the model
 */
public record TrackFileBlock(TrackFileSettings settings, OpaqueStatement source) {

    /** Block keywords: the current one and the deprecated synonym. */
    public static final List<String> KEYWORDS = TrackFileSettings.KEYWORDS;

    private static final Path NOMINAL = Path.of("track-file-block.conf");

    /** The track file blocks of {@code cluster}, in file order (a block without a name is left out). */
    public static List<TrackFileBlock> of(Cluster cluster) {
        List<TrackFileBlock> blocks = new ArrayList<>();
        for (OpaqueStatement statement : cluster.getOpaqueBlocks()) {
            if (KEYWORDS.contains(statement.getKeyword())) {
                of(statement).ifPresent(blocks::add);
            }
        }
        return blocks;
    }

    /** The block with this name, if {@code cluster} defines it. */
    public static Optional<TrackFileBlock> named(Cluster cluster, String name) {
        return of(cluster).stream().filter(b -> b.name().equals(name)).findFirst();
    }

    static Optional<TrackFileBlock> of(OpaqueStatement statement) {
        List<ResolvedStatement> parsed = new ConfigParser().parse(NOMINAL, statement.getText()).resolutionForDirector(null).statements();
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return TrackFileSettings.of(parsed.getFirst()).map(settings -> new TrackFileBlock(settings, statement));
    }

    public String name() {
        return settings.name();
    }

    public Optional<String> file() {
        return settings.file();
    }

    public int weight() {
        return settings.weight();
    }

    public boolean reverse() {
        return settings.reverse();
    }

    public OptionalLong initValue() {
        return settings.initValue();
    }

    public boolean overwrite() {
        return settings.overwrite();
    }

    public List<String> problems() {
        return settings.problems();
    }
}

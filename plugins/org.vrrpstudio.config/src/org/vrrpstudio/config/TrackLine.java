package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A line of an instance's {@code track_interface}, {@code track_script} or {@code track_file} block:
 * {@code NAME [weight W] [reverse]}.
 *
 * @param weight {@code null} when not given
 */
public record TrackLine(String name, Integer weight, boolean reverse) {

    /** The line read; empty when it has another option or a block of its own (such a block is kept as written). */
    public static Optional<TrackLine> of(ResolvedStatement line) {
        if (line.hasBlock()) {
            return Optional.empty();
        }
        List<String> args = line.args();
        Integer weight = null;
        boolean reverse = false;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("weight") && weight == null && i + 1 < args.size()) {
                try {
                    weight = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            } else if (args.get(i).equals("reverse") && !reverse) {
                reverse = true;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new TrackLine(line.keyword(), weight, reverse));
    }

    /**
     * Every line of a track block read (one per child, in order), for the daemon's binding and the model's import
     * alike; empty when a line is not a plain track line: then the whole block is kept as written.
     */
    public static Optional<List<TrackLine>> block(ResolvedStatement block) {
        List<TrackLine> lines = new ArrayList<>();
        for (ResolvedStatement line : block.children()) {
            Optional<TrackLine> read = of(line);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            lines.add(read.get());
        }
        return Optional.of(lines);
    }
}

package org.vrrpstudio.config.ast;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** One configuration file: its path (as given or as resolved from an include) and its top-level nodes. */
public record ConfigFile(Path path, List<Node> nodes) {

    public ConfigFile {
        Objects.requireNonNull(path, "path");
        nodes = List.copyOf(nodes);
    }

    public static ConfigFile of(Path path, Node... nodes) {
        return new ConfigFile(path, List.of(nodes));
    }
}

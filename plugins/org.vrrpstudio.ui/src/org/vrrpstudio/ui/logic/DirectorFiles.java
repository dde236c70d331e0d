package org.vrrpstudio.ui.logic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.model.Director;

/** Writes each director's keepalived.conf as {@code DIR/<director>.keepalived.conf}, 0600 (they hold auth_pass). */
public final class DirectorFiles {

    private DirectorFiles() {
    }

    public static Path fileFor(Path directory, Director director) {
        return directory.resolve(director.getName() + ".keepalived.conf");
    }

    public static List<Path> export(ClusterDocument document, Path directory) throws IOException {
        Files.createDirectories(directory);
        ConfigWriter writer = new ConfigWriter();
        List<Path> written = new ArrayList<>();
        for (Director director : document.cluster().getDirectors()) {
            Path target = fileFor(directory, director);
            writer.write(target, document.directorConfig(director, false));
            written.add(target);
        }
        return written;
    }
}

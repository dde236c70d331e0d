package org.vrrpstudio.config.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The configuration files every round-trip property is checked on: the seed (director 1's file from the case
 * study), our own tricky files, and keepalived's sample configs read from the installed documentation
 * (GPL data: read in place, not copied into the repository).
 */
public final class Corpus {

    public static final Path KEEPALIVED_SAMPLES = Path.of("/usr/share/doc/keepalived/samples");

    private Corpus() {
    }

    /** Entry-point files of our own corpus and the seed. */
    public static List<Path> ours() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("data/seed/director1-keepalived.conf"));
        try (Stream<Path> list = Files.list(Path.of("data/corpus/ours"))) {
            list.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(files::add);
        }
        files.add(Path.of("data/corpus/ours/includes/keepalived.conf"));
        return files;
    }

    /** keepalived's sample configs, or an empty list when keepalived's docs are not installed. */
    public static List<Path> keepalivedSamples() throws IOException {
        if (!Files.isDirectory(KEEPALIVED_SAMPLES)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(KEEPALIVED_SAMPLES)) {
            return list.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList();
        }
    }

    public static List<Path> all() throws IOException {
        List<Path> all = new ArrayList<>(ours());
        all.addAll(keepalivedSamples());
        return all;
    }
}

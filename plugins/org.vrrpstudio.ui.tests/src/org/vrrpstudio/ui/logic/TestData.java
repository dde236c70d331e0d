package org.vrrpstudio.ui.logic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.vrrpstudio.model.Cluster;

/** The seed case study as a cluster, read from the test data. */
final class TestData {

    private TestData() {
    }

    static DirectorSource source(String director, String file) throws IOException {
        Path path = Path.of("data", file);
        return new DirectorSource(director, path, Files.readString(path));
    }

    static Cluster seedCluster() throws IOException {
        ImportOutcome outcome = new ClusterBundleServices().importWithMirror(source("director1", "director1.conf"), "director2");
        return ((ImportOutcome.Imported) outcome).cluster();
    }

    static ClusterDocument seedDocument() throws IOException {
        return new ClusterDocument(seedCluster(), new ClusterBundleServices());
    }
}

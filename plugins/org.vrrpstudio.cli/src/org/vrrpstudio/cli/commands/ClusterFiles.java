package org.vrrpstudio.cli.commands;

import java.io.IOException;
import java.nio.file.Path;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterFileException;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.model.Cluster;

/** Loads a cluster file with its secrets; a damaged file is a one-line located error (exit 2). */
final class ClusterFiles {

    private ClusterFiles() {
    }

    static Cluster load(Path file) {
        try {
            return ClusterStore.load(file, FileSecretStore.forClusterFile(file));
        } catch (ClusterFileException e) {
            throw CommandFailure.usage(e.diagnostic().format());
        } catch (IOException e) {
            throw CommandFailure.usage(FileSecretStore.secretsFileFor(file) + ": " + e.getMessage());
        }
    }
}

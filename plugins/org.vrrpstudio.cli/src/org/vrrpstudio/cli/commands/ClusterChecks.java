package org.vrrpstudio.cli.commands;

import java.nio.file.Path;
import java.util.List;

import org.vrrpstudio.cluster.ConfigCheck;
import org.vrrpstudio.config.Diagnostic;

/** All the checks {@code check} runs on a set of keepalived.conf files: syntax, model, and cross-director rules. */
final class ClusterChecks {

    private ClusterChecks() {
    }

    static List<Diagnostic> check(List<Path> files) {
        return ConfigCheck.check(files);
    }
}

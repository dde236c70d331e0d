package org.vrrpstudio.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;

/** All the checks {@code check} runs on a set of keepalived.conf files. */
final class ClusterChecks {

    private ClusterChecks() {
    }

    static List<Diagnostic> check(List<Path> files) {
        ConfigParser parser = new ConfigParser();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Path file : files) {
            diagnostics.addAll(parser.parse(file).diagnostics());
        }
        return diagnostics;
    }
}

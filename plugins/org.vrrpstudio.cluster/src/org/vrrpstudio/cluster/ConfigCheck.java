package org.vrrpstudio.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;

/**
 * The {@code check} command: parse, import and validate keepalived.conf files. One file is checked on its
 * own; two files are checked as the two directors of a pair (cross-director rules included); with more,
 * each file is checked on its own. Duplicate reports (the importer and the validator both see unknown
 * keywords) are given once. Script paths and users (keepalived's script rules) are judged on this machine: run it
 * on the director to have them checked there.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    public static List<Diagnostic> check(List<Path> files) {
        ConfigParser parser = new ConfigParser();
        Set<Diagnostic> diagnostics = new LinkedHashSet<>();
        ClusterImporter importer = new ClusterImporter();
        if (files.size() == 2) {
            ImportResult pair = importer.importPair(parser.parse(files.get(0)), directorName(files.get(0), 1),
                    parser.parse(files.get(1)), directorName(files.get(1), 2));
            addAll(diagnostics, pair);
        } else {
            for (Path file : files) {
                ParseResult parsed = parser.parse(file);
                addAll(diagnostics, importer.importSingle(parsed, directorName(file, 1)));
            }
        }
        return new ArrayList<>(diagnostics);
    }

    private static void addAll(Set<Diagnostic> into, ImportResult result) {
        into.addAll(result.diagnostics());
        result.cluster().ifPresent(cluster -> into.addAll(ClusterValidator.validate(cluster, result.sources(), ScriptHost.LOCAL)));
    }

    /** The director is named after its file; two files with the same name get a number. */
    private static String directorName(Path file, int ordinal) {
        String name = file.getFileName() == null ? "director" : file.getFileName().toString();
        return ordinal == 1 ? name : name + "#" + ordinal;
    }
}

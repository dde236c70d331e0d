package org.vrrpstudio.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterFileException;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code import FILE [FILE2] -o CLUSTER}: one director's file (the peer is derived as its mirror) or both directors'
 * files (instances matched, differences reported) into a cluster file. Secrets go to the 0600 sidecar store.
 * Nothing is written unless the import succeeds as a whole.
 */
@Command(name = "import", description = "Import one or both directors' keepalived.conf into a cluster file.")
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "FILE", description = "director 1's keepalived.conf [and director 2's]")
    List<Path> files;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "CLUSTER", description = "cluster file to write (.vrrpcluster)")
    Path output;

    @Option(names = "--names", split = ",", paramLabel = "D1,D2", defaultValue = "director1,director2",
            description = "names of the two directors (default: ${DEFAULT-VALUE})")
    List<String> names;

    @Option(names = "--config-id", split = ",", paramLabel = "ID[,ID2]",
            description = "read the files as keepalived -i ID would; with two ids, director 1 reads as ID and director 2 as"
                    + " ID2 (one FILE written for both with @id lines gives both directors)")
    List<String> configIds;

    @Override
    public Integer call() {
        if (names.size() != 2 || names.get(0).equals(names.get(1))) {
            throw CommandFailure.usage("--names takes two different director names, e.g. --names lvs1,lvs2");
        }
        files.forEach(InputFiles::readable);
        ConfigParser parser = new ConfigParser();
        if (configIds != null && (configIds.isEmpty() || configIds.size() > 2 || configIds.stream().anyMatch(String::isBlank))) {
            throw CommandFailure.usage("--config-id takes one id, or two (director 1's,director 2's), e.g. --config-id lb-a,lb-b");
        }
        ImportResult result;
        if (configIds != null && configIds.size() == 2) {
            var first = parser.parse(files.get(0));
            result = ClusterImporter.importPair(first, names.get(0), configIds.get(0),
                    files.size() == 1 ? first : parser.parse(files.get(1)), names.get(1), configIds.get(1));
        } else {
            ClusterImporter importer = new ClusterImporter(configIds == null ? null : configIds.getFirst());
            result = files.size() == 1
                    ? importer.importWithMirror(parser.parse(files.get(0)), names.get(0), names.get(1))
                    : importer.importPair(parser.parse(files.get(0)), names.get(0), parser.parse(files.get(1)), names.get(1));
        }
        PrintWriter out = spec.commandLine().getOut();
        result.diagnostics().forEach(d -> out.println(d.format()));
        if (!result.succeeded()) {
            out.println("vrrpstudio: nothing imported (" + result.errors().size() + " error(s))");
            return 1;
        }
        try {
            ClusterStore.save(result.cluster().orElseThrow(), output, FileSecretStore.forClusterFile(output));
        } catch (ClusterFileException e) {
            throw CommandFailure.usage(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.usage(FileSecretStore.secretsFileFor(output) + ": " + e.getMessage());
        }
        return 0;
    }
}

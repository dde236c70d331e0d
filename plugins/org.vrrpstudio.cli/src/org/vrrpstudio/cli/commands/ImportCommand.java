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

    @Option(names = "--config-id", paramLabel = "ID", description = "read the files as keepalived -i ID would")
    String configId;

    @Override
    public Integer call() {
        if (names.size() != 2 || names.get(0).equals(names.get(1))) {
            throw CommandFailure.usage("--names takes two different director names, e.g. --names lvs1,lvs2");
        }
        files.forEach(InputFiles::readable);
        ConfigParser parser = new ConfigParser();
        ClusterImporter importer = new ClusterImporter(configId);
        ImportResult result = files.size() == 1
                ? importer.importWithMirror(parser.parse(files.get(0)), names.get(0), names.get(1))
                : importer.importPair(parser.parse(files.get(0)), names.get(0), parser.parse(files.get(1)), names.get(1));
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

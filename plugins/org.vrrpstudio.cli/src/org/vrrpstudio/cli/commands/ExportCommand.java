package org.vrrpstudio.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterExporter;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code export CLUSTER --director NAME [-o FILE]}: one director's keepalived.conf derived from the cluster. */
@Command(name = "export", description = "Write one director's keepalived.conf derived from a cluster file.")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "cluster file (.vrrpcluster)")
    Path clusterFile;

    @Option(names = {"-d", "--director"}, required = true, paramLabel = "NAME", description = "the director to export")
    String director;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (mode 0600) instead of stdout")
    Path output;

    @Override
    public Integer call() {
        Cluster cluster = ClusterFiles.load(InputFiles.readable(clusterFile));
        if (cluster.getDirectors().stream().noneMatch(d -> director.equals(d.getName()))) {
            throw CommandFailure.usage(clusterFile + ": no director '" + director + "' (it has: "
                    + cluster.getDirectors().stream().map(Director::getName).collect(Collectors.joining(", ")) + ")");
        }
        String text = new ClusterExporter().exportText(cluster, director);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return 0;
        }
        try {
            new ConfigWriter().write(output, text);
        } catch (IOException e) {
            throw CommandFailure.usage(output + ": cannot write (" + e.getMessage() + ")");
        }
        return 0;
    }
}

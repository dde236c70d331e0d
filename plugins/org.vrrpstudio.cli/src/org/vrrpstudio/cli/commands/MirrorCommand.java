package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vrrpstudio.cluster.Mirror;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Severity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mirror FILE}: the peer director's keepalived.conf (MASTER/BACKUP and their priorities swapped). */
@Command(name = "mirror", description = "Print the peer director's keepalived.conf: states and priorities swapped, all else shared.")
public final class MirrorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "one director's keepalived.conf")
    Path file;

    @Override
    public Integer call() {
        Mirror.Result result = Mirror.derive(new ConfigParser().parse(InputFiles.readable(file)));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // the peer's text goes to stdout alone (so it can be redirected); what we noticed goes to stderr
        result.diagnostics().forEach(d -> (result.text().isPresent() ? err : out).println(d.format()));
        if (result.text().isEmpty()) {
            return 1;
        }
        out.print(result.text().get());
        out.flush();
        return result.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR) ? 1 : 0;
    }
}

package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code check FILE...}: one line per problem {@code FILE:LINE:COL: error|warning: message}; exit 0 when there is
 * no error (warnings are printed but do not fail, unless {@code --strict}), 1 otherwise. Two files are checked
 * together as the two directors of one pair (mirrored instances must agree).
 */
@Command(name = "check", description = "Validate keepalived.conf files (two files: the two directors of a pair).")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "keepalived.conf files")
    List<Path> files;

    @Option(names = "--strict", description = "warnings fail the check too")
    boolean strict;

    @Override
    public Integer call() {
        files.forEach(InputFiles::readable);
        List<Diagnostic> diagnostics = ClusterChecks.check(files);
        PrintWriter out = spec.commandLine().getOut();
        diagnostics.forEach(d -> out.println(d.format()));
        boolean failed = diagnostics.stream()
                .anyMatch(d -> d.severity() == Severity.ERROR || strict && d.severity() == Severity.WARNING);
        return failed ? 1 : 0;
    }
}

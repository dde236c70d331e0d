package org.vrrpstudio.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Severity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fmt FILE [-i]}: the canonical layout of a keepalived.conf, to stdout or in place (with its includes). */
@Command(name = "fmt", description = "Rewrite a keepalived.conf in the canonical layout (stdout, or in place with -i).")
public final class FmtCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "keepalived.conf to format")
    Path file;

    @Option(names = {"-i", "--in-place"}, description = "rewrite FILE and the files it includes in place")
    boolean inPlace;

    @Override
    public Integer call() throws IOException {
        ParseResult parsed = new ConfigParser().parse(InputFiles.readable(file));
        PrintWriter out = spec.commandLine().getOut();
        if (parsed.hasErrors()) {
            // never rewrite a file we could not understand: the user's text stays as it is
            parsed.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                    .forEach(d -> out.println(d.format()));
            return 1;
        }
        ConfigWriter writer = new ConfigWriter();
        Map<Path, String> texts = writer.formatAll(parsed);
        if (!inPlace) {
            out.print(texts.get(parsed.main().path()));
            out.flush();
            return 0;
        }
        for (Map.Entry<Path, String> entry : texts.entrySet()) {
            Path target = entry.getKey();
            if (!Files.readString(target, StandardCharsets.UTF_8).equals(entry.getValue())) {
                writer.write(target, entry.getValue());
            }
        }
        return 0;
    }
}

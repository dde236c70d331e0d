package org.vrrpstudio.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the command line; every subcommand is its own class. */
@Command(name = "vrrpstudio", mixinStandardHelpOptions = true, version = "VRRP Studio 0.1.0",
        description = "Model, check, simulate and deploy keepalived VRRP clusters.")
public final class VrrpStudioCommand implements Runnable {

    /** Runs the command line and returns the process exit code (0 ok, 1 problems found, 2 usage or I/O error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new VrrpStudioCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}

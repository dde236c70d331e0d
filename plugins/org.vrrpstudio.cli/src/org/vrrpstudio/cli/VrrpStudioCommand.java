package org.vrrpstudio.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import org.vrrpstudio.cli.commands.AgentCommand;
import org.vrrpstudio.cli.commands.CheckCommand;
import org.vrrpstudio.cli.commands.DeployCommand;
import org.vrrpstudio.cli.commands.DirectorCommand;
import org.vrrpstudio.cli.commands.ExportCommand;
import org.vrrpstudio.cli.commands.FmtCommand;
import org.vrrpstudio.cli.commands.ImportCommand;
import org.vrrpstudio.cli.commands.InstallAgentCommand;
import org.vrrpstudio.cli.commands.MirrorCommand;
import org.vrrpstudio.cli.commands.SimulateCommand;
import org.vrrpstudio.cli.commands.StatusCommand;
import org.vrrpstudio.cli.commands.WatchCommand;
import org.vrrpstudio.cli.commands.MaintenanceCommand;
import org.vrrpstudio.cli.commands.DrainCommand;
import org.vrrpstudio.cli.commands.MoveCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the command line; every subcommand is its own class in {@code org.vrrpstudio.cli.commands}. */
// INHERIT: --help and --version work on every subcommand too (`vrrpstudio deploy --help`)
@Command(name = "vrrpstudio", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "VRRP Studio 0.1.0",
        description = "Model, check, simulate and deploy keepalived VRRP clusters.",
        subcommands = {CheckCommand.class, FmtCommand.class, MirrorCommand.class, ImportCommand.class,
                ExportCommand.class, SimulateCommand.class, DeployCommand.class,
                AgentCommand.class, StatusCommand.class, InstallAgentCommand.class, DirectorCommand.class,
                WatchCommand.class, MaintenanceCommand.class, DrainCommand.class, MoveCommand.class})
public final class VrrpStudioCommand implements Runnable {

    /** Exit code of a bug of ours: the user gets one line and a hint, not a stack trace. */
    static final int INTERNAL_ERROR = 3;

    /** Outside OSGi (plain class path, e.g. in a network namespace lab): the same commands. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the process exit code (0 ok, 1 problems found, 2 usage or I/O error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter error = new PrintWriter(err, true);
        try { // building the command tree loads every subcommand's classes: a broken install fails here
            CommandLine cli = new CommandLine(new VrrpStudioCommand());
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(error);
            cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
                if (ex instanceof CommandFailure failure) {
                    commandLine.getErr().println("vrrpstudio: " + failure.getMessage());
                    return failure.exitCode();
                }
                return internalError(ex, commandLine.getErr());
            });
            return cli.execute(args);
        } catch (Throwable ex) { // picocli lets Errors (e.g. StackOverflowError) through: still one line, no trace
            return internalError(ex, error);
        }
    }

    private static int internalError(Throwable ex, PrintWriter error) {
        error.println("vrrpstudio: internal error: " + describe(ex)
                + " (set VRRPSTUDIO_DEBUG=1 for details, and please report it)");
        if (System.getenv("VRRPSTUDIO_DEBUG") != null) {
            ex.printStackTrace(error);
        }
        error.flush();
        return INTERNAL_ERROR;
    }

    private static String describe(Throwable ex) {
        StringBuilder text = new StringBuilder(ex.getClass().getSimpleName());
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}

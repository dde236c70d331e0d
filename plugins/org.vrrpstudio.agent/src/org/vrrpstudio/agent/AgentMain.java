package org.vrrpstudio.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * {@code vrrpstudio agent -f FILE} in the foreground, like {@code keepalived -n -f FILE}. SIGTERM/SIGINT stop it
 * cleanly (priority 0, VIPs removed, exit 0); SIGHUP reloads the file. Also runnable on a plain class path
 * ({@link #main}) for lab tests: {@code java -cp ... org.vrrpstudio.agent.AgentMain -f FILE [options]}.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("<3>error: " + e.getMessage());
            System.err.println("usage: AgentMain -f keepalived.conf [--socket PATH | --no-socket] [--pid-file PATH]"
                    + " [--metrics-port PORT] [--debug] [--dry-run] [--group-takeover pair|ordered|off] [--realtime PRIORITY]");
            System.exit(Agent.EXIT_USAGE);
            return;
        }
        System.exit(run(options));
    }

    /** Runs until SIGTERM/SIGINT; returns the exit code ({@link Agent#EXIT_OK}, ...). */
    public static int run(AgentOptions options) {
        if (!Files.isReadable(options.configFile())) {
            System.err.println("<3>error: " + options.configFile() + ": no such file or not readable");
            return Agent.EXIT_USAGE;
        }
        if (options.dryRun()) {
            return new Agent(options, System.err).dryRun();
        }
        Optional<PidFile> pidFile = Optional.empty();
        if (options.pidFile().isPresent()) {
            try {
                pidFile = Optional.of(PidFile.write(options.pidFile().get()));
            } catch (PidFile.AlreadyRunning e) {
                System.err.println("<3>error: " + e.getMessage());
                return Agent.EXIT_ALREADY_RUNNING;
            } catch (IOException e) {
                System.err.println("<3>error: cannot write the PID file: " + e.getMessage());
                return Agent.EXIT_USAGE;
            }
        }
        try {
            Agent agent = new Agent(options, System.err);
            int started = agent.start();
            if (started != Agent.EXIT_OK) {
                return started;
            }
            Signals.install(agent, System.err);
            // anything else that ends the JVM still gets the clean stop
            Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "vrrp-agent-stop"));
            try {
                agent.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                agent.stop();
            }
            return Agent.EXIT_OK;
        } finally {
            pidFile.ifPresent(PidFile::close);
        }
    }
}

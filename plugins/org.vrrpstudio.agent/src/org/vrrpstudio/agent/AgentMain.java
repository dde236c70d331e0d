package org.vrrpstudio.agent;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code vrrpstudio agent -f FILE} in the foreground, like {@code keepalived -n -f FILE}. SIGTERM/SIGINT stop it
 * cleanly (priority 0, VIPs removed). Also runnable on a plain class path ({@code main}) for lab tests.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals("-f")) {
            System.err.println("usage: AgentMain -f keepalived.conf");
            System.exit(2);
        }
        System.exit(run(Path.of(args[1]), null, System.getenv("VRRPSTUDIO_DEBUG") != null));
    }

    /** Runs until SIGTERM/SIGINT; returns the exit code ({@link Agent#EXIT_OK}, ...). */
    public static int run(Path configFile, Path statusSocket, boolean debug) {
        if (!Files.isReadable(configFile)) {
            System.err.println("<3>error: " + configFile + ": no such file or not readable");
            return 2;
        }
        Agent agent = new Agent(configFile, statusSocket, System.err, debug);
        int started = agent.start();
        if (started != Agent.EXIT_OK) {
            return started;
        }
        // TERM/INT are ours, like keepalived: a clean stop and exit 0 (a JVM killed by TERM would report 143)
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> Thread.ofPlatform().start(agent::stop));
        }
        // anything else that ends the JVM still gets the clean stop
        Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "vrrp-agent-stop"));
        try {
            agent.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.stop();
        }
        return Agent.EXIT_OK;
    }
}

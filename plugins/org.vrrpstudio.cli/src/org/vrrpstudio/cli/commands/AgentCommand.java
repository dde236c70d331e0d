package org.vrrpstudio.cli.commands;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import org.vrrpstudio.agent.AgentMain;
import org.vrrpstudio.agent.AgentOptions;
import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.vrrp.config.GroupTakeover;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent -f FILE}: the VRRP daemon in the foreground (like {@code keepalived -n -f FILE}). */
@Command(name = "agent", description = {"Run the VRRP agent on this director in the foreground (needs root or CAP_NET_RAW+CAP_NET_ADMIN).",
        "SIGHUP reloads FILE (unchanged instances keep running; an invalid file is rejected and logged);"
                + " SIGTERM/SIGINT send priority 0 for MASTER instances, remove the VIPs and exit 0.",
        "Exit codes: 0 stopped cleanly, 1 invalid config, 2 usage, 3 already running (--pid-file), 4 missing privileges,"
                + " 5 network setup failed."})
public final class AgentCommand implements Callable<Integer> {

    @Option(names = {"-f", "--use-file"}, required = true, paramLabel = "FILE", description = "keepalived.conf to run")
    Path file;

    @Option(names = "--debug", description = "also log rejected adverts, address changes and send failures")
    boolean debug;

    @Option(names = "--socket", paramLabel = "PATH", description = "status socket, mode 0600 (default: ${DEFAULT-VALUE})")
    Path socket = AgentOptions.DEFAULT_SOCKET;

    @Option(names = "--no-socket", description = "no status socket")
    boolean noSocket;

    @Option(names = {"-p", "--pid-file"}, paramLabel = "PATH", description = "write the agent's PID here (refused while another agent's PID is in it)")
    Path pidFile;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Prometheus text metrics on http://127.0.0.1:PORT/metrics (loopback only; off by default)")
    Integer metricsPort;

    @Option(names = "--dry-run", description = "read, validate and bind FILE to this host's interfaces, then exit (nothing sent, no address changed)")
    boolean dryRun;

    @Option(names = "--group-takeover", paramLabel = "MODE", defaultValue = "pair",
            description = {"what a priority-0 advert from the master of a whole sync group does here: pair (default: the"
                    + " group takes over at once, no Skew_Time; ordered by itself when the file names several unicast peers),"
                    + " ordered (every member released, each after its Skew_Time: for three or more directors),"
                    + " off (keepalived's rule: the group waits for every member's timer)"})
    String groupTakeover;

    @Override
    public Integer call() {
        GroupTakeover takeover;
        try {
            takeover = AgentOptions.groupTakeover(groupTakeover);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        AgentOptions options = new AgentOptions(InputFiles.readable(file), noSocket ? Optional.empty() : Optional.of(socket),
                Optional.ofNullable(pidFile), metricsPort == null ? OptionalInt.empty() : OptionalInt.of(metricsPort), debug,
                dryRun, takeover);
        return AgentMain.run(options);
    }
}

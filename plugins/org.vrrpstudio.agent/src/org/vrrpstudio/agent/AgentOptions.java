package org.vrrpstudio.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vrrpstudio.vrrp.config.GroupTakeover;

/**
 * How the agent runs: {@code -f FILE [--socket PATH | --no-socket] [--pid-file PATH] [--metrics-port PORT] [--debug]
 * [--dry-run] [--group-takeover pair|ordered|off] [--realtime PRIORITY]}.
 *
 * @param statusSocket empty = no status socket
 * @param pidFile empty = none written
 * @param metricsPort empty = no metrics endpoint (the default); 0 = any free port
 * @param dryRun read, validate and bind the file to this host's interfaces, then exit: nothing sent, no address changed
 * @param groupTakeover what a priority-0 advert from the master does here (issue 18; README "Group-aware takeover"):
 *        {@link GroupTakeover#PAIR} by default (VRRP Studio manages director pairs), turned into
 *        {@link GroupTakeover#ORDERED} when the file itself shows more than one peer
 * @param realtimePriority SCHED_FIFO priority (1..99) for the engine thread, or 0 (the default): the normal scheduler.
 *        Issue 18: with short advert intervals on a busy host; refused where the process may not (the systemd unit's
 *        RestrictRealtime=yes), which the agent logs and runs on
 */
public record AgentOptions(Path configFile, Optional<Path> statusSocket, Optional<Path> pidFile, OptionalInt metricsPort,
        boolean debug, boolean dryRun, GroupTakeover groupTakeover, int realtimePriority) {

    public AgentOptions(Path configFile, Optional<Path> statusSocket, Optional<Path> pidFile, OptionalInt metricsPort,
            boolean debug, boolean dryRun, GroupTakeover groupTakeover) {
        this(configFile, statusSocket, pidFile, metricsPort, debug, dryRun, groupTakeover, 0);
    }

    public static final GroupTakeover DEFAULT_GROUP_TAKEOVER = GroupTakeover.PAIR;

    public AgentOptions(Path configFile, Optional<Path> statusSocket, Optional<Path> pidFile, OptionalInt metricsPort,
            boolean debug, boolean dryRun) {
        this(configFile, statusSocket, pidFile, metricsPort, debug, dryRun, DEFAULT_GROUP_TAKEOVER);
    }

    public static final Path DEFAULT_SOCKET = Path.of("/run/vrrpstudio/agent.sock");

    public AgentOptions(Path configFile, Optional<Path> statusSocket, Optional<Path> pidFile, OptionalInt metricsPort,
            boolean debug) {
        this(configFile, statusSocket, pidFile, metricsPort, debug, false);
    }

    public AgentOptions {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(statusSocket, "statusSocket");
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(metricsPort, "metricsPort");
        Objects.requireNonNull(groupTakeover, "groupTakeover");
        if (metricsPort.isPresent() && (metricsPort.getAsInt() < 0 || metricsPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("metrics port " + metricsPort.getAsInt() + " outside 0..65535");
        }
        if (realtimePriority < 0 || realtimePriority > 99) {
            throw new IllegalArgumentException("--realtime: priority " + realtimePriority + " outside 1..99");
        }
    }

    /** The plain {@code main}'s arguments; a usage problem is an {@link IllegalArgumentException} with one line. */
    public static AgentOptions parse(String... args) {
        Path file = null;
        Optional<Path> socket = Optional.of(DEFAULT_SOCKET);
        Optional<Path> pidFile = Optional.empty();
        OptionalInt metrics = OptionalInt.empty();
        boolean debug = false;
        boolean dryRun = false;
        GroupTakeover takeover = DEFAULT_GROUP_TAKEOVER;
        int realtime = 0;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            switch (option) {
                case "-f", "--use-file" -> file = Path.of(value(option, rest));
                case "--socket" -> socket = Optional.of(Path.of(value(option, rest)));
                case "--no-socket" -> socket = Optional.empty();
                case "--pid-file", "-p" -> pidFile = Optional.of(Path.of(value(option, rest)));
                case "--metrics-port" -> {
                    String port = value(option, rest);
                    try {
                        metrics = OptionalInt.of(Integer.parseInt(port));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--metrics-port: '" + port + "' is not a port number");
                    }
                }
                case "--debug" -> debug = true;
                case "--dry-run" -> dryRun = true;
                case "--group-takeover" -> takeover = groupTakeover(value(option, rest));
                case "--realtime" -> {
                    String priority = value(option, rest);
                    try {
                        realtime = Integer.parseInt(priority);
                    } catch (NumberFormatException e) {
                        realtime = -1;
                    }
                    if (realtime < 1 || realtime > 99) {
                        throw new IllegalArgumentException("--realtime: '" + priority + "' is not a priority 1..99");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("missing -f FILE (the keepalived.conf to run)");
        }
        return new AgentOptions(file, socket, pidFile, metrics, debug, dryRun, takeover, realtime);
    }

    /** {@code pair}, {@code ordered} or {@code off}; anything else is a one-line usage error. */
    public static GroupTakeover groupTakeover(String value) {
        for (GroupTakeover mode : GroupTakeover.values()) {
            if (mode.optionValue().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--group-takeover: '" + value + "' is not one of pair, ordered, off");
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }
}

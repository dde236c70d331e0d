package org.vrrpstudio.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vrrpstudio.cli.CommandFailure;
import org.vrrpstudio.cluster.ClusterFileException;
import org.vrrpstudio.cluster.ClusterStore;
import org.vrrpstudio.cluster.FileSecretStore;
import org.vrrpstudio.deploy.DaemonSwitch;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DaemonKind;
import org.vrrpstudio.model.Director;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code director CLUSTER NAME [settings]}: sets how deploy and watch reach a director (no hand-editing of the
 * XMI), saves the cluster file when something changed, and prints the director's connection settings.
 */
@Command(name = "director", description = {"Set a director's connection settings in the cluster file and print them.",
        "Without options it only prints them."})
public final class DirectorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "cluster file (.vrrpcluster)")
    Path clusterFile;

    @Parameters(index = "1", paramLabel = "NAME", description = "the director's name in the cluster")
    String name;

    @Option(names = "--host", paramLabel = "H", description = "host name or address SSH connects to")
    String host;

    @Option(names = "--port", paramLabel = "P", description = "SSH port (1..65535)")
    Integer port;

    @Option(names = "--user", paramLabel = "U", description = "SSH user")
    String user;

    @Option(names = "--key", paramLabel = "FILE", description = "private key file (empty: the ssh-agent's keys, else ~/.ssh/id_*)")
    String key;

    @Option(names = "--config-path", paramLabel = "PATH", description = "absolute path of the daemon's config file on the director")
    String configPath;

    @Option(names = "--daemon", paramLabel = "keepalived|agent", description = "which daemon runs on the director")
    String daemon;

    @Option(names = "--sudo", negatable = true, description = "run the daemon-facing commands through sudo -n (a non-root SSH user)")
    Boolean sudo;

    @Option(names = "--start-command", paramLabel = "CMD", description = "how switch-daemon starts a daemon ({daemon}, {unit},"
            + " {file}); empty: " + DaemonSwitch.DEFAULT_START)
    String startCommand;

    @Option(names = "--stop-command", paramLabel = "CMD", description = "how switch-daemon stops a daemon with SIGTERM (same"
            + " placeholders); empty: " + DaemonSwitch.DEFAULT_STOP)
    String stopCommand;

    @Override
    public Integer call() {
        Path file = InputFiles.readable(clusterFile);
        Cluster cluster = ClusterFiles.load(file);
        Director director = cluster.getDirectors().stream().filter(d -> name.equals(d.getName())).findFirst()
                .orElseThrow(() -> CommandFailure.usage(clusterFile + ": no director '" + name + "' (directors: "
                        + String.join(", ", cluster.getDirectors().stream().map(Director::getName).toList()) + ")"));
        boolean changed = false;
        if (host != null) {
            director.setHost(text(host, "--host"));
            changed = true;
        }
        if (port != null) {
            if (port < 1 || port > 65535) {
                throw CommandFailure.usage("--port must be in 1..65535, got " + port);
            }
            director.setSshPort(port);
            changed = true;
        }
        if (user != null) {
            director.setSshUser(text(user, "--user"));
            changed = true;
        }
        if (key != null) {
            director.setIdentityFile(key.isBlank() ? null : key);
            changed = true;
        }
        if (configPath != null) {
            if (!configPath.startsWith("/") || configPath.endsWith("/") || configPath.chars().anyMatch(c -> c < 0x20)) {
                throw CommandFailure.usage("--config-path must be an absolute file path, got '" + configPath + "'");
            }
            director.setRemoteConfigPath(configPath);
            changed = true;
        }
        if (daemon != null) {
            director.setDaemonKind(switch (daemon) {
                case "keepalived" -> DaemonKind.KEEPALIVED;
                case "agent" -> DaemonKind.AGENT;
                default -> throw CommandFailure.usage("--daemon must be keepalived or agent, got '" + daemon + "'");
            });
            changed = true;
        }
        if (sudo != null) {
            director.setSudo(sudo);
            changed = true;
        }
        if (startCommand != null) {
            director.setStartCommand(command(startCommand, "--start-command"));
            changed = true;
        }
        if (stopCommand != null) {
            director.setStopCommand(command(stopCommand, "--stop-command"));
            changed = true;
        }
        if (changed) {
            try {
                ClusterStore.save(cluster, file, FileSecretStore.forClusterFile(file));
            } catch (ClusterFileException e) {
                throw CommandFailure.usage(e.diagnostic().format());
            } catch (java.io.IOException e) {
                throw CommandFailure.usage(file + ": cannot save: " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("director %s of %s%s%n", name, clusterFile, changed ? " (saved)" : "");
        row(out, "host", director.getHost() == null ? "(not set)" : director.getHost());
        row(out, "port", String.valueOf(director.getSshPort() > 0 ? director.getSshPort() : 22));
        row(out, "user", director.getSshUser() == null ? "(not set)" : director.getSshUser());
        row(out, "key", director.getIdentityFile() == null || director.getIdentityFile().isBlank()
                ? "(ssh-agent, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa)" : director.getIdentityFile());
        row(out, "config-path", String.valueOf(director.getRemoteConfigPath()));
        row(out, "daemon", director.getDaemonKind() == DaemonKind.AGENT ? "agent" : "keepalived");
        row(out, "sudo", director.isSudo() ? "yes (sudo -n)" : "no");
        row(out, "start", blank(director.getStartCommand()) ? DaemonSwitch.DEFAULT_START + " (default)" : director.getStartCommand());
        row(out, "stop", blank(director.getStopCommand()) ? DaemonSwitch.DEFAULT_STOP + " (default)" : director.getStopCommand());
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-12s %s%n", label, value);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A one-line command; empty means the default (stored as unset). */
    private static String command(String value, String option) {
        if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw CommandFailure.usage(option + " must be one line");
        }
        return value.isBlank() ? null : value;
    }

    private static String text(String value, String option) {
        if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == ' ')) {
            throw CommandFailure.usage(option + " must be one word without spaces, got '" + value + "'");
        }
        return value;
    }
}

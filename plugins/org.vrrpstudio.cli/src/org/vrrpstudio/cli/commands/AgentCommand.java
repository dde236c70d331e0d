package org.vrrpstudio.cli.commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vrrpstudio.agent.AgentMain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent -f FILE}: the VRRP daemon in the foreground (like {@code keepalived -n -f FILE}). */
@Command(name = "agent", description = {"Run the VRRP agent on this director in the foreground (needs root or CAP_NET_RAW+CAP_NET_ADMIN).",
        "Exit codes: 0 stopped cleanly, 1 invalid config, 2 usage, 4 missing privileges, 5 network setup failed."})
public final class AgentCommand implements Callable<Integer> {

    @Option(names = {"-f", "--use-file"}, required = true, paramLabel = "FILE", description = "keepalived.conf to run")
    Path file;

    @Option(names = "--debug", description = "also log rejected adverts and send failures")
    boolean debug;

    @Option(names = "--socket", paramLabel = "PATH", description = "status socket (default: ${DEFAULT-VALUE})")
    Path socket = StatusCommand.DEFAULT_SOCKET;

    @Override
    public Integer call() {
        return AgentMain.run(InputFiles.readable(file), socket, debug);
    }
}

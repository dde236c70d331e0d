package org.vrrpstudio.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vrrpstudio.agent.AgentOptions;
import org.vrrpstudio.cli.CommandFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status [--json]}: what the agent on this host is doing, read from its local status socket. */
@Command(name = "status", description = "Show the local agent's instances, states and counters (from its status socket).")
public final class StatusCommand implements Callable<Integer> {

    static final Path DEFAULT_SOCKET = AgentOptions.DEFAULT_SOCKET;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print the agent's JSON document as it is")
    boolean json;

    @Option(names = "--socket", paramLabel = "PATH", description = "status socket (default: ${DEFAULT-VALUE})")
    Path socket = DEFAULT_SOCKET;

    @Override
    public Integer call() {
        String document;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(java.nio.ByteBuffer.wrap((json ? "json\n" : "text\n").getBytes(StandardCharsets.US_ASCII)));
            document = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CommandFailure.usage(socket + ": no agent answers (" + e.getMessage() + "); is it running?");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(document);
        out.flush();
        return 0;
    }
}

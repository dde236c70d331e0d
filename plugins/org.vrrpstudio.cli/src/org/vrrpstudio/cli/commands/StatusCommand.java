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

/**
 * {@code status [--json] [--follow]}: what the agent on this host is doing, read from its local status socket;
 * {@code --follow} then stays connected and prints every transition as it happens (one JSON line each with
 * {@code --json}), until the agent stops or the command is interrupted.
 */
@Command(name = "status", description = "Show the local agent's instances, states and counters (from its status socket).")
public final class StatusCommand implements Callable<Integer> {

    static final Path DEFAULT_SOCKET = AgentOptions.DEFAULT_SOCKET;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print the agent's JSON document as it is")
    boolean json;

    @Option(names = "--socket", paramLabel = "PATH", description = "status socket (default: ${DEFAULT-VALUE})")
    Path socket = DEFAULT_SOCKET;

    @Option(names = "--follow", description = "after the status, print every transition as it happens (one JSON object per line with --json)")
    boolean follow;

    @Override
    public Integer call() {
        if (follow) {
            return follow();
        }
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

    private Integer follow() {
        PrintWriter out = spec.commandLine().getOut();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(java.nio.ByteBuffer.wrap("follow\n".getBytes(StandardCharsets.US_ASCII)));
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    Channels.newInputStream(channel), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(json ? line : humanLine(line));
                out.flush();
            }
        } catch (IOException e) {
            throw CommandFailure.usage(socket + ": no agent answers (" + e.getMessage() + "); is it running?");
        }
        return 0;
    }

    /** "2026-12-04T19:10:01.250Z VI_1 MASTER -> FAULT (INTERFACE_DOWN eth0) priority 150" */
    private static String humanLine(String json) {
        try {
            org.vrrpstudio.live.Transition t = org.vrrpstudio.live.AgentStatusReader.event(json);
            return t.time() + " " + t.instance() + " " + t.from() + " -> " + t.to() + " (" + t.reason() + ") priority " + t.priority();
        } catch (IllegalArgumentException e) {
            return json;
        }
    }
}

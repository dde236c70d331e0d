package org.vrrpstudio.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.ConfigBinding;

/**
 * The commands a director needs besides the daemon, on the daemon's plain class path (no OSGi, no EMF, no picocli):
 * what the agent package installs. {@code --version}, {@code check FILE...} (the reading the daemon itself applies:
 * a file it passes is one the agent runs; the console's {@code check} adds the cluster model's rules and the
 * cross-director ones), {@code status [--json] [--socket PATH]}, and {@code agent ...} (the daemon, {@link AgentMain}).
 * The same output and exit codes as the console's command line, so the deploy's remote steps work on both.
 */
public final class DirectorTool {

    private static final String USAGE = "usage: vrrpstudio-agent agent -f FILE [options] | check [--strict] FILE... "
            + "| status [--json] [--socket PATH] | --version";

    private static final String AGENT_USAGE = "usage: vrrpstudio-agent agent -f keepalived.conf [--socket PATH | --no-socket]"
            + " [--pid-file PATH] [--metrics-port PORT] [--debug] [--dry-run]";

    private DirectorTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return Agent.EXIT_USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "-V", "--version" -> {
                out.println(version());
                yield Agent.EXIT_OK;
            }
            case "-h", "--help", "help" -> {
                out.println(USAGE);
                yield Agent.EXIT_OK;
            }
            case "agent" -> {
                if (rest.contains("--version") || rest.contains("-V")) {
                    out.println(version());
                    yield Agent.EXIT_OK;
                }
                if (rest.contains("--help") || rest.contains("-h")) {
                    out.println(AGENT_USAGE);
                    yield Agent.EXIT_OK;
                }
                AgentMain.main(rest.toArray(String[]::new));
                yield Agent.EXIT_OK; // not reached: AgentMain exits
            }
            case "check" -> check(rest, out, err);
            case "status" -> status(rest, out, err);
            default -> {
                err.println("vrrpstudio-agent: unknown command '" + args[0] + "' (" + USAGE + ")");
                yield Agent.EXIT_USAGE;
            }
        };
    }

    /** {@code vrrpstudio-agent VERSION}: the agent bundle's version, the one the package carries. */
    static String version() {
        return "vrrpstudio-agent " + bundleVersion();
    }

    static String bundleVersion() {
        try {
            Path jar = Path.of(DirectorTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Manifest manifest = file.getManifest();
                    String version = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
                    if (version != null) {
                        return version;
                    }
                }
            }
            try (InputStream in = DirectorTool.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
                String version = in == null ? null : new Manifest(in).getMainAttributes().getValue("Bundle-Version");
                return version != null ? version : "unknown";
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return "unknown";
        }
    }

    /** One line per problem, {@code FILE:LINE:COL: error|warning: message}; 0 without errors, 1 with, 2 bad usage. */
    static int check(List<String> args, PrintStream out, PrintStream err) {
        boolean strict = false;
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--strict")) {
                strict = true;
            } else if (arg.startsWith("-")) {
                err.println("vrrpstudio-agent: check: unknown option '" + arg + "'");
                return Agent.EXIT_USAGE;
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty()) {
            err.println("vrrpstudio-agent: check: no FILE given");
            return Agent.EXIT_USAGE;
        }
        boolean failed = false;
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                err.println("vrrpstudio-agent: " + file + ": no such file or not readable");
                return Agent.EXIT_USAGE;
            }
            List<Diagnostic> diagnostics;
            List<String> scriptProblems = List.of();
            try {
                ConfigBinding.Reading reading = ConfigBinding.read(new ConfigParser().parse(file), "local");
                diagnostics = reading.diagnostics();
                if (reading.setup().isPresent()) { // on the director: who would run its scripts, and which not
                    ScriptPolicy.Outcome scripts = ScriptPolicy.apply(reading.setup().get(), ScriptPolicy.HOST);
                    List<String> problems = new ArrayList<>(scripts.warnings());
                    scripts.refused().forEach(r -> problems.add("script refused: " + r));
                    scriptProblems = problems;
                }
            } catch (BindingException e) {
                out.println(file + ": error: " + e.getMessage());
                failed = true;
                continue;
            }
            for (Diagnostic d : diagnostics) {
                out.println(d.format());
                failed |= d.severity() == Severity.ERROR || strict && d.severity() == Severity.WARNING;
            }
            for (String problem : scriptProblems) {
                out.println(file + ": warning: " + problem);
                failed |= strict;
            }
        }
        return failed ? Agent.EXIT_CONFIG : Agent.EXIT_OK;
    }

    /** What the local agent is doing, read from its status socket (the text or the JSON document as it sends it). */
    static int status(List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        Path socket = AgentOptions.DEFAULT_SOCKET;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--socket") && i + 1 < args.size()) {
                socket = Path.of(args.get(++i));
            } else if (arg.startsWith("--socket=")) {
                socket = Path.of(arg.substring("--socket=".length()));
            } else {
                err.println("vrrpstudio-agent: status: unknown argument '" + arg + "'");
                return Agent.EXIT_USAGE;
            }
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((json ? "json\n" : "text\n").getBytes(StandardCharsets.US_ASCII)));
            out.print(new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8));
            out.flush();
            return Agent.EXIT_OK;
        } catch (IOException e) {
            err.println("vrrpstudio-agent: " + socket + ": no agent answers (" + e.getMessage() + "); is it running?");
            return Agent.EXIT_USAGE;
        }
    }
}

package org.vrrpstudio.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.vrrpstudio.agent.linux.Capabilities;
import org.vrrpstudio.agent.linux.LinkInfo;
import org.vrrpstudio.agent.linux.LinkMonitor;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.agent.linux.NetworkEvent;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.DirectorBinding;
import org.vrrpstudio.vrrp.engine.EngineIo;
import org.vrrpstudio.vrrp.engine.EventListener;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpNode;
import org.vrrpstudio.vrrp.packet.Rejection;

/**
 * The VRRP daemon of one director: reads its keepalived.conf, runs the engine on this host's interfaces until
 * {@link #stop()}, which sends priority 0 for every MASTER instance and removes its VIPs.
 */
public final class Agent {

    /** Documented exit codes of {@code vrrpstudio agent}. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_CONFIG = 1;
    public static final int EXIT_PRIVILEGES = 4;
    public static final int EXIT_NETWORK = 5;

    /** The director's name inside the agent: one file is one director. */
    private static final String DIRECTOR = "local";

    /** How many transitions the status keeps. */
    private static final int RECENT_TRANSITIONS = 100;

    private final Path configFile;
    private final Path statusSocket;
    private final AgentLog log;
    private final Deque<StateTransition> recent = new ArrayDeque<>();
    private StatusServer status;
    private Notifier notifier;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EngineLoop loop;
    private LinuxNetwork network;
    private LinkMonitor monitor;
    private Netlink netlink;
    private VrrpNode node;

    /** {@code statusSocket} null: no status socket. */
    public Agent(Path configFile, Path statusSocket, PrintStream log, boolean debug) {
        this.configFile = configFile;
        this.statusSocket = statusSocket;
        this.log = new AgentLog(log, debug);
    }

    /** Starts the daemon; returns {@link #EXIT_OK} when running, or the exit code of the reason it cannot run. */
    public int start() {
        BoundDirector director;
        Cluster cluster;
        try {
            cluster = readConfig();
            director = bind(cluster);
        } catch (ConfigProblem problem) {
            problem.diagnostics.forEach(d -> log.error(d.format()));
            log.error(problem.getMessage());
            return EXIT_CONFIG;
        } catch (NetworkProblem problem) {
            log.error(problem.getMessage());
            return EXIT_NETWORK;
        }
        var capabilities = Capabilities.check();
        if (!capabilities.sufficient()) {
            log.error(capabilities.problem().orElse("insufficient privileges"));
            return EXIT_PRIVILEGES;
        }
        notifier = new Notifier(cluster, log);
        loop = new EngineLoop();
        network = new LinuxNetwork(netlink, log);
        node = new VrrpNode(director.node(), new EngineIo(loop, loop, network, network));
        node.addListener(new EventListener() {
            @Override
            public void onTransition(StateTransition t) {
                if (recent.size() == RECENT_TRANSITIONS) {
                    recent.removeFirst();
                }
                recent.addLast(t);
                notifier.onTransition(t);
                log.info(t.instance() + ": " + t.from() + " -> " + t.to() + " (" + t.reason() + ")");
            }

            @Override
            public void onRejected(String nodeName, String interfaceName, Rejection rejection) {
                log.debug(interfaceName + ": advert rejected: " + rejection);
            }
        });
        Set<String> ours = director.segmentByInterface().keySet();
        try {
            for (String iface : ours) {
                network.open(iface, (name, packet) -> loop.post(() -> node.onPacket(name, packet)));
            }
            loop.call(() -> {
                node.start();
                return null;
            }, Duration.ofSeconds(5));
            monitor = LinkMonitor.start(event -> onNetworkEvent(event, ours));
            if (statusSocket != null) {
                status = new StatusServer(statusSocket, this::status, log);
            }
        } catch (Exception e) {
            log.error("cannot start: " + e.getMessage());
            close();
            return EXIT_NETWORK;
        }
        log.info("running " + director.node().instances().size() + " VRRP instance(s) on " + String.join(", ", ours));
        director.notRun().forEach(n -> log.warn("not run: " + n));
        return EXIT_OK;
    }

    private void onNetworkEvent(NetworkEvent event, Set<String> ours) {
        switch (event) {
            case NetworkEvent.LinkChanged changed -> linkState(changed.link(), ours);
            case NetworkEvent.LinkRemoved removed -> {
                if (ours.contains(removed.link().name())) {
                    loop.post(() -> node.onLinkChange(removed.link().name(), false));
                }
            }
            case NetworkEvent.Resynchronized snapshot -> snapshot.links().forEach(link -> linkState(link, ours));
            case NetworkEvent.Failed failed -> log.warn("link monitor: " + failed.cause().getMessage());
            default -> {
                // address events: the engine owns the VIPs it adds; others' changes are not its business
            }
        }
    }

    private void linkState(LinkInfo link, Set<String> ours) {
        if (ours.contains(link.name())) {
            loop.post(() -> node.onLinkChange(link.name(), link.usable()));
        }
    }

    /** The status as JSON or as a table, built on the engine thread so it is one consistent moment. */
    String status(boolean json) {
        try {
            return loop.call(() -> json
                    ? StatusJson.of(loop.now(), node.status(), node.config().instances(), network.packetsSent(),
                            network.packetsReceived(), node.rejectCounters().snapshot(), List.copyOf(recent))
                    : StatusJson.text(node.status(), node.config().instances(), network.packetsSent(), network.packetsReceived(),
                            node.rejectCounters().total()), Duration.ofSeconds(2));
        } catch (Exception e) {
            return json ? "{\"error\":" + StatusJson.string("status unavailable: " + e.getMessage()) + "}\n"
                    : "status unavailable: " + e.getMessage() + "\n";
        }
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Priority 0 for every MASTER instance (the peer takes over at once), VIPs removed, sockets closed. */
    public synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            if (loop != null && node != null) {
                loop.call(() -> {
                    node.shutdown();
                    return null;
                }, Duration.ofSeconds(3));
                log.info("stopped: priority 0 sent for MASTER instances, VIPs removed");
            }
        } catch (Exception e) {
            log.warn("clean stop incomplete: " + e.getMessage());
        } finally {
            close();
            stopped.countDown();
        }
    }

    private void close() {
        if (notifier != null) {
            notifier.close();
        }
        if (status != null) {
            status.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (network != null) {
            network.close();
        }
        if (loop != null) {
            loop.close();
        }
        if (netlink != null) {
            netlink.close();
        }
    }

    private Cluster readConfig() throws ConfigProblem {
        ImportResult imported = new ClusterImporter().importSingle(new ConfigParser().parse(configFile), DIRECTOR);
        if (!imported.succeeded()) {
            throw new ConfigProblem(configFile + ": not started, the config has errors", imported.errors());
        }
        Cluster cluster = imported.cluster().orElseThrow();
        List<Diagnostic> errors = ClusterValidator.validate(cluster, imported.sources()).stream()
                .filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new ConfigProblem(configFile + ": not started, the config has errors", errors);
        }
        imported.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).forEach(d -> log.warn(d.format()));
        return cluster;
    }

    private BoundDirector bind(Cluster cluster) throws ConfigProblem, NetworkProblem {
        try {
            netlink = Netlink.open();
        } catch (IOException e) {
            throw new NetworkProblem("cannot open rtnetlink: " + e.getMessage());
        }
        List<InetAddress> vips = cluster.getInstances().stream().flatMap(i -> i.getVirtualAddresses().stream())
                .map(v -> v.getAddress().contains("/") ? v.getAddress().substring(0, v.getAddress().indexOf('/')) : v.getAddress())
                .map(InetAddress::ofLiteral).collect(Collectors.toList());
        List<String> unusable = new ArrayList<>();
        try {
            return DirectorBinding.bind(cluster, DIRECTOR, name -> {
                var address = LinuxNetwork.primaryIpv4(netlink, name, vips);
                if (address.isEmpty()) {
                    unusable.add(name);
                }
                return address;
            });
        } catch (BindingException e) {
            if (!unusable.isEmpty()) {
                throw new NetworkProblem("interface " + unusable.getFirst() + " is missing or has no IPv4 address of its own");
            }
            throw new ConfigProblem(e.getMessage(), List.of());
        }
    }

    private static final class ConfigProblem extends Exception {
        private static final long serialVersionUID = 1L;
        final transient List<Diagnostic> diagnostics;

        ConfigProblem(String message, List<Diagnostic> diagnostics) {
            super(message);
            this.diagnostics = diagnostics;
        }
    }

    private static final class NetworkProblem extends Exception {
        private static final long serialVersionUID = 1L;

        NetworkProblem(String message) {
            super(message);
        }
    }
}

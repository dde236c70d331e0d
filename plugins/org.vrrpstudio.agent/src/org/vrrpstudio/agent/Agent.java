package org.vrrpstudio.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.vrrpstudio.agent.linux.Capabilities;
import org.vrrpstudio.agent.linux.LinkMonitor;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.agent.linux.NetworkEvent;
import org.vrrpstudio.agent.linux.RawIpSocket;
import org.vrrpstudio.agent.linux.Scheduling;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.TrackFileSettings;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.config.GroupTakeover;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.CheckScript;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.vrrp.binding.DirectorSetup;
import org.vrrpstudio.vrrp.binding.InterfaceAddresses;
import org.vrrpstudio.vrrp.binding.VipPlacement;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.TrackConfig;
import org.vrrpstudio.vrrp.engine.AddressActions;
import org.vrrpstudio.vrrp.engine.EngineIo;
import org.vrrpstudio.vrrp.engine.EventListener;
import org.vrrpstudio.vrrp.engine.InstanceStatus;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpNode;
import org.vrrpstudio.vrrp.packet.RejectReason;
import org.vrrpstudio.vrrp.packet.Rejection;
import org.vrrpstudio.vrrp.sim.VirtualClock;

/**
 * The VRRP daemon of one director: reads its keepalived.conf, runs the engine on this host's interfaces until
 * {@link #stop()}, which sends priority 0 for every MASTER instance and removes its VIPs. {@link #reload()} (SIGHUP)
 * applies a new configuration unit by unit ({@link EngineUnit}): unchanged instances keep running untouched.
 *
 * <p>Threads: everything that touches an engine node, the unit table or netlink runs on the {@link EngineLoop};
 * receivers and the link monitor only post to it; start, reload and stop are serialised by this object's lock.
 */
public final class Agent {

    /** Documented exit codes of {@code vrrpstudio agent}. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_CONFIG = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_ALREADY_RUNNING = 3;
    public static final int EXIT_PRIVILEGES = 4;
    public static final int EXIT_NETWORK = 5;

    /** The director's name inside the agent: one file is one director. */
    private static final String DIRECTOR = "local";

    /** How many transitions the status keeps. */
    private static final int RECENT_TRANSITIONS = 100;

    /**
     * How long start and reload wait for the engine thread to apply a configuration (open sockets, start units). It
     * only bounds a hang: on a loaded host (load 10 on two cores) the first apply took over 5 s, and giving up then
     * left the apply running behind a "cannot start".
     */
    private static final Duration ENGINE_CALL_TIMEOUT = Duration.ofSeconds(60);

    private final AgentOptions options;
    private boolean groupTakeoverLogged;
    private final AgentLog log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EngineLoop loop;
    private LinuxNetwork network;
    private LinkMonitor monitor;
    private Netlink netlink;
    private Notifier notifier;
    private ScriptTracker scripts;
    private TrackFileWatcher trackFiles;
    private NotifyFifo fifo;
    private volatile StatusServer status; // set after the engine starts; its listener publishes to it
    private MetricsServer metrics;

    // ---- engine-thread state
    private record RunningUnit(EngineUnit config, VrrpNode node) {
    }

    private final Map<String, RunningUnit> units = new LinkedHashMap<>();
    private final Map<String, VrrpNode> nodeByRoute = new HashMap<>();
    private final Map<String, Boolean> linkUp = new HashMap<>();
    private final Map<RejectReason, Long> retiredRejections = new EnumMap<>(RejectReason.class);
    /** Received packets waiting for the engine, at most this many (see {@link #handOver}): a few ms of the engine's work with C1. */
    static final int MAX_QUEUED_PACKETS = 256;
    private final AtomicInteger queuedPackets = new AtomicInteger();
    private final AtomicLong busyDrops = new AtomicLong();
    /** Who runs the scripts of the file read last, and which are not run (ScriptPolicy); in force once applied. */
    private ScriptPolicy.Outcome scriptsRead;
    private volatile List<String> refusedScripts = List.of();
    private final Map<String, Long> transitionsByInstance = new HashMap<>();
    private final Deque<StateTransition> recent = new ArrayDeque<>();
    private final SyncGroupStates groupStates = new SyncGroupStates();
    private List<String> instanceOrder = List.of();
    private final EventListener listener = new EventListener() {
        @Override
        public void onTransition(StateTransition t) {
            if (recent.size() == RECENT_TRANSITIONS) {
                recent.removeFirst();
            }
            recent.addLast(t);
            transitionsByInstance.merge(t.instance(), 1L, Long::sum);
            if (status != null) {
                status.publish(StatusJson.event(t));
            }
            notifier.onTransition(t);
            if (fifo != null) {
                fifo.onTransition(t);
            }
            log.info(t.instance() + ": " + t.from() + " -> " + t.to() + " (" + t.reason() + ")");
            // and keepalived's own words, for the alerting its users already have
            KeepalivedLogLines.cause(t).ifPresent(log::info);
            KeepalivedLogLines.entering(t).ifPresent(log::info);
            groupStates.onTransition(t).ifPresent(change -> {
                notifier.onGroupChange(change);
                if (fifo != null) {
                    fifo.onGroupChange(change);
                }
                log.info("vrrp_sync_group " + change.group() + ": " + change.state());
                KeepalivedLogLines.group(change).ifPresent(log::info);
            });
        }

        @Override
        public void onRejected(String nodeName, String interfaceName, Rejection rejection) {
            log.debug(interfaceName + ": advert rejected: " + rejection);
        }
    };

    /** A configuration read, validated and bound to this host's interfaces. */
    private record Loaded(DirectorSetup setup, BoundDirector director) {
    }

    public Agent(AgentOptions options, PrintStream log) {
        this.options = options;
        this.log = new AgentLog(log, options.debug());
    }

    /** Starts the daemon; returns {@link #EXIT_OK} when running, or the exit code of the reason it cannot run. */
    public synchronized int start() {
        // the first native calls link FFM downcalls (~0.1 s) while the file is read: on a second core they overlap,
        // which shortens start to first advert
        CompletableFuture<Netlink> netlinkReady = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("vrrp-start-netlink").start(() -> {
            try {
                netlinkReady.complete(Capabilities.check().sufficient() ? Netlink.open() : null);
            } catch (IOException | RuntimeException e) {
                netlinkReady.completeExceptionally(e);
                return;
            }
            // then the raw sockets' calls, still off the path to the first advert (issue 18); a failure shows later
            try {
                RawIpSocket.linkNativeCalls();
            } catch (RuntimeException | LinkageError e) {
                log.debug("linking the socket calls ahead failed: " + message(e));
            }
        });
        DirectorSetup setup;
        try {
            setup = readConfig(options.configFile());
        } catch (ConfigProblem problem) {
            report(problem);
            netlinkReady.thenAccept(n -> { if (n != null) n.close(); });
            return EXIT_CONFIG;
        }
        var capabilities = Capabilities.check();
        if (!capabilities.sufficient()) {
            log.error(capabilities.problem().orElse("insufficient privileges"));
            return EXIT_PRIVILEGES;
        }
        Loaded loaded;
        try {
            netlink = netlinkReady.join();
            loaded = new Loaded(setup, bind(setup));
        } catch (CompletionException e) {
            log.error("cannot open rtnetlink: " + message(e));
            close();
            return EXIT_NETWORK;
        } catch (NetworkProblem problem) {
            log.error(problem.getMessage());
            close();
            return EXIT_NETWORK;
        } catch (ConfigProblem problem) {
            report(problem);
            close();
            return EXIT_CONFIG;
        }
        notifier = new Notifier(log);
        loop = new EngineLoop();
        boolean realtime = options.realtimePriority() > 0 && realtime(options.realtimePriority());
        scripts = new ScriptTracker((name, ok) -> loop.post(() -> units.values().forEach(u -> u.node().onScriptResult(name, ok))), log);
        network = new LinuxNetwork(netlink, log);
        try {
            trackFiles = new TrackFileWatcher(
                    (name, value) -> loop.post(() -> units.values().forEach(u -> u.node().onFileValue(name, value))), log);
            if (setup.notifyFifo().isPresent()) {
                fifo = new NotifyFifo(Path.of(setup.notifyFifo().get()), log);
            }
            loop.call(() -> {
                apply(loaded);
                return null;
            }, ENGINE_CALL_TIMEOUT);
            monitor = LinkMonitor.start(this::onNetworkEvent);
            if (options.statusSocket().isPresent()) {
                status = new StatusServer(options.statusSocket().get(), this::status, log);
            }
            if (options.metricsPort().isPresent()) {
                metrics = new MetricsServer(options.metricsPort().getAsInt(), this::metrics);
                log.info("metrics on http://127.0.0.1:" + metrics.port() + "/metrics");
            }
        } catch (Exception | LinkageError e) { // LinkageError: com.sun.net.httpserver missing from the runtime
            log.error("cannot start: " + message(e));
            close();
            return EXIT_NETWORK;
        }
        BoundDirector director = loaded.director();
        log.info("running " + director.node().instances().size() + " VRRP instance(s) on "
                + String.join(", ", director.segmentByInterface().keySet()));
        director.notRun().forEach(n -> log.warn("not run: " + n));
        if (realtime) {
            realtimeEverywhere(options.realtimePriority());
        }
        return EXIT_OK;
    }

    /**
     * {@code --realtime}: the engine thread under SCHED_FIFO from the start; when refused, one line and the normal
     * scheduler (then false).
     */
    private boolean realtime(int priority) {
        try {
            String refused = loop.call(() -> Scheduling.fifo(priority).orElse(null), ENGINE_CALL_TIMEOUT);
            if (refused == null) {
                return true;
            }
            log.warn("engine thread: SCHED_FIFO priority " + priority + " refused (" + refused
                    + "); it runs under the normal scheduler");
        } catch (Exception e) {
            log.warn("engine thread: SCHED_FIFO priority " + priority + " not set: " + message(e));
        }
        return false;
    }

    /**
     * Once every thread is started: all of them under SCHED_FIFO too, since the engine waits on them (a receiver
     * hands it the master's adverts; a safepoint holds it until the JVM's own threads have run).
     */
    private void realtimeEverywhere(int priority) {
        try {
            Scheduling.Everyone everyone = Scheduling.fifoEveryThread(priority);
            log.info("SCHED_FIFO priority " + priority + ": " + everyone.threads() + " threads"
                    + everyone.refused().map(r -> "; refused for some (" + r + "), they run under the normal scheduler").orElse(""));
        } catch (IOException | RuntimeException e) {
            log.warn("SCHED_FIFO priority " + priority + " for the engine thread only: " + message(e));
        }
    }

    /**
     * Runs each unit's engine for a few virtual seconds with every packet and address change discarded: a dry run
     * then passes through what a real start runs (state machine, advert encoding, authentication), so the launcher's
     * training run puts those classes into the ahead-of-time cache too.
     */
    private static void rehearse(List<EngineUnit> units) {
        for (EngineUnit unit : units) {
            VirtualClock clock = new VirtualClock();
            VrrpNode node = new VrrpNode(unit.node(), new EngineIo(clock, clock, (interfaceName, packet) -> { }, AddressActions.NONE));
            node.start();
            clock.runFor(Duration.ofSeconds(5));
            node.status();
            node.shutdown();
        }
    }

    /**
     * {@code --dry-run}: reads, validates and binds the file to this host's interfaces (rtnetlink, read only), then
     * closes. Nothing is sent and no address changes, so it is safe beside a running daemon; it needs no privileges.
     * The launcher also uses it as the training run of the JVM's ahead-of-time cache: it loads and links what a
     * start needs (reading the file, FFM downcalls, the engine on a virtual clock) without touching the network.
     */
    public synchronized int dryRun() {
        DirectorSetup setup;
        try {
            setup = readConfig(options.configFile());
        } catch (ConfigProblem problem) {
            report(problem);
            return EXIT_CONFIG;
        }
        BoundDirector director;
        try {
            netlink = Netlink.open();
            director = bind(setup);
        } catch (IOException | RuntimeException e) {
            log.error("cannot open rtnetlink: " + message(e));
            return EXIT_NETWORK;
        } catch (NetworkProblem problem) {
            log.error(problem.getMessage());
            return EXIT_NETWORK;
        } catch (ConfigProblem problem) {
            report(problem);
            return EXIT_CONFIG;
        } finally {
            close();
        }
        try {
            rehearse(EngineUnit.split(director));
        } catch (RuntimeException e) { // what the engine would refuse at start
            log.error("the engine cannot run this configuration: " + message(e));
            return EXIT_CONFIG;
        }
        log.info("dry run: " + director.node().instances().size() + " VRRP instance(s) would run on "
                + String.join(", ", director.segmentByInterface().keySet()));
        director.notRun().forEach(n -> log.warn("not run: " + n));
        return EXIT_OK;
    }

    /**
     * SIGHUP: reads the file again and applies it unit by unit. An invalid new configuration is rejected and the
     * running one stays. Returns true when the new configuration is in force.
     */
    public synchronized boolean reload() {
        if (stopped.getCount() == 0 || loop == null) {
            return false;
        }
        DirectorSetup setup;
        try {
            setup = readConfig(options.configFile());
        } catch (ConfigProblem problem) {
            report(problem);
            log.error("reload rejected, still running the previous configuration");
            return false;
        }
        try {
            return loop.call(() -> {
                Loaded loaded;
                try {
                    loaded = new Loaded(setup, bind(setup));
                } catch (ConfigProblem | NetworkProblem problem) {
                    log.error(problem.getMessage());
                    log.error("reload rejected, still running the previous configuration");
                    return false;
                }
                return apply(loaded);
            }, ENGINE_CALL_TIMEOUT);
        } catch (Exception e) {
            log.error("reload failed: " + message(e));
            return false;
        }
    }

    /**
     * On the engine thread: makes the running units those of {@code loaded}. Sockets for new interfaces are opened
     * first, so a missing interface rejects the reload before anything was stopped.
     */
    private boolean apply(Loaded loaded) {
        List<EngineUnit> next = EngineUnit.split(loaded.director());
        ReloadPlan plan = ReloadPlan.between(units.values().stream().map(RunningUnit::config).toList(), next);
        Set<String> needed = new LinkedHashSet<>();
        next.forEach(u -> needed.addAll(u.interfaces()));
        Set<String> openedNow = new LinkedHashSet<>();
        // a VRRP group is joined only where some instance is multicast (keepalived's unicast_peer instances don't listen)
        Set<String> multicast4 = new HashSet<>();
        Set<String> ipv6 = new HashSet<>();
        Set<String> multicast6 = new HashSet<>();
        next.forEach(u -> u.node().instances().forEach(i -> {
            if (i.isIpv6()) {
                ipv6.add(i.interfaceName());
            }
            if (!i.isUnicast()) {
                (i.isIpv6() ? multicast6 : multicast4).add(i.interfaceName());
            }
        }));
        for (String iface : needed) {
            boolean wasOpen = network.openInterfaces().contains(iface);
            try {
                network.open(iface, new VrrpSockets.Listening(multicast4.contains(iface), ipv6.contains(iface), multicast6.contains(iface)),
                        this::handOver);
                if (!wasOpen) {
                    openedNow.add(iface);
                }
            } catch (IOException e) {
                openedNow.forEach(network::close);
                throw new IllegalStateException(iface + ": cannot open VRRP sockets: " + e.getMessage(), e);
            }
        }
        boolean starting = units.isEmpty();
        List<String> leaving = new ArrayList<>(plan.removed());
        plan.replaced().forEach(u -> leaving.add(u.name()));
        for (String name : leaving) {
            RunningUnit old = units.remove(name);
            old.node().shutdown(); // priority 0 if MASTER, VIPs removed (with the placements they were added with)
            old.node().rejectCounters().snapshot().forEach((reason, count) -> retiredRejections.merge(reason, count, Long::sum));
        }
        network.usePlacements(placementsByAddress(loaded.director()));
        notifier.useScripts(loaded.setup().instanceNotify(), loaded.setup().groupNotify(),
                scriptsRead != null ? scriptsRead.notifyAs() : Optional.empty());
        refusedScripts = scriptsRead != null ? scriptsRead.refused() : List.of();
        if (fifo != null) {
            fifo.useScript(loaded.setup().notifyFifoScript()); // started, kept, restarted or stopped off this thread
        }
        groupStates.use(loaded.director().node().syncGroups()); // after the leaving units said STOP to the old groups
        scripts.use(trackedScripts(loaded));
        Map<String, Boolean> scriptStates = scripts.states();
        trackFiles.use(trackedFiles(loaded));
        Map<String, Long> fileValues = trackFiles.values();
        Map<String, RunningUnit> kept = new HashMap<>(units);
        units.clear();
        for (EngineUnit unit : next) { // configuration order, for status and routing
            RunningUnit running = kept.get(unit.name());
            if (running == null) {
                VrrpNode node = new VrrpNode(unit.node(), new EngineIo(loop, loop, network, network));
                node.addListener(listener);
                linkUp.forEach(node::onLinkChange); // a unit started by a reload must know a link that is down already
                scriptStates.forEach(node::onScriptResult); // and a failing check (or init_fail) before its first advert
                fileValues.forEach(node::onFileValue); // and its track files' numbers
                running = new RunningUnit(unit, node);
                units.put(unit.name(), running);
                node.start();
            } else {
                units.put(unit.name(), running);
            }
        }
        nodeByRoute.clear();
        units.values().forEach(u -> u.config().routingKeys().forEach(k -> nodeByRoute.put(k, u.node())));
        instanceOrder = loaded.director().node().instances().stream().map(InstanceConfig::name).toList();
        network.openInterfaces().stream().filter(i -> !needed.contains(i)).forEach(network::close);
        if (!starting) {
            log.info(plan.changesNothing() ? "reload: configuration unchanged" : "reload: " + plan.summary());
            loaded.director().notRun().forEach(n -> log.warn("not run: " + n));
        }
        return true;
    }

    private static Map<InetAddress, VipPlacement> placementsByAddress(BoundDirector director) {
        Map<InetAddress, VipPlacement> byAddress = new HashMap<>();
        director.placements().values().forEach(list -> list.forEach(p -> byAddress.put(p.address(), p)));
        return byAddress;
    }

    /**
     * On a receive thread: queues the packet for the engine unless {@link #MAX_QUEUED_PACKETS} already wait. The
     * engine's timers share its queue, so an unbounded backlog (a flood of bogus adverts faster than the engine
     * judges them) would delay our own adverts and grow the heap without limit; a dropped packet is counted as
     * {@link RejectReason#ENGINE_BUSY}. The kernel drops the same way when a socket's buffer is full.
     */
    private void handOver(String interfaceName, byte[] packet) {
        if (queuedPackets.incrementAndGet() > MAX_QUEUED_PACKETS) {
            queuedPackets.decrementAndGet();
            busyDrops.incrementAndGet();
            return;
        }
        loop.post(() -> {
            queuedPackets.decrementAndGet();
            onPacket(interfaceName, packet);
        });
    }

    /** On the engine thread: the node that owns the packet's VRID judges it; anything else is counted by the first. */
    private void onPacket(String interfaceName, byte[] packet) {
        VrrpNode node = PacketRouting.key(interfaceName, packet).map(nodeByRoute::get).orElse(null);
        if (node == null && !units.isEmpty()) {
            node = units.values().iterator().next().node(); // it rejects and counts: unknown VRID or malformed
        }
        if (node != null) {
            node.onPacket(interfaceName, packet);
        }
    }

    private void onNetworkEvent(NetworkEvent event) {
        switch (event) {
            case NetworkEvent.LinkChanged changed -> post(changed.link().name(), changed.link().usable());
            case NetworkEvent.LinkRemoved removed -> post(removed.link().name(), false);
            case NetworkEvent.Resynchronized snapshot -> snapshot.links().forEach(link -> post(link.name(), link.usable()));
            case NetworkEvent.Failed failed -> log.warn("link monitor: " + failed.cause().getMessage());
            default -> {
                // address events: the engine owns the VIPs it adds; others' changes are not its business
            }
        }
    }

    private void post(String link, boolean usable) {
        loop.post(() -> {
            Boolean before = linkUp.put(link, usable);
            if (before == null || before != usable) {
                units.values().forEach(u -> u.node().onLinkChange(link, usable));
            }
        });
    }

    // ---- status and metrics, built on the engine thread so they are one consistent moment

    private List<InstanceStatus> statuses() {
        List<InstanceStatus> all = new ArrayList<>();
        units.values().forEach(u -> all.addAll(u.node().status()));
        all.sort((a, b) -> Integer.compare(instanceOrder.indexOf(a.name()), instanceOrder.indexOf(b.name())));
        return all;
    }

    private List<InstanceConfig> instanceConfigs() {
        List<InstanceConfig> all = new ArrayList<>();
        units.values().forEach(u -> all.addAll(u.node().config().instances()));
        return all;
    }

    private Map<RejectReason, Long> rejections() {
        Map<RejectReason, Long> all = new EnumMap<>(retiredRejections);
        units.values().forEach(u -> u.node().rejectCounters().snapshot().forEach((r, n) -> all.merge(r, n, Long::sum)));
        all.merge(RejectReason.ENGINE_BUSY, busyDrops.get(), Long::sum);
        all.values().removeIf(n -> n == 0);
        return all;
    }

    /** Every instance's state, from the engine thread (empty when it does not answer within two seconds). */
    List<InstanceStatus> instanceStatuses() {
        try {
            return loop.call(this::statuses, Duration.ofSeconds(2));
        } catch (Exception e) {
            return List.of();
        }
    }

    /** The status as JSON or as a table. */
    String status(boolean json) {
        try {
            return loop.call(() -> json
                    ? StatusJson.of(loop.now(), statuses(), instanceConfigs(), network.packetsSent(), network.packetsReceived(),
                            rejections(), List.copyOf(recent), refusedScripts)
                    : StatusJson.text(statuses(), instanceConfigs(), network.packetsSent(), network.packetsReceived(),
                            rejections().values().stream().mapToLong(Long::longValue).sum(), refusedScripts), Duration.ofSeconds(2));
        } catch (Exception e) {
            return json ? "{\"error\":" + StatusJson.string("status unavailable: " + message(e)) + "}\n"
                    : "status unavailable: " + message(e) + "\n";
        }
    }

    String metrics() {
        try {
            return loop.call(() -> PrometheusText.of(statuses(), network.packetsSent(), network.packetsReceived(), rejections(),
                    Map.copyOf(transitionsByInstance)) + PrometheusText.scriptsRefused(refusedScripts.size()), Duration.ofSeconds(2));
        } catch (Exception e) {
            return "# status unavailable: " + message(e) + "\n";
        }
    }

    /** The port the metrics endpoint listens on, when it was asked for. */
    public OptionalInt metricsPort() {
        return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.port());
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
            if (scripts != null) {
                scripts.close(); // no check result may reach an instance that is stopping
            }
            if (trackFiles != null) {
                trackFiles.close();
            }
            if (loop != null) {
                loop.call(() -> {
                    units.values().forEach(u -> u.node().shutdown());
                    return null;
                }, Duration.ofSeconds(3));
                log.info("stopped: priority 0 sent for MASTER instances, VIPs removed");
            }
        } catch (Exception e) {
            log.warn("clean stop incomplete: " + message(e));
        } finally {
            close();
            stopped.countDown();
        }
    }

    private void close() {
        for (AutoCloseable part : new AutoCloseable[] {scripts, trackFiles, metrics, status, monitor, network, loop, notifier, fifo, netlink}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    log.debug("closing " + part.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }

    // ---- configuration

    /** The file as this director's setup; its warnings are logged, its errors refuse it. */
    private DirectorSetup readConfig(Path configFile) throws ConfigProblem {
        ConfigBinding.Reading reading;
        try {
            reading = ConfigBinding.read(new ConfigParser().parse(configFile), DIRECTOR);
        } catch (BindingException e) {
            throw new ConfigProblem(e.getMessage(), List.of());
        }
        if (reading.setup().isEmpty()) {
            throw new ConfigProblem(configFile + ": the config has errors", reading.errors());
        }
        reading.warnings().forEach(d -> log.warn(d.format()));
        // keepalived's script_user / keepalived_script / enable_script_security, judged on this host at every read
        ScriptPolicy.Outcome scripts = ScriptPolicy.apply(reading.setup().get(), ScriptPolicy.HOST);
        scripts.warnings().forEach(log::warn);
        scripts.refused().forEach(r -> log.warn("script refused: " + r));
        scriptsRead = scripts;
        return scripts.setup();
    }

    /**
     * Binds the setup to this host: every instance's interface must exist and have the primary address its instances
     * send from: an IPv4 address of its own for IPv4 instances, a link-local IPv6 address for IPv6 ones.
     */
    /**
     * The takeover rule this director runs (issue 18): the option's, except that {@code pair} becomes
     * {@code ordered} when the file itself names more than one peer for an instance (unicast), since then
     * there is more than one possible backup. The engine also turns pair into ordered for a group once it hears
     * two different masters on one member.
     */
    private BoundDirector withGroupTakeover(BoundDirector bound) {
        GroupTakeover mode = options.groupTakeover();
        if (mode == GroupTakeover.PAIR && bound.node().instances().stream().anyMatch(i -> i.unicastPeers().size() > 1)) {
            if (!groupTakeoverLogged) {
                log.info("group takeover: ordered (an instance lists more than one unicast peer)");
            }
            mode = GroupTakeover.ORDERED;
        } else if (!groupTakeoverLogged) {
            log.info("group takeover: " + mode.optionValue());
        }
        groupTakeoverLogged = true;
        return new BoundDirector(bound.node().withGroupTakeover(mode), bound.segmentByInterface(), bound.notRun(), bound.placements());
    }

    private BoundDirector bind(DirectorSetup setup) throws ConfigProblem, NetworkProblem {
        List<InetAddress> vips = setup.instances().stream().flatMap(i -> i.virtualAddresses().stream()).toList();
        List<String> unusable = new ArrayList<>();
        try {
            BoundDirector bound = setup.bind(new InterfaceAddresses() {
                @Override
                public Optional<Inet4Address> primaryIpv4(String name) {
                    var address = HostQueries.primaryIpv4(netlink, name, vips);
                    if (address.isEmpty()) {
                        unusable.add(name + " is missing or has no IPv4 address of its own");
                    }
                    return address;
                }

                @Override
                public Optional<Inet6Address> linkLocalIpv6(String name) {
                    var address = HostQueries.linkLocalIpv6(netlink, name);
                    if (address.isEmpty()) {
                        unusable.add(name + " has no IPv6 link-local address (IPv6 instances send from it)");
                    }
                    return address;
                }
            });
            HostQueries.unicastWarnings(netlink, bound.node().instances()).forEach(log::warn);
            return withGroupTakeover(bound);
        } catch (BindingException e) {
            if (!unusable.isEmpty()) {
                throw new NetworkProblem("interface " + unusable.getFirst());
            }
            throw new ConfigProblem(e.getMessage(), List.of());
        }
    }

    /**
     * The {@code vrrp_script}s the bound instances track, as they run. A script written other than as one command
     * line (kept as text) cannot run: said once, and it counts as OK, as it would for the engine without results.
     */
    private Map<String, ScriptTracker.Definition> trackedScripts(Loaded loaded) {
        Set<String> tracked = new HashSet<>();
        loaded.director().node().instances().forEach(i -> i.tracks().forEach(t -> {
            if (t instanceof TrackConfig.Script script) {
                tracked.add(script.name());
            }
        }));
        Map<String, ScriptTracker.Definition> definitions = new HashMap<>();
        for (CheckScript script : loaded.setup().checkScripts()) {
            if (tracked.contains(script.name()) && !definitions.containsKey(script.name())) {
                ScriptTracker.Definition.of(script).ifPresentOrElse(d -> definitions.put(d.name(), d),
                        () -> log.warn("not run: vrrp_script " + script.name() + " has no single script line; it counts as OK"));
            }
        }
        return definitions;
    }

    /** The track_file blocks the bound instances track (the validator has made sure each names a file). */
    private static Map<String, TrackFileWatcher.Definition> trackedFiles(Loaded loaded) {
        Set<String> tracked = new HashSet<>();
        loaded.director().node().instances().forEach(i -> i.tracks().forEach(t -> {
            if (t instanceof TrackConfig.File file) {
                tracked.add(file.name());
            }
        }));
        Map<String, TrackFileWatcher.Definition> definitions = new HashMap<>();
        for (TrackFileSettings block : loaded.setup().trackFiles()) {
            if (tracked.contains(block.name()) && block.file().isPresent()) {
                definitions.putIfAbsent(block.name(), TrackFileWatcher.Definition.of(block));
            }
        }
        return definitions;
    }

    private void report(ConfigProblem problem) {
        problem.diagnostics.forEach(d -> log.error(d.format()));
        log.error(problem.getMessage());
    }

    static String message(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "the engine thread did not finish applying the configuration within " + ENGINE_CALL_TIMEOUT.toSeconds() + " s";
        }
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.ExecutionException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
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

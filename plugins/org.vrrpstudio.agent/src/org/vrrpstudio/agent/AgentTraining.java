package org.vrrpstudio.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vrrpstudio.agent.linux.Ipv4InterfaceAddress;
import org.vrrpstudio.agent.linux.LinkInfo;
import org.vrrpstudio.agent.linux.Netlink;
import org.vrrpstudio.vrrp.engine.InstanceStatus;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * The training run of the launcher's ahead-of-time cache (issue 18, start to first advert): a real start, in a network
 * namespace of its own that the launcher made with {@code unshare -n}. The JVM caches the classes, lambdas and method
 * profiles a run used; a {@code --dry-run} only reads and binds the file, so a start still linked the sockets, the
 * engine's transitions, the sends and the address changes itself (about 40 ms of CPU measured).
 *
 * <p>Nothing here can reach the director's network: it refuses to run unless the namespace holds no interface but
 * {@code lo}, then builds two veth pairs and runs a built-in configuration on them (AH and PASS, a sync group, an address
 * owner): the user's file may name notify scripts, which a training run must not start. The user's file is only read
 * (the dry run, as before), so the cache holds the reading of what it contains too.
 *
 * <p>{@code java -XX:AOTCacheOutput=... -cp ... org.vrrpstudio.agent.AgentTraining [-f keepalived.conf]}; exit 0 when
 * the run went as planned, 2 when the namespace is not empty, 1 when the start failed (the launcher then trains with a
 * dry run instead).
 */
public final class AgentTraining {

    /** The interfaces of {@link #CONFIG}; each gets a veth peer (named with a trailing "p") so its carrier is up. */
    static final List<String> INTERFACES = List.of("vstrain0", "vstrain1");

    /** Runs as a director would: every path a start takes before its adverts, in both of the case study's roles. */
    static final String CONFIG = """
            ! VRRP Studio agent: the training run of the ahead-of-time cache, in a private network namespace
            global_defs {
                router_id training
            }
            vrrp_sync_group VG1 {
                group {
                    VI_1
                    VI_2
                }
            }
            vrrp_instance VI_1 {
                state MASTER
                interface vstrain0
                virtual_router_id 51
                priority 150
                advert_int 1
                authentication {
                    auth_type AH
                    auth_pass training
                }
                virtual_ipaddress {
                    192.0.2.10/24 dev vstrain0
                }
            }
            vrrp_instance VI_2 {
                state MASTER
                interface vstrain1
                virtual_router_id 52
                priority 150
                advert_int 1
                authentication {
                    auth_type AH
                    auth_pass training
                }
                virtual_ipaddress {
                    198.51.100.10/24 dev vstrain1
                }
            }
            vrrp_instance VI_3 {
                state MASTER
                interface vstrain0
                virtual_router_id 53
                priority 255
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass training
                }
                virtual_ipaddress {
                    192.0.2.11
                }
            }
            vrrp_instance VI_4 {
                state BACKUP
                interface vstrain1
                virtual_router_id 54
                priority 100
                advert_int 1
                virtual_ipaddress {
                    198.51.100.11
                }
            }
            """;

    /** Three advert intervals and the skew take a BACKUP to MASTER; past this, something is wrong: stop anyway. */
    private static final Duration LONGEST = Duration.ofSeconds(8);

    private AgentTraining() {
    }

    public static void main(String[] args) {
        Optional<Path> userFile = args.length == 2 && (args[0].equals("-f") || args[0].equals("--use-file"))
                ? Optional.of(Path.of(args[1])) : Optional.empty();
        if (args.length != 0 && userFile.isEmpty()) {
            System.err.println("usage: AgentTraining [-f keepalived.conf]   (in a network namespace of its own)");
            System.exit(Agent.EXIT_USAGE);
        }
        System.exit(run(userFile, System.err));
    }

    static int run(Optional<Path> userFile, PrintStream log) {
        try (Netlink netlink = Netlink.open()) {
            List<String> others = netlink.links().stream().map(LinkInfo::name).filter(n -> !n.equals("lo")).toList();
            if (!others.isEmpty()) {
                log.println("training: refused, this network namespace has interfaces " + others
                        + " (the launcher runs it under unshare -n, where only lo exists)");
                return Agent.EXIT_USAGE;
            }
            buildNetwork(netlink);
        } catch (IOException | RuntimeException e) {
            log.println("training: cannot build its network: " + Agent.message(e));
            return Agent.EXIT_NETWORK;
        }
        // the user's file: read and bound (its interfaces are not here, which the dry run reports), never run
        userFile.filter(Files::isReadable).ifPresent(file -> new Agent(dryRun(file), new PrintStream(OutputStream.nullOutputStream())).dryRun());
        return runBuiltIn(log);
    }

    private static void buildNetwork(Netlink netlink) throws IOException {
        netlink.setLinkUp(netlink.interfaceIndex("lo"), true);
        int subnet = 0;
        for (String name : INTERFACES) {
            netlink.addVethPair(name, name + "p");
            netlink.setLinkUp(netlink.interfaceIndex(name + "p"), true);
            int ifindex = netlink.interfaceIndex(name);
            Inet4Address own = (Inet4Address) InetAddress.ofLiteral(subnet++ == 0 ? "192.0.2.1" : "198.51.100.1");
            netlink.addAddress(Ipv4InterfaceAddress.of(ifindex, own, 24));
            netlink.setLinkUp(ifindex, true);
        }
    }

    private static int runBuiltIn(PrintStream log) {
        Path config;
        try {
            config = Files.createTempFile("vrrpstudio-training", ".conf",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(config, CONFIG);
        } catch (IOException e) {
            log.println("training: cannot write its configuration: " + Agent.message(e));
            return Agent.EXIT_CONFIG;
        }
        try {
            Agent agent = new Agent(new AgentOptions(config, Optional.empty(), Optional.empty(), OptionalInt.empty(), false),
                    log);
            int started = agent.start();
            if (started != Agent.EXIT_OK) {
                return started;
            }
            try {
                long deadline = System.nanoTime() + LONGEST.toNanos();
                while (!allMaster(agent) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                agent.status(true);   // what the console and `status` ask
                agent.metrics();
                boolean done = allMaster(agent);
                log.println("training: " + (done ? "every instance became MASTER" : "not every instance became MASTER"));
                return done ? Agent.EXIT_OK : Agent.EXIT_CONFIG;
            } finally {
                agent.stop();   // the clean stop: priority 0, VIPs removed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Agent.EXIT_CONFIG;
        } finally {
            try {
                Files.deleteIfExists(config);
            } catch (IOException ignored) {
                // a temporary file of a namespace-private run: nothing depends on it
            }
        }
    }

    private static boolean allMaster(Agent agent) {
        List<InstanceStatus> statuses = agent.instanceStatuses();
        return !statuses.isEmpty() && statuses.stream().allMatch(s -> s.state() == VrrpState.MASTER);
    }

    private static AgentOptions dryRun(Path file) {
        return new AgentOptions(file, Optional.empty(), Optional.empty(), OptionalInt.empty(), false, true);
    }
}

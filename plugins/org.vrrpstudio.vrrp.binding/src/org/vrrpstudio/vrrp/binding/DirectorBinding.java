package org.vrrpstudio.vrrp.binding;

import java.math.BigDecimal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vrrpstudio.cluster.TrackFileBlock;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.Track;
import org.vrrpstudio.model.TrackFile;
import org.vrrpstudio.model.TrackInterface;
import org.vrrpstudio.model.TrackScript;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.StartState;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;
import org.vrrpstudio.vrrp.config.TrackConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;

/**
 * Cluster model + director name → the engine's configuration for that director: its priority, initial state and
 * interface for every instance, the shared definitions (vrid, advert interval, auth, VIPs, tracking), its sync
 * groups. Used by the agent (one director, real interfaces) and the what-if simulation (every director).
 */
public final class DirectorBinding {

    private static final List<String> TRACK_KEYWORDS = List.of("track_interface", "track_script", "track_file");

    private DirectorBinding() {
    }

    public static BoundDirector bind(Cluster cluster, String directorName, InterfaceAddresses addresses)
            throws BindingException {
        Director director = cluster.getDirectors().stream().filter(d -> directorName.equals(d.getName())).findFirst()
                .orElseThrow(() -> new BindingException("the cluster has no director '" + directorName + "'"));
        List<InstanceConfig> instances = new ArrayList<>();
        Map<String, String> segmentByInterface = new LinkedHashMap<>();
        List<String> notRun = new ArrayList<>();
        Map<String, List<VipPlacement>> placements = new LinkedHashMap<>();
        Map<String, TrackFileBlock> trackFiles = new LinkedHashMap<>();
        TrackFileBlock.of(cluster).forEach(block -> trackFiles.putIfAbsent(block.name(), block));
        for (DirectorInstance settings : director.getInstanceSettings()) {
            VrrpInstance instance = settings.getInstance();
            String physical = settings.getInterfaceOverride() != null ? settings.getInterfaceOverride() : instance.getInterface();
            if (physical == null) {
                throw new BindingException(where(director, instance) + ": no interface");
            }
            segmentByInterface.putIfAbsent(physical, instance.getInterface() != null ? instance.getInterface() : physical);
            instances.add(instance(director, instance, settings, physical, trackFiles, notRun));
            List<VipPlacement> vips = new ArrayList<>();
            for (VirtualAddress vip : instance.getVirtualAddresses()) {
                vips.add(placement(vip, where(director, instance), notRun));
            }
            placements.put(instance.getName(), vips);
        }
        List<InterfaceConfig> interfaces = new ArrayList<>();
        for (String name : segmentByInterface.keySet()) {
            // each family's instances send from that family's primary address, which the interface must have
            Optional<InstanceConfig> ipv4 = instances.stream().filter(i -> !i.isIpv6() && i.interfaceName().equals(name)).findFirst();
            Optional<InstanceConfig> ipv6 = instances.stream().filter(i -> i.isIpv6() && i.interfaceName().equals(name)).findFirst();
            Optional<Inet4Address> primary = Optional.empty();
            if (ipv4.isPresent()) {
                primary = Optional.of(addresses.primaryIpv4(name).orElseThrow(() -> new BindingException(
                        "director " + director.getName() + ": interface " + name + " has no IPv4 address")));
            }
            Optional<Inet6Address> linkLocal = Optional.empty();
            if (ipv6.isPresent()) {
                linkLocal = Optional.of(addresses.linkLocalIpv6(name).orElseThrow(() -> new BindingException("director "
                        + director.getName() + ": interface " + name + " has no IPv6 link-local address (needed by IPv6 instance "
                        + ipv6.get().name() + ")")));
            }
            interfaces.add(new InterfaceConfig(name, primary, linkLocal));
        }
        List<String> bound = instances.stream().map(InstanceConfig::name).toList();
        List<SyncGroupConfig> groups = new ArrayList<>();
        for (SyncGroup group : cluster.getSyncGroups()) {
            List<String> members = group.getInstances().stream().map(VrrpInstance::getName).filter(bound::contains).toList();
            if (!members.isEmpty()) {
                groups.add(new SyncGroupConfig(group.getName(), members));
                group.getOpaqueStatements().stream().map(o -> o.getKeyword()).filter(TRACK_KEYWORDS::contains)
                        .forEach(k -> notRun.add("vrrp_sync_group " + group.getName() + ": " + k + " is not tracked"));
            }
        }
        try {
            return new BoundDirector(new NodeConfig(director.getName(), interfaces, instances, groups), segmentByInterface, notRun,
                    placements);
        } catch (IllegalArgumentException e) { // the engine's own consistency checks, already worded for the user
            throw new BindingException(e.getMessage());
        }
    }

    private static InstanceConfig instance(Director director, VrrpInstance instance, DirectorInstance settings,
            String physical, Map<String, TrackFileBlock> trackFiles, List<String> notRun) throws BindingException {
        String where = where(director, instance);
        InstanceConfig.Builder builder = InstanceConfig.builder(instance.getName(), physical, instance.getVrid())
                .version(instance.getVersion() != null && instance.getVersion() == 3 ? VrrpVersion.V3 : VrrpVersion.V2)
                .priority(settings.getPriority())
                .startState(settings.getInitialState() == InitialState.MASTER ? StartState.MASTER : StartState.BACKUP)
                .preempt(!instance.isNopreempt())
                .auth(auth(instance.getAuthentication(), where));
        BigDecimal interval = instance.getAdvertInterval();
        if (interval != null) {
            builder.advertInterval(Duration.ofMillis(interval.movePointRight(3).longValue()));
        }
        if (instance.getPreemptDelay() != null) {
            builder.preemptDelay(Duration.ofSeconds(instance.getPreemptDelay()));
        }
        for (VirtualAddress vip : instance.getVirtualAddresses()) {
            builder.virtualAddress(address(vip.getAddress(), where));
        }
        for (Track track : instance.getTracks()) {
            builder.track(track(track, where, trackFiles));
        }
        // a track block with options the model does not hold is kept as text: not tracked
        instance.getOpaqueStatements().stream().map(o -> o.getKeyword()).filter(TRACK_KEYWORDS::contains)
                .forEach(k -> notRun.add(where + ": " + k + " block with options kept as text is not tracked"));
        // a unicast_peer block the model keeps as text (per-peer options such as min_ttl): running the instance as
        // multicast instead would split the brain, so refuse it
        if (instance.getOpaqueStatements().stream().anyMatch(o -> "unicast_peer".equals(o.getKeyword())
                || "unicast_src_ip".equals(o.getKeyword()))) {
            throw new BindingException(where + ": unicast_peer with per-peer options (or an unusual unicast_src_ip) "
                    + "is not supported yet; list bare peer addresses");
        }
        // keepalived's unicast_src_ip is also the source of multicast adverts when no unicast_peer is given
        if (settings.getUnicastSrcIp() != null) {
            builder.sourceAddress(ip(settings.getUnicastSrcIp(), where, "unicast_src_ip"));
        }
        for (String peer : settings.getUnicastPeers()) {
            builder.unicastPeer(ip(peer, where, "unicast_peer"));
        }
        if (!instance.getVirtualRoutes().isEmpty()) {
            notRun.add(where + ": virtual_routes are not installed");
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": " + e.getMessage());
        }
    }

    private static VipPlacement placement(VirtualAddress vip, String where, List<String> notRun) throws BindingException {
        InetAddress address = address(vip.getAddress(), where);
        int prefix = vip.getPrefix() != null ? vip.getPrefix() : address instanceof Inet4Address ? 32 : 128;
        Optional<InetAddress> broadcast = Optional.empty();
        if (vip.getBrd() != null) {
            broadcast = Optional.of(address(vip.getBrd(), where));
        }
        if (!vip.getOptions().isEmpty()) {
            notRun.add(where + ": virtual address " + vip.getAddress() + ": options " + String.join(" ", vip.getOptions())
                    + " are not applied");
        }
        try {
            return new VipPlacement(address, prefix, Optional.ofNullable(vip.getDevice()), broadcast,
                    Optional.ofNullable(vip.getScope()), Optional.ofNullable(vip.getLabel()));
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": " + e.getMessage());
        }
    }

    private static AuthConfig auth(Authentication auth, String where) throws BindingException {
        if (auth == null || auth.getType() == AuthType.NONE) {
            return AuthConfig.none();
        }
        String secret = auth.getSecret();
        if (secret == null || secret.isEmpty()) {
            throw new BindingException(where + ": auth_type " + auth.getType() + " without auth_pass (secret not loaded?)");
        }
        return auth.getType() == AuthType.AH ? AuthConfig.ah(secret) : AuthConfig.password(secret);
    }

    private static TrackConfig track(Track track, String where, Map<String, TrackFileBlock> trackFiles) throws BindingException {
        int weight = track.getWeight() == null ? 0 : track.getWeight();
        try {
            return switch (track) {
                case TrackInterface t -> new TrackConfig.Interface(t.getInterfaceName(), weight, t.isReverse());
                case TrackScript t -> new TrackConfig.Script(t.getScript().getName(),
                        track.getWeight() != null || t.getScript().getWeight() == null ? weight : t.getScript().getWeight(),
                        t.isReverse());
                case TrackFile t -> trackFile(t, where, trackFiles);
                default -> throw new BindingException(where + ": unsupported track " + track.eClass().getName());
            };
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": " + e.getMessage());
        }
    }

    /**
     * keepalived.conf(5): an instance's track_file weight defaults to the weight of the track_file block (itself 1 by
     * default), reverse included; a weight given on the instance line (with its own reverse or not) replaces both.
     */
    private static TrackConfig.File trackFile(TrackFile track, String where, Map<String, TrackFileBlock> trackFiles)
            throws BindingException {
        if (track.getWeight() != null) {
            return new TrackConfig.File(track.getFileName(), track.getWeight(), track.isReverse());
        }
        TrackFileBlock block = trackFiles.get(track.getFileName());
        if (block == null) {
            throw new BindingException(where + ": track_file " + track.getFileName() + " names no track_file block");
        }
        return new TrackConfig.File(track.getFileName(), block.weight(), block.reverse() || track.isReverse());
    }

    private static InetAddress address(String text, String where) throws BindingException {
        String literal = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": virtual address '" + text + "' is not an IP address");
        }
    }

    private static InetAddress ip(String text, String where, String keyword) throws BindingException {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": " + keyword + " '" + text + "' is not an IP address");
        }
    }

    private static String where(Director director, VrrpInstance instance) {
        return "director " + director.getName() + ", vrrp_instance " + instance.getName();
    }
}

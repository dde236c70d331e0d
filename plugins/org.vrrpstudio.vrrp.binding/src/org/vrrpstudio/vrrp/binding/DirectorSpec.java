package org.vrrpstudio.vrrp.binding;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vrrpstudio.config.AdvertInterval;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.TrackFileSettings;
import org.vrrpstudio.config.TrackLine;
import org.vrrpstudio.config.VrrpInstanceSpec;
import org.vrrpstudio.vrrp.config.TtlRange;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.StartState;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;
import org.vrrpstudio.vrrp.config.TrackConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;

/**
 * One director's configuration as written, without the EMF model: what the simulation's {@code DirectorBinding} reads from the cluster
 * model and {@link ConfigBinding} reads straight from keepalived.conf. Both hand it to {@link #setup()}, so the step
 * into the engine's terms is one piece of code. Fields that may be {@code null} mean "not written", as in the model.
 *
 * @param defaultVersion {@code global_defs { vrrp_version }}, 2 unless it says 3
 */
public record DirectorSpec(String director, int defaultVersion, List<Instance> instances, List<Group> groups,
        List<CheckScript> scripts, List<TrackFileSettings> trackFiles, Optional<String> notifyFifo,
        Optional<NotifyFifoScript> notifyFifoScript, ScriptSecurity scriptSecurity) {

    /** Track blocks the engine cannot run when they are kept as text (options the model does not hold). */
    public static final List<String> TRACK_KEYWORDS = List.of("track_interface", "track_script", "track_file");

    /**
     * @param physicalInterface the interface on this director (the model may override the shared one)
     * @param authType          {@code PASS}, {@code AH} or {@code null} (none)
     * @param opaqueKeywords    keywords of the statements kept as text
     * @param peerTtl           {@code min_ttl}/{@code max_ttl} by peer address, for the peers that give them
     * @param unicastTtl        {@code unicast_ttl}, or null (255)
     */
    public record Instance(String name, String logicalInterface, String physicalInterface, int vrid, Integer version, int priority,
            boolean startMaster, boolean nopreempt, AdvertInterval advertInterval, Integer preemptDelay, String authType,
            String authSecret, List<Vip> vips, List<Track> tracks, List<String> opaqueKeywords, String unicastSrcIp,
            List<String> unicastPeers, boolean hasVirtualRoutes, NotifyScripts notifyScripts,
            java.util.Map<String, TtlRange> peerTtl, Integer unicastTtl) {
    }

    /** A unicast_peer block's per-peer TTL ranges, as config read them, in the engine's terms. */
    public static Map<String, TtlRange> ttlRanges(Map<String, VrrpInstanceSpec.TtlBounds> bounds) {
        Map<String, TtlRange> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, VrrpInstanceSpec.TtlBounds> peer : bounds.entrySet()) {
            ranges.put(peer.getKey(), new TtlRange(peer.getValue().min(), peer.getValue().max()));
        }
        return ranges;
    }

    /** {@code ADDRESS[/PREFIX] [brd B] [dev D] [scope S] [label L] [other options]} */
    public record Vip(String address, Integer prefix, String brd, String device, String scope, String label, List<String> options) {
    }

    public enum TrackKind { INTERFACE, SCRIPT, FILE }

    /** A line of a track block: {@code NAME [weight W] [reverse]}. */
    public record Track(TrackKind kind, String name, Integer weight, boolean reverse) {
    }

    /**
     * @param tracks the group's own track lines: keepalived tracks them for every member (a failure puts the member,
     *               and with it the group, in FAULT; weights count only with sync_group_tracking_weight)
     */
    public record Group(String name, List<String> members, List<Track> tracks, List<String> opaqueKeywords, NotifyScripts notifyScripts) {
    }

    /**
     * The lines of a {@code track_interface|track_script|track_file} block; empty when a line has another option or a
     * block of its own (then the block is kept as text and not tracked).
     */
    public static Optional<List<Track>> trackBlock(ResolvedStatement block) {
        TrackKind kind = trackKind(block.keyword());
        return TrackLine.block(block).map(lines -> lines.stream()
                .map(line -> new Track(kind, line.name(), line.weight(), line.reverse())).toList());
    }

    /** The kind of a {@code track_interface|track_script|track_file} block. */
    public static TrackKind trackKind(String keyword) {
        return switch (keyword) {
            case "track_interface" -> TrackKind.INTERFACE;
            case "track_script" -> TrackKind.SCRIPT;
            case "track_file" -> TrackKind.FILE;
            default -> throw new IllegalArgumentException("not a track block: " + keyword);
        };
    }

    /** Into the engine's terms; a value the engine cannot run is an error naming the director, instance and value. */
    public DirectorSetup setup() throws BindingException {
        Map<String, TrackFileSettings> trackFilesByName = new LinkedHashMap<>();
        trackFiles.forEach(block -> trackFilesByName.putIfAbsent(block.name(), block));
        Map<String, CheckScript> scriptsByName = new LinkedHashMap<>();
        scripts.forEach(script -> scriptsByName.putIfAbsent(script.name(), script));
        List<InstanceConfig> configs = new ArrayList<>();
        Map<String, String> segmentByInterface = new LinkedHashMap<>();
        List<String> notRun = new ArrayList<>();
        Map<String, List<VipPlacement>> placements = new LinkedHashMap<>();
        Map<String, NotifyScripts> instanceNotify = new LinkedHashMap<>();
        Map<String, List<Track>> groupTracksByMember = new LinkedHashMap<>();
        for (Group group : groups) {
            group.members().forEach(member -> groupTracksByMember.computeIfAbsent(member, m -> new ArrayList<>()).addAll(group.tracks()));
        }
        for (Instance instance : instances) {
            String where = where(instance);
            if (instance.physicalInterface() == null) {
                throw new BindingException(where + ": no interface");
            }
            segmentByInterface.putIfAbsent(instance.physicalInterface(),
                    instance.logicalInterface() != null ? instance.logicalInterface() : instance.physicalInterface());
            configs.add(instanceConfig(instance, groupTracksByMember.getOrDefault(instance.name(), List.of()), where, trackFilesByName,
                    scriptsByName, notRun));
            List<VipPlacement> vips = new ArrayList<>();
            for (Vip vip : instance.vips()) {
                vips.add(placement(vip, where, notRun));
            }
            placements.put(instance.name(), vips);
            instanceNotify.put(instance.name(), instance.notifyScripts());
        }
        List<String> bound = configs.stream().map(InstanceConfig::name).toList();
        List<SyncGroupConfig> syncGroups = new ArrayList<>();
        Map<String, NotifyScripts> groupNotify = new LinkedHashMap<>();
        for (Group group : groups) {
            List<String> members = group.members().stream().filter(bound::contains).toList();
            if (!members.isEmpty()) {
                // keepalived counts member track weights in a group only with sync_group_tracking_weight
                syncGroups.add(new SyncGroupConfig(group.name(), members,
                        group.opaqueKeywords().contains("sync_group_tracking_weight")));
                group.opaqueKeywords().stream().filter(TRACK_KEYWORDS::contains)
                        .forEach(k -> notRun.add("vrrp_sync_group " + group.name() + ": " + k + " block with options kept as text is not tracked"));
            }
            groupNotify.put(group.name(), group.notifyScripts());
        }
        return new DirectorSetup(director, configs, segmentByInterface, syncGroups, notRun, placements, instanceNotify,
                groupNotify, scripts, trackFiles, notifyFifo, notifyFifoScript, scriptSecurity);
    }

    private InstanceConfig instanceConfig(Instance instance, List<Track> groupTracks, String where,
            Map<String, TrackFileSettings> trackFilesByName, Map<String, CheckScript> scriptsByName, List<String> notRun)
            throws BindingException {
        boolean v3 = (instance.version() != null ? instance.version() : defaultVersion) == 3;
        InstanceConfig.Builder builder = InstanceConfig.builder(instance.name(), instance.physicalInterface(), instance.vrid())
                .version(v3 ? VrrpVersion.V3 : VrrpVersion.V2)
                .priority(instance.priority())
                .startState(instance.startMaster() ? StartState.MASTER : StartState.BACKUP)
                .preempt(!instance.nopreempt())
                // VRRPv3 has no authentication: keepalived ignores the block there (the validator warns)
                .auth(v3 ? AuthConfig.none() : auth(instance, where));
        if (instance.advertInterval() != null) {
            builder.advertInterval(Duration.ofMillis(instance.advertInterval().millis()));
        }
        if (instance.preemptDelay() != null) {
            builder.preemptDelay(Duration.ofSeconds(instance.preemptDelay()));
        }
        for (Vip vip : instance.vips()) {
            builder.virtualAddress(address(vip.address(), where));
        }
        for (Track track : instance.tracks()) {
            builder.track(track(track, where, trackFilesByName, scriptsByName));
        }
        for (Track track : groupTracks) {
            builder.track(track(track, where + " (its sync group's track)", trackFilesByName, scriptsByName));
        }
        instance.opaqueKeywords().stream().filter(TRACK_KEYWORDS::contains)
                .forEach(k -> notRun.add(where + ": " + k + " block with options kept as text is not tracked"));
        // a unicast_peer block kept as text (per-peer options such as min_ttl): running the instance as multicast
        // instead would split the brain, so refuse it
        if (instance.opaqueKeywords().contains("unicast_peer") || instance.opaqueKeywords().contains("unicast_src_ip")) {
            throw new BindingException(where + ": unicast_peer with per-peer options (or an unusual unicast_src_ip) "
                    + "is not supported yet; list bare peer addresses");
        }
        // keepalived's unicast_src_ip is also the source of multicast adverts when no unicast_peer is given
        if (instance.unicastSrcIp() != null) {
            builder.sourceAddress(ip(instance.unicastSrcIp(), where, "unicast_src_ip"));
        }
        for (String peer : instance.unicastPeers()) {
            builder.unicastPeer(ip(peer, where, "unicast_peer"));
        }
        for (var range : instance.peerTtl().entrySet()) {
            builder.peerTtl(ip(range.getKey(), where, "unicast_peer"), range.getValue());
        }
        if (instance.unicastTtl() != null) {
            builder.unicastTtl(instance.unicastTtl());
            if (instance.unicastSrcIp() != null && instance.unicastSrcIp().contains(":")) {
                notRun.add(where + ": unicast_ttl is not applied to IPv6 adverts (they leave with the hop limit 255)");
            }
        }
        if (instance.hasVirtualRoutes()) {
            notRun.add(where + ": virtual_routes are not installed");
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": " + e.getMessage());
        }
    }

    private static VipPlacement placement(Vip vip, String where, List<String> notRun) throws BindingException {
        InetAddress address = address(vip.address(), where);
        int prefix = vip.prefix() != null ? vip.prefix() : address instanceof Inet4Address ? 32 : 128;
        Optional<InetAddress> broadcast = Optional.empty();
        if (vip.brd() != null) {
            broadcast = Optional.of(address(vip.brd(), where));
        }
        if (!vip.options().isEmpty()) {
            notRun.add(where + ": virtual address " + vip.address() + ": options " + String.join(" ", vip.options())
                    + " are not applied");
        }
        try {
            return new VipPlacement(address, prefix, Optional.ofNullable(vip.device()), broadcast,
                    Optional.ofNullable(vip.scope()), Optional.ofNullable(vip.label()));
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": " + e.getMessage());
        }
    }

    private static AuthConfig auth(Instance instance, String where) throws BindingException {
        if (instance.authType() == null) {
            return AuthConfig.none();
        }
        String secret = instance.authSecret();
        if (secret == null || secret.isEmpty()) {
            throw new BindingException(where + ": auth_type " + instance.authType() + " without auth_pass (secret not loaded?)");
        }
        return instance.authType().equals("AH") ? AuthConfig.ah(secret) : AuthConfig.password(secret);
    }

    private static TrackConfig track(Track track, String where, Map<String, TrackFileSettings> trackFiles,
            Map<String, CheckScript> scripts) throws BindingException {
        int weight = track.weight() == null ? 0 : track.weight();
        try {
            return switch (track.kind()) {
                case INTERFACE -> new TrackConfig.Interface(track.name(), weight, track.reverse());
                case SCRIPT -> {
                    CheckScript script = scripts.get(track.name());
                    if (script == null) {
                        throw new BindingException(where + ": track_script " + track.name() + " names no vrrp_script");
                    }
                    // the script's own weight applies unless the track line gives one
                    yield new TrackConfig.Script(track.name(),
                            track.weight() != null || script.weight().isEmpty() ? weight : script.weight().getAsInt(),
                            track.reverse());
                }
                case FILE -> trackFile(track, where, trackFiles);
            };
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": " + e.getMessage());
        }
    }

    /**
     * keepalived.conf(5): an instance's track_file weight defaults to the weight of the track_file block (itself 1 by
     * default), reverse included; a weight given on the instance line (with its own reverse or not) replaces both.
     */
    private static TrackConfig.File trackFile(Track track, String where, Map<String, TrackFileSettings> trackFiles)
            throws BindingException {
        if (track.weight() != null) {
            return new TrackConfig.File(track.name(), track.weight(), track.reverse());
        }
        TrackFileSettings block = trackFiles.get(track.name());
        if (block == null) {
            throw new BindingException(where + ": track_file " + track.name() + " names no track_file block");
        }
        return new TrackConfig.File(track.name(), block.weight(), block.reverse() || track.reverse());
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

    private String where(Instance instance) {
        return "director " + director + ", vrrp_instance " + instance.name();
    }
}

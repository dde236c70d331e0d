package org.vrrpstudio.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.vrrpstudio.cluster.EffectiveSettings;
import org.vrrpstudio.cluster.TrackFileBlock;
import org.vrrpstudio.config.AdvertInterval;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.GlobalDefsSpec;
import org.vrrpstudio.config.NotifyLine;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.VrrpInstanceSpec;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.OpaqueStatement;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.Track;
import org.vrrpstudio.model.TrackFile;
import org.vrrpstudio.model.TrackInterface;
import org.vrrpstudio.model.TrackScript;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.model.VrrpScript;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.BoundDirector;
import org.vrrpstudio.vrrp.binding.CheckScript;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.vrrp.binding.DirectorSetup;
import org.vrrpstudio.vrrp.binding.DirectorSpec;
import org.vrrpstudio.vrrp.binding.DirectorSpec.TrackKind;
import org.vrrpstudio.vrrp.binding.InterfaceAddresses;
import org.vrrpstudio.vrrp.binding.NotifyFifoScript;
import org.vrrpstudio.vrrp.binding.NotifyScripts;
import org.vrrpstudio.vrrp.binding.ScriptSecurity;
import org.vrrpstudio.vrrp.config.TtlRange;

/**
 * Cluster model + director name → the engine's configuration for that director: its priority, initial state and
 * interface for every instance, the shared definitions (vrid, advert interval, auth, VIPs, tracking), its sync
 * groups. Used by the what-if simulation (every director) and the console; the agent reads its one file through
 * {@link ConfigBinding} instead, which gives the same result without the model. It lives here, on the model's side,
 * so that nothing on the daemon's path (agent, agent.linux, vrrp, vrrp.binding) requires the model or EMF.
 */
public final class DirectorBinding {

    private static final Path OPAQUE_TEXT = Path.of("kept-as-text.conf");

    private DirectorBinding() {
    }

    public static BoundDirector bind(Cluster cluster, String directorName, InterfaceAddresses addresses)
            throws BindingException {
        return setup(cluster, directorName).bind(addresses);
    }

    /** The director's configuration in the engine's terms, before it meets a host. */
    public static DirectorSetup setup(Cluster cluster, String directorName) throws BindingException {
        Director director = cluster.getDirectors().stream().filter(d -> directorName.equals(d.getName())).findFirst()
                .orElseThrow(() -> new BindingException("the cluster has no director '" + directorName + "'"));
        List<DirectorSpec.Instance> instances = new ArrayList<>();
        for (DirectorInstance settings : director.getInstanceSettings()) {
            instances.add(instance(settings));
        }
        List<DirectorSpec.Group> groups = new ArrayList<>();
        for (SyncGroup group : cluster.getSyncGroups()) {
            groups.add(group(group));
        }
        List<CheckScript> scripts = cluster.getScripts().stream().map(DirectorBinding::checkScript).toList();
        GlobalDefsSpec global = EffectiveSettings.globalDefs(cluster).spec();
        return new DirectorSpec(director.getName(), global.defaultVersion(), instances, groups, scripts,
                TrackFileBlock.of(cluster).stream().map(TrackFileBlock::settings).toList(), global.notifyFifoPath(),
                NotifyFifoScript.of(global), ScriptSecurity.of(global)).setup();
    }

    /** The model keeps a sync group's track blocks as text: they are read here, as the agent reads them. */
    private static DirectorSpec.Group group(SyncGroup group) {
        List<DirectorSpec.Track> tracks = new ArrayList<>();
        List<String> opaqueKeywords = new ArrayList<>();
        String[] notify = {group.getNotifyMaster(), group.getNotifyBackup(), group.getNotifyFault(), group.getNotifyStop(),
                group.getNotify()};
        String[] notifyUser = new String[5];
        for (OpaqueStatement statement : group.getOpaqueStatements()) {
            notifyWithUser(statement, notify, notifyUser);
            Optional<List<DirectorSpec.Track>> read = DirectorSpec.TRACK_KEYWORDS.contains(statement.getKeyword())
                    ? asWritten(statement).flatMap(DirectorSpec::trackBlock) : Optional.empty();
            if (read.isPresent()) {
                tracks.addAll(read.get());
            } else {
                opaqueKeywords.add(statement.getKeyword());
            }
        }
        return new DirectorSpec.Group(group.getName(), group.getInstances().stream().map(VrrpInstance::getName).toList(), tracks,
                opaqueKeywords, NotifyScripts.of(notify, notifyUser));
    }

    /**
     * A sync group's {@code notify_* SCRIPT USER [GROUP]}: the model keeps the line as written; read it as the agent
     * does (a block after it is not looked at), into the arrays in {@link NotifyLine#KEYWORDS} order.
     */
    private static void notifyWithUser(OpaqueStatement statement, String[] scripts, String[] users) {
        int index = NotifyLine.KEYWORDS.indexOf(statement.getKeyword());
        if (index < 0) {
            return;
        }
        Optional<NotifyLine> line = asWritten(statement).flatMap(w -> NotifyLine.of(w.args()));
        if (line.isPresent() && line.get().user() != null) {
            scripts[index] = line.get().script();
            users[index] = line.get().user();
        }
    }

    /** A statement the model keeps as text, parsed again. */
    private static Optional<ResolvedStatement> asWritten(OpaqueStatement statement) {
        List<ResolvedStatement> parsed = new ConfigParser().parseWithoutIncludes(OPAQUE_TEXT, statement.getText()).resolutionForDirector(null).statements();
        return parsed.size() == 1 ? Optional.of(parsed.getFirst()) : Optional.empty();
    }

    private static DirectorSpec.Instance instance(DirectorInstance settings) {
        VrrpInstance instance = settings.getInstance();
        String physical = EffectiveSettings.interfaceOf(settings);
        Authentication auth = instance.getAuthentication();
        boolean hasAuth = auth != null && auth.getType() != AuthType.NONE;
        List<DirectorSpec.Vip> vips = instance.getVirtualAddresses().stream().map(DirectorBinding::vip).toList();
        List<DirectorSpec.Track> tracks = instance.getTracks().stream().map(DirectorBinding::track).toList();
        // per-peer min_ttl/max_ttl and unicast_ttl: the model keeps them as written; read them as the agent does
        List<String> peers = new ArrayList<>(settings.getUnicastPeers());
        Map<String, TtlRange> peerTtl = new LinkedHashMap<>();
        Integer unicastTtl = null;
        List<String> opaqueKeywords = new ArrayList<>();
        String[] notify = {instance.getNotifyMaster(), instance.getNotifyBackup(), instance.getNotifyFault(),
                instance.getNotifyStop(), instance.getNotify()};
        String[] notifyUser = new String[5];
        for (OpaqueStatement statement : instance.getOpaqueStatements()) {
            // read as the agent reads the same statement in its file (config's VrrpInstanceSpec)
            Optional<VrrpInstanceSpec.Value> value = asWritten(statement)
                    .map(written -> VrrpInstanceSpec.part(written, new ArrayList<>()).value());
            switch (value.orElse(null)) {
                case VrrpInstanceSpec.Peers block -> {
                    block.addresses().stream().filter(p -> !peers.contains(p)).forEach(peers::add);
                    peerTtl.putAll(DirectorSpec.ttlRanges(block.ttl()));
                }
                case VrrpInstanceSpec.UnicastTtl ttl -> unicastTtl = ttl.value();
                case VrrpInstanceSpec.Notify line when line.line().user() != null -> {
                    notify[line.index()] = line.line().script();
                    notifyUser[line.index()] = line.line().user();
                    opaqueKeywords.add(statement.getKeyword());
                }
                case null, default -> opaqueKeywords.add(statement.getKeyword());
            }
        }
        return new DirectorSpec.Instance(instance.getName(), instance.getInterface(), physical, instance.getVrid(),
                instance.getVersion(), settings.getPriority(), settings.getInitialState() == InitialState.MASTER,
                instance.isNopreempt(), AdvertInterval.of(instance.getAdvertInterval()), instance.getPreemptDelay(),
                hasAuth ? auth.getType().getLiteral() : null, hasAuth ? auth.getSecret() : null, vips, tracks,
                opaqueKeywords, settings.getUnicastSrcIp(), List.copyOf(peers),
                !instance.getVirtualRoutes().isEmpty(), NotifyScripts.of(notify, notifyUser), peerTtl, unicastTtl);
    }

    private static DirectorSpec.Vip vip(VirtualAddress vip) {
        return new DirectorSpec.Vip(vip.getAddress(), vip.getPrefix(), vip.getBrd(), vip.getDevice(), vip.getScope(),
                vip.getLabel(), List.copyOf(vip.getOptions()));
    }

    private static DirectorSpec.Track track(Track track) {
        return switch (track) {
            case TrackInterface t -> new DirectorSpec.Track(TrackKind.INTERFACE, t.getInterfaceName(), t.getWeight(), t.isReverse());
            case TrackScript t -> new DirectorSpec.Track(TrackKind.SCRIPT, t.getScript() == null ? null : t.getScript().getName(),
                    t.getWeight(), t.isReverse());
            case TrackFile t -> new DirectorSpec.Track(TrackKind.FILE, t.getFileName(), t.getWeight(), t.isReverse());
            default -> throw new IllegalArgumentException("unsupported track " + track.eClass().getName());
        };
    }

    private static CheckScript checkScript(VrrpScript script) {
        boolean initFail = script.getOpaqueStatements().stream().map(OpaqueStatement::getKeyword).anyMatch("init_fail"::equals);
        return new CheckScript(script.getName(), Optional.ofNullable(script.getScript()), optional(script.getInterval()),
                optional(script.getTimeout()), optional(script.getRise()), optional(script.getFall()),
                optional(script.getWeight()), initFail, Optional.ofNullable(script.getUser()));
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}

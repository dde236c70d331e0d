package org.vrrpstudio.cluster;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.vrrpstudio.config.AdvertInterval;
import org.vrrpstudio.config.ConfigRules;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.GlobalDefsSpec;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.OpaqueKeywords;
import org.vrrpstudio.config.ScriptPaths;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.AuthType;
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

/**
 * Checks a cluster model the way an operator would want before deploying: values in range, VRRP rules,
 * consistency across directors. Diagnostics point at the source statement when the model was imported
 * (through the {@link SourceMap}), otherwise at the element's path in the model.
 */
public final class ClusterValidator {

    /** keepalived keeps only the first 8 bytes of auth_pass. */
    public static final int AUTH_PASS_MAX = 8;

    private final SourceMap sources;
    private final ScriptHost host;
    private final List<ValidationFinding> findings = new ArrayList<>();
    private final Map<String, TrackFileBlock> trackFiles = new HashMap<>();

    private ClusterValidator(SourceMap sources, ScriptHost host) {
        this.sources = sources;
        this.host = host;
    }

    public static List<Diagnostic> validate(Cluster cluster) {
        return validate(cluster, new SourceMap());
    }

    public static List<Diagnostic> validate(Cluster cluster, SourceMap sources) {
        return validate(cluster, sources, ScriptHost.NONE);
    }

    /** With what {@code host} (where the scripts run) can tell about script paths and users. */
    public static List<Diagnostic> validate(Cluster cluster, SourceMap sources, ScriptHost host) {
        return findings(cluster, sources, host).stream().map(ValidationFinding::diagnostic).toList();
    }

    /** The same diagnostics as {@link #validate(Cluster, SourceMap)}, each with the element it is about. */
    public static List<ValidationFinding> findings(Cluster cluster, SourceMap sources) {
        return findings(cluster, sources, ScriptHost.NONE);
    }

    public static List<ValidationFinding> findings(Cluster cluster, SourceMap sources, ScriptHost host) {
        ClusterValidator validator = new ClusterValidator(sources, host);
        validator.run(cluster);
        return List.copyOf(validator.findings);
    }

    private void run(Cluster cluster) {
        checkTrackFileBlocks(cluster);
        EffectiveSettings.GlobalDefs globalDefs = EffectiveSettings.globalDefs(cluster); // parsed once per check
        int defaultVersion = globalDefs.spec().defaultVersion();
        Map<String, VrrpInstance> names = new HashMap<>();
        Map<String, VrrpInstance> vipOwners = new HashMap<>();
        for (VrrpInstance instance : cluster.getInstances()) {
            VrrpInstance clash = names.putIfAbsent(instance.getName(), instance);
            if (clash != null) {
                error(instance, null, "vrrp_instance " + instance.getName() + " is defined twice (also at "
                        + sources.locate(clash) + ")");
            }
            checkInstance(instance, defaultVersion, vipOwners);
        }
        checkSyncGroups(cluster);
        for (Director director : cluster.getDirectors()) {
            checkDirector(cluster, director);
        }
        for (VrrpInstance instance : cluster.getInstances()) {
            checkRoles(cluster, instance);
        }
        cluster.getOpaqueBlocks().forEach(o -> checkKnown(o, OpaqueKeywords.TOP_LEVEL, "at top level"));
        checkScripts(cluster, globalDefs);
    }

    /** One script as written: where, what it is called in messages, its line and its own {@code user}. */
    private record Script(EObject element, String keyword, String what, String line, String user) {
    }

    /**
     * keepalived's script identity rules (script_user, keepalived_script, enable_script_security): scripts that may run
     * as root without enable_script_security; with a host that can tell, a root script whose path a non-root user can
     * change, and a script user that does not exist there.
     */
    private void checkScripts(Cluster cluster, EffectiveSettings.GlobalDefs globalDefs) {
        List<Script> scripts = new ArrayList<>();
        for (VrrpScript script : cluster.getScripts()) {
            if (script.getScript() != null && !script.getScript().isBlank()) {
                scripts.add(new Script(script, "script", "vrrp_script " + script.getName(), script.getScript(), script.getUser()));
            }
        }
        for (VrrpInstance instance : cluster.getInstances()) {
            notifyScripts(scripts, instance, "vrrp_instance " + instance.getName(), instance.getNotifyMaster(),
                    instance.getNotifyBackup(), instance.getNotifyFault(), instance.getNotifyStop(), instance.getNotify(),
                    instance.getOpaqueStatements());
        }
        for (SyncGroup group : cluster.getSyncGroups()) {
            notifyScripts(scripts, group, "vrrp_sync_group " + group.getName(), group.getNotifyMaster(), group.getNotifyBackup(),
                    group.getNotifyFault(), group.getNotifyStop(), group.getNotify(), group.getOpaqueStatements());
        }
        for (GlobalDefsSpec.FifoScript fifo : globalDefs.spec().fifoScripts()) { // notify_fifo_script SCRIPT [USER [GROUP]]
            scripts.add(new Script(globalDefs.element(fifo.statement()), null, fifo.statement().keyword(), fifo.line().script(),
                    fifo.line().user()));
        }
        OpaqueStatement scriptUser = globalDefs.element(globalDefs.spec().scriptUser());
        boolean security = globalDefs.spec().scriptSecurity();
        String defaultUser = scriptUser == null ? null : globalDefs.spec().scriptUser().args().getFirst();
        List<Script> asDefault = scripts.stream().filter(s -> s.user() == null || s.user().isBlank()).toList();
        if (!security && !asDefault.isEmpty() && (defaultUser == null || isRoot(defaultUser))) {
            Script first = asDefault.getFirst();
            warning(first.element(), first.keyword(), first.what() + ": scripts run as root"
                    + (defaultUser == null ? " unless the director has a user keepalived_script" : " (script_user " + defaultUser + ")")
                    + ", and enable_script_security is not set: a script a non-root user can change would give that user "
                    + "root; set script_user to an unprivileged user, or enable_script_security");
        }
        if (defaultUser != null && host.userExists(defaultUser).equals(Optional.of(false))) {
            warning(scriptUser, null, "script_user " + defaultUser + " does not exist on " + host.name() + ": keepalived and the agent "
                    + "run no script without a user of its own");
        }
        // no script_user: keepalived's default is the user keepalived_script when the host has one, else root
        Optional<Boolean> systemUser = defaultUser == null && !asDefault.isEmpty() ? host.userExists(KEEPALIVED_SCRIPT) : Optional.empty();
        if (systemUser.equals(Optional.of(false)) && security) {
            Script first = asDefault.getFirst();
            warning(first.element(), first.keyword(), first.what() + ": no script_user and user " + KEEPALIVED_SCRIPT
                    + " does not exist on " + host.name() + ": with enable_script_security keepalived and the agent run no "
                    + "script without a user of its own");
        }
        String effectiveDefault = systemUser.equals(Optional.of(true)) ? KEEPALIVED_SCRIPT : defaultUser;
        for (Script script : scripts) {
            // the user as the script line's reader splits it: a value of control characters alone has no word at all
            List<String> userWords = script.user() == null ? List.of() : ScriptPaths.words(script.user());
            String user = userWords.isEmpty() ? null : userWords.getFirst();
            if (user != null && host.userExists(user).equals(Optional.of(false))) {
                warning(script.element(), script.keyword(), script.what() + ": user " + user + " does not exist on " + host.name()
                        + "; the script would not run");
            }
            boolean root = user != null ? isRoot(user) : effectiveDefault == null || isRoot(effectiveDefault);
            List<String> line = ScriptPaths.words(script.line());
            Optional<String> unsafe = root && !line.isEmpty() ? host.unsafePart(line.getFirst()) : Optional.empty();
            if (unsafe.isPresent()) {
                warning(script.element(), script.keyword(), script.what() + ": " + line.getFirst() + " may run as root and "
                        + unsafe.get() + (security ? ": keepalived refuses to run it (enable_script_security)"
                                : ": that user could run commands as root"));
            }
        }
    }

    private static void notifyScripts(List<Script> into, EObject owner, String what, String master, String backup, String fault,
            String stop, String generic, List<OpaqueStatement> kept) {
        String[] keywords = {"notify_master", "notify_backup", "notify_fault", "notify_stop", "notify"};
        String[] lines = {master, backup, fault, stop, generic};
        String[] users = new String[lines.length];
        EObject[] elements = new EObject[lines.length];
        for (OpaqueStatement statement : kept) { // notify_* SCRIPT USER [GROUP], kept as written: it runs as that user
            int index = List.of(keywords).indexOf(statement.getKeyword());
            List<String> words = ScriptPaths.words(statement.getText());
            if (index >= 0 && (words.size() == 3 || words.size() == 4) && !statement.getText().contains("{")) {
                lines[index] = words.get(1);
                users[index] = String.join(" ", words.subList(2, words.size()));
                elements[index] = statement;
            }
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] != null && !lines[i].isBlank()) {
                into.add(new Script(elements[i] != null ? elements[i] : owner, elements[i] != null ? null : keywords[i],
                        keywords[i] + " of " + what, lines[i], users[i]));
            }
        }
    }

    /** keepalived's default script user when script_user is not set and the user exists. */
    private static final String KEEPALIVED_SCRIPT = "keepalived_script";

    private static boolean isRoot(String user) {
        return user.equals("root") || user.equals("0");
    }

    /** The top-level track_file blocks: each needs a file and a unique name; an instance may only track these. */
    private void checkTrackFileBlocks(Cluster cluster) {
        for (TrackFileBlock block : TrackFileBlock.of(cluster)) {
            TrackFileBlock clash = trackFiles.putIfAbsent(block.name(), block);
            if (clash != null) {
                error(block.source(), null, ConfigRules.trackFileDefinedTwice(block.source().getKeyword(), block.name(),
                        sources.locate(clash.source())));
            }
            block.problems().forEach(problem -> error(block.source(), null, problem));
        }
    }

    private void checkInstance(VrrpInstance instance, int defaultVersion, Map<String, VrrpInstance> vipOwners) {
        String name = "vrrp_instance " + instance.getName();
        ConfigRules.vrid(name, instance.getVrid()).ifPresent(message -> error(instance, "virtual_router_id", message));
        Integer explicitVersion = instance.getVersion();
        ConfigRules.version(name, explicitVersion).ifPresent(message -> error(instance, "version", message));
        int version = explicitVersion == null ? defaultVersion : explicitVersion;
        checkAdvertInterval(instance, name, version);
        checkAuthentication(instance, name, version);
        Map<String, VirtualAddress> seen = new HashMap<>();
        for (VirtualAddress address : instance.getVirtualAddresses()) {
            String key = address.getAddress();
            if (seen.putIfAbsent(key, address) != null) {
                warning(address, null, name + ": virtual address " + key + " is listed twice");
                continue;
            }
            VrrpInstance owner = vipOwners.putIfAbsent(key, instance);
            if (owner != null && owner != instance) {
                error(address, null, ConfigRules.addressOwnedTwice(name, key, owner.getName(),
                        sources.locate(owner, "virtual_ipaddress")));
            }
        }
        if (instance.getVirtualAddresses().isEmpty()) {
            warning(instance, null, name + ": no virtual_ipaddress; the instance protects no address");
        }
        for (Track track : instance.getTracks()) {
            if (track instanceof TrackScript ts && (ts.getScript() == null || ts.getScript().eContainer() == null)) {
                error(track, null, name + ": track_script refers to a vrrp_script that does not exist");
            }
            if (track instanceof TrackFile tf && !trackFiles.containsKey(tf.getFileName())) {
                error(track, null, ConfigRules.trackFileMissing(name, tf.getFileName()));
            }
            ConfigRules.trackWeight(name, track.getWeight()).ifPresent(message -> error(track, null, message));
        }
        instance.getOpaqueStatements().forEach(o -> checkKnown(o, OpaqueKeywords.INSTANCE, "in " + name));
    }

    private void checkAdvertInterval(VrrpInstance instance, String name, int version) {
        ConfigRules.advertInterval(name, AdvertInterval.of(instance.getAdvertInterval()), version).ifPresent(finding -> {
            if (finding.severity() == Severity.ERROR) {
                error(instance, finding.keyword(), finding.message());
            } else {
                warning(instance, finding.keyword(), finding.message());
            }
        });
    }

    /** The warning for {@code auth_pass k@l!ve1}; the console offers its quick fixes on it. */
    public static final String AUTH_PASS_CUT_MESSAGE = "auth_pass has a '!' or '#' inside the word, which starts a comment:"
            + " keepalived uses only the part before it (fix: keep what runs today, or use the whole word)";
    /** The warning for state MASTER with AH; the console offers to write what keepalived does. */
    public static final String AH_MASTER_MESSAGE = "keepalived 2.2 ignores state MASTER with auth_type AH and "
            + "starts as BACKUP (it wins the election by priority instead)";

    private void checkAuthentication(VrrpInstance instance, String name, int version) {
        Authentication authentication = instance.getAuthentication();
        if (authentication == null || authentication.getType() == AuthType.NONE) {
            return;
        }
        if (version == 3) {
            warning(authentication, "auth_type", name + ": VRRPv3 has no authentication; keepalived ignores "
                    + "the authentication block");
        }
        if (authentication.getType() == AuthType.PASS) {
            warning(authentication, "auth_type", name + ": auth_type PASS sends the password in clear text in "
                    + "every advertisement; it gives no protection against spoofing");
        } else {
            warning(authentication, "auth_type", name + ": auth_type AH is deprecated in newer keepalived "
                    + "releases (still supported by 2.2.x); plan for its removal");
        }
        String secret = authentication.getSecret();
        if (secret == null || secret.isEmpty()) {
            error(authentication, "auth_pass", ConfigRules.authNeedsPass(name, authentication.getType().getLiteral()));
        } else if (instance.getInnerComments().containsKey(org.vrrpstudio.cluster.internal.CommentKeys.AUTH_PASS_CUT)
                && instance.getInnerComments().containsKey("authentication/auth_pass#")) {
            // never show the password itself
            warning(authentication, "auth_pass", name + ": " + AUTH_PASS_CUT_MESSAGE);
        } else if (secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > AUTH_PASS_MAX) {
            // never show the password itself
            warning(authentication, "auth_pass", name + ": auth_pass is longer than " + AUTH_PASS_MAX
                    + " bytes; keepalived uses only the first " + AUTH_PASS_MAX);
        }
    }

    private void checkSyncGroups(Cluster cluster) {
        Map<VrrpInstance, SyncGroup> membership = new HashMap<>();
        for (SyncGroup group : cluster.getSyncGroups()) {
            String name = "vrrp_sync_group " + group.getName();
            if (group.getInstances().isEmpty()) {
                warning(group, "group", name + " has no instances");
            }
            for (VrrpInstance member : group.getInstances()) {
                if (member.eIsProxy() || member.eContainer() != cluster) {
                    error(group, "group", name + " names vrrp_instance " + member.getName()
                            + ", which the cluster does not define");
                    continue;
                }
                SyncGroup other = membership.putIfAbsent(member, group);
                if (other != null && other != group) {
                    error(group, "group", ConfigRules.inTwoSyncGroups(group.getName(), member.getName(), other.getName(),
                            sources.locate(other, "group")));
                }
            }
            for (VrrpInstance member : group.getInstances()) {
                for (Track track : member.getTracks()) {
                    if (track.getWeight() != null || track instanceof TrackScript ts && ts.getScript() != null
                            && ts.getScript().getWeight() != null && ts.getScript().getWeight() != 0) {
                        warning(track, null, "vrrp_instance " + member.getName() + " is in " + name
                                + ": keepalived ignores track weights of sync group members (a failure means FAULT)");
                    }
                }
            }
            group.getOpaqueStatements().forEach(o -> checkKnown(o, OpaqueKeywords.SYNC_GROUP, "in " + name));
            group.getOpaqueStatements().forEach(o -> checkGroupTracks(cluster, o, name));
        }
    }

    /**
     * A sync group's own track blocks (kept as text in the model, tracked by every member): a track_script must name
     * a vrrp_script, a track_file a track_file block, and weights stay in -254..254, as for an instance's tracks.
     */
    private void checkGroupTracks(Cluster cluster, OpaqueStatement statement, String name) {
        String keyword = statement.getKeyword();
        if (!("track_script".equals(keyword) || "track_file".equals(keyword) || "track_interface".equals(keyword))) {
            return;
        }
        List<org.vrrpstudio.config.ResolvedStatement> read = new org.vrrpstudio.config.ConfigParser()
                .parseWithoutIncludes(java.nio.file.Path.of("sync-group-track.conf"), statement.getText())
                .resolutionForDirector(null).statements();
        if (read.size() != 1) {
            return;
        }
        for (org.vrrpstudio.config.ResolvedStatement line : read.getFirst().children()) {
            Optional<org.vrrpstudio.config.TrackLine> track = org.vrrpstudio.config.TrackLine.of(line);
            if (track.isEmpty()) {
                continue;
            }
            String tracked = track.get().name();
            if (keyword.equals("track_script") && cluster.getScripts().stream().noneMatch(s -> tracked.equals(s.getName()))) {
                error(statement, null, ConfigRules.trackScriptMissing(name, tracked));
            }
            if (keyword.equals("track_file") && !trackFiles.containsKey(tracked)) {
                error(statement, null, ConfigRules.trackFileMissing(name, tracked));
            }
            ConfigRules.trackWeight(name, track.get().weight()).ifPresent(message -> error(statement, null, message));
        }
    }

    private void checkDirector(Cluster cluster, Director director) {
        Map<String, DirectorInstance> vridByInterface = new HashMap<>();
        for (DirectorInstance settings : director.getInstanceSettings()) {
            VrrpInstance instance = settings.getInstance();
            String name = "vrrp_instance " + instance.getName() + " on " + director.getName();
            int priority = settings.getPriority();
            Optional<String> badPriority = ConfigRules.priority(name, priority);
            if (badPriority.isPresent()) {
                error(settings, "priority", badPriority.get());
            } else if (priority == 255) {
                warning(settings, "priority", name + ": priority 255 is reserved for the address owner (the "
                        + "virtual addresses must be real addresses of this director's interface)");
            }
            if (settings.getInitialState() == InitialState.MASTER) {
                checkInitialMaster(settings, instance, name);
            }
            String itf = EffectiveSettings.interfaceOf(settings);
            if (itf == null) {
                error(settings, "interface", ConfigRules.noInterface(name));
            } else {
                // RFC 5798 §1: IPv4 and IPv6 virtual routers are separate domains, so a VRID may serve one of each
                boolean ipv6 = instance.getVirtualAddresses().stream().anyMatch(v -> v.getAddress().contains(":"));
                DirectorInstance other = vridByInterface.putIfAbsent(ConfigRules.vridDomain(itf, ipv6, instance.getVrid()), settings);
                if (other != null) {
                    error(instance, "virtual_router_id", ConfigRules.vridTaken(name, instance.getVrid(), other.getInstance().getName(),
                            itf, sources.locate(other.getInstance(), "virtual_router_id")));
                }
                if (!director.getInterfaces().isEmpty() && !director.getInterfaces().contains(itf)) {
                    error(settings, "interface", name + ": interface " + itf + " is not one of "
                            + director.getName() + "'s interfaces " + director.getInterfaces());
                }
            }
            checkUnicast(settings, instance, itf, name);
            if (!director.getInterfaces().isEmpty()) {
                for (Track track : instance.getTracks()) {
                    if (track instanceof TrackInterface ti && !director.getInterfaces().contains(ti.getInterfaceName())) {
                        error(track, null, name + ": track_interface " + ti.getInterfaceName() + " is not one of "
                                + director.getName() + "'s interfaces " + director.getInterfaces());
                    }
                }
            }
        }
        director.getGlobalDefOverrides().forEach(o -> { /* global_defs is not judged: too many keywords */ });
    }

    /**
     * unicast_src_ip / unicast_peer on one director. The model does not know the interface's own address and prefix;
     * the subnet check uses what the instance says about the LAN: virtual addresses written with a prefix on that
     * interface (the agent repeats the check against the live interface).
     */
    private void checkUnicast(DirectorInstance settings, VrrpInstance instance, String itf, String name) {
        boolean ipv6 = instance.getVirtualAddresses().stream().anyMatch(v -> v.getAddress().contains(":"));
        List<String> subnets = new ArrayList<>();
        for (VirtualAddress vip : instance.getVirtualAddresses()) {
            if (vip.getPrefix() != null && (vip.getDevice() == null || vip.getDevice().equals(itf))) {
                InetAddress address = ConfigRules.address(vip.getAddress());
                if (address != null && vip.getPrefix() < address.getAddress().length * 8) {
                    subnets.add(network(address, vip.getPrefix()));
                }
            }
        }
        // settings' peer list is unique: a repeated peer is dropped on import
        List<ConfigRules.Finding> findings = ConfigRules.unicast(name, settings.getUnicastSrcIp(), settings.getUnicastPeers(), ipv6,
                (peer, address) -> subnets.isEmpty() || subnets.stream().anyMatch(net -> network(address, prefixOf(net)).equals(net))
                        ? Optional.empty()
                        : Optional.of(new ConfigRules.Finding("unicast_peer", Severity.WARNING, name + ": unicast_peer "
                                + peer + " is not in " + itf + "'s subnet " + String.join(", ", subnets)
                                + " (as the virtual addresses' prefixes tell); adverts to it are routed, and a router in the way "
                                + "drops them (TTL 255 is required)")));
        for (ConfigRules.Finding finding : findings) {
            if (finding.severity() == Severity.ERROR) {
                error(settings, finding.keyword(), finding.message());
            } else {
                warning(settings, finding.keyword(), finding.message());
            }
        }
    }

    /** {@code 192.168.200.0/24} */
    private static String network(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int prefixOf(String network) {
        return Integer.parseInt(network.substring(network.indexOf('/') + 1));
    }

    /**
     * Across directors: unicast is all or nothing (a unicast instance neither sends to nor listens on the multicast
     * group), and each director's peers should include the others' unicast_src_ip when that is known.
     */
    private void checkUnicastAcross(List<DirectorInstance> settings, String name) {
        List<DirectorInstance> unicast = settings.stream().filter(s -> !s.getUnicastPeers().isEmpty()).toList();
        if (unicast.isEmpty()) {
            return;
        }
        if (unicast.size() < settings.size()) {
            DirectorInstance multicast = settings.stream().filter(s -> s.getUnicastPeers().isEmpty()).findFirst().orElseThrow();
            error(multicast, null, name + ": " + directorNames(unicast) + " use unicast_peer but "
                    + ((Director) multicast.eContainer()).getName() + " uses multicast; they never hear each other and "
                    + "both become MASTER (give every director a unicast_peer list)");
            return;
        }
        for (DirectorInstance from : settings) {
            for (DirectorInstance to : settings) {
                if (from != to && to.getUnicastSrcIp() != null && !from.getUnicastPeers().contains(to.getUnicastSrcIp())) {
                    warning(from, "unicast_peer", name + ": unicast_peer on " + ((Director) from.eContainer()).getName()
                            + " does not list " + to.getUnicastSrcIp() + ", the unicast_src_ip of "
                            + ((Director) to.eContainer()).getName() + "; its adverts never reach it");
                }
            }
        }
    }

    /** What keepalived 2.2.7 says (keepalived -t) about an initial MASTER state, found by running it. */
    private void checkInitialMaster(DirectorInstance settings, VrrpInstance instance, String name) {
        Authentication authentication = instance.getAuthentication();
        if (authentication != null && authentication.getType() == AuthType.AH) {
            warning(settings, "state", name + ": " + AH_MASTER_MESSAGE);
        }
        if (instance.isNopreempt()) {
            warning(settings, "state", name + ": nopreempt does not work with state MASTER; keepalived clears it "
                    + "(use state BACKUP on every director with nopreempt)");
        }
    }

    /** Across directors: each instance has one intended MASTER, and it has the highest priority. */
    private void checkRoles(Cluster cluster, VrrpInstance instance) {
        List<DirectorInstance> settings = new ArrayList<>();
        for (Director director : cluster.getDirectors()) {
            director.getInstanceSettings().stream().filter(s -> s.getInstance() == instance).forEach(settings::add);
        }
        if (settings.size() < 2 || cluster.getDirectors().size() < 2) {
            return; // single-director files: nothing to compare
        }
        String name = "vrrp_instance " + instance.getName();
        checkUnicastAcross(settings, name);
        List<DirectorInstance> masters = settings.stream()
                .filter(s -> s.getInitialState() == InitialState.MASTER).toList();
        if (masters.isEmpty()) {
            warning(instance, null, name + ": no director starts it as MASTER; the highest priority wins the "
                    + "election after the master-down interval");
            return;
        }
        if (masters.size() > 1) {
            error(masters.get(1), "state", name + ": " + directorNames(masters) + " all start it as MASTER; "
                    + "exactly one director should");
            return;
        }
        DirectorInstance master = masters.getFirst();
        for (DirectorInstance backup : settings) {
            if (backup == master) {
                continue;
            }
            Director owner = (Director) backup.eContainer();
            Director masterOwner = (Director) master.eContainer();
            if (backup.getPriority() > master.getPriority()) {
                error(backup, "priority", name + ": BACKUP on " + owner.getName() + " has priority "
                        + backup.getPriority() + ", higher than the MASTER on " + masterOwner.getName() + " ("
                        + master.getPriority() + "); it will take over at once");
            } else if (backup.getPriority() == master.getPriority()) {
                warning(backup, "priority", name + ": BACKUP on " + owner.getName()
                        + " has the same priority as the MASTER on " + masterOwner.getName() + " ("
                        + master.getPriority() + "); the higher IP address decides");
            }
        }
    }

    private static String directorNames(List<DirectorInstance> settings) {
        return String.join(", ", settings.stream().map(s -> ((Director) s.eContainer()).getName()).toList());
    }

    private void checkKnown(OpaqueStatement statement, java.util.Set<String> known, String where) {
        if (statement.getKeyword() != null && !known.contains(statement.getKeyword())) {
            warning(statement, null, "unknown keyword '" + statement.getKeyword() + "' " + where
                    + ": kept as written");
        }
    }

    private void error(EObject element, String keyword, String message) {
        findings.add(new ValidationFinding(Diagnostic.error(locate(element, keyword), message), element, keyword));
    }

    private void warning(EObject element, String keyword, String message) {
        findings.add(new ValidationFinding(Diagnostic.warning(locate(element, keyword), message), element, keyword));
    }

    private Location locate(EObject element, String keyword) {
        Optional<Location> found = sources.find(element, keyword);
        return found.orElseGet(() -> sources.locate(element, keyword));
    }
}

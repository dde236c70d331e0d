package org.vrrpstudio.vrrp.binding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.vrrpstudio.config.AdvertInterval;
import org.vrrpstudio.config.AuthenticationSpec;
import org.vrrpstudio.config.ConfigRules;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.GlobalDefsSpec;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.OpaqueKeywords;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Resolution;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.NotifyLine;
import org.vrrpstudio.config.TrackLine;
import org.vrrpstudio.config.VirtualAddressSpec;
import org.vrrpstudio.config.VrrpInstanceSpec;
import org.vrrpstudio.config.VrrpScriptSpec;
import org.vrrpstudio.config.VrrpSyncGroupSpec;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.config.TrackFileSettings;
import org.vrrpstudio.vrrp.binding.DirectorSpec.TrackKind;
import org.vrrpstudio.vrrp.config.TtlRange;

/**
 * One director's keepalived.conf → its {@link DirectorSetup}, straight from the parsed file, without the EMF model.
 * This is the agent's daemon path: it accepts and refuses exactly what {@code ClusterImporter.importSingle} +
 * {@code ClusterValidator} + the simulation's {@code DirectorBinding} accept and refuse, with the same errors at the same places, and
 * gives the same setup ({@code ConfigBindingParityTest} holds the two paths to that). The model and its ~340 classes
 * stay out of the daemon's memory; {@code vrrpstudio check} still runs the full validator with its warnings.
 */
public final class ConfigBinding {

    /**
     * @param diagnostics the file's errors and warnings (the validator's warnings are not judged here)
     * @param setup       present when there are no errors
     */
    public record Reading(List<Diagnostic> diagnostics, Optional<DirectorSetup> setup) {

        public Reading {
            // the same report at the same place once: a line a ~SEQ repeats 100,000 times is one warning, not 100,000
            diagnostics = List.copyOf(new LinkedHashSet<>(diagnostics));
        }

        public List<Diagnostic> errors() {
            return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
        }

        public List<Diagnostic> warnings() {
            return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
        }
    }

    private ConfigBinding() {
    }

    /**
     * Reads {@code parsed} as director {@code directorName}'s file (as keepalived applies it without a config id).
     *
     * @throws BindingException a value the engine cannot run, as the simulation's {@code DirectorBinding} would say it
     */
    public static Reading read(ParseResult parsed, String directorName) throws BindingException {
        Reader reader = new Reader(directorName);
        reader.read(parsed);
        if (reader.hasErrors()) {
            return new Reading(reader.diagnostics, Optional.empty());
        }
        List<Diagnostic> warnings = List.copyOf(reader.diagnostics);
        reader.validate();
        if (reader.hasErrors()) {
            List<Diagnostic> all = new ArrayList<>(warnings);
            reader.diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).forEach(all::add);
            return new Reading(all, Optional.empty());
        }
        return new Reading(warnings, Optional.of(reader.spec().setup()));
    }

    /** An instance as read, with where each of its statements was (the first of a kind, as the importer records). */
    private static final class InstanceDraft {
        final String name;
        final Location block;
        final Map<String, Location> at = new HashMap<>();
        String itf;
        int vrid;
        Integer version;
        int priority = 100; // keepalived's default
        boolean startMaster;
        boolean nopreempt;
        AdvertInterval advertInterval;
        Integer preemptDelay;
        String authType; // null: none
        String authSecret;
        Location authBlock;
        final Map<String, Location> authAt = new HashMap<>();
        final List<DirectorSpec.Vip> vips = new ArrayList<>();
        final List<Location> vipAt = new ArrayList<>();
        final List<DirectorSpec.Track> tracks = new ArrayList<>();
        final List<Location> trackAt = new ArrayList<>();
        final List<String> opaqueKeywords = new ArrayList<>();
        String unicastSrcIp;
        final Set<String> unicastPeers = new LinkedHashSet<>(); // the model's list is unique: a repeated peer is dropped
        final Map<String, TtlRange> peerTtl = new LinkedHashMap<>();
        Integer unicastTtl;
        boolean hasVirtualRoutes;
        final String[] notify = new String[5]; // master, backup, fault, stop, generic
        final String[] notifyUser = new String[5]; // USER [GROUP] written after the script

        InstanceDraft(String name, Location block) {
            this.name = name;
            this.block = block;
        }

        Location at(String keyword) {
            return at.getOrDefault(keyword, block);
        }

        void record(String keyword, Location location) {
            at.putIfAbsent(keyword, location);
        }

        boolean ipv6() {
            return vips.stream().anyMatch(v -> v.address().contains(":"));
        }
    }

    private static final class GroupDraft {
        final String name;
        final Location block;
        Location groupAt;
        final List<String> members = new ArrayList<>();
        final List<DirectorSpec.Track> tracks = new ArrayList<>();
        /** Where each of {@link #tracks} was written: its track block's keyword line, as the model locates it. */
        final List<Location> trackAt = new ArrayList<>();
        final List<String> opaqueKeywords = new ArrayList<>();
        final String[] notify = new String[5];
        final String[] notifyUser = new String[5];

        GroupDraft(String name, Location block) {
            this.name = name;
            this.block = block;
        }

        Location groupAt() {
            return groupAt != null ? groupAt : block;
        }
    }

    private record TrackFileDraft(String keyword, TrackFileSettings settings, Location location) {
    }

    private static final class ScriptDraft {
        final String name;
        String script;
        Integer interval;
        Integer timeout;
        Integer rise;
        Integer fall;
        Integer weight;
        boolean initFail;
        String user;

        ScriptDraft(String name) {
            this.name = name;
        }

        CheckScript checkScript() {
            return new CheckScript(name, Optional.ofNullable(script), optional(interval), optional(timeout), optional(rise),
                    optional(fall), optional(weight), initFail, Optional.ofNullable(user));
        }

        private static OptionalInt optional(Integer value) {
            return value == null ? OptionalInt.empty() : OptionalInt.of(value);
        }
    }

    /** Reads as the importer does, then judges as the validator does (its errors only). */
    private static final class Reader {
        private final String director;
        final List<Diagnostic> diagnostics = new ArrayList<>();
        private final Map<String, InstanceDraft> instances = new LinkedHashMap<>();
        private final List<GroupDraft> groups = new ArrayList<>();
        private final List<ScriptDraft> scripts = new ArrayList<>();
        private final List<TrackFileDraft> trackFiles = new ArrayList<>();
        private final List<Runnable> pendingReferences = new ArrayList<>();
        /** The statements of every global_defs block, in file order, and their one reading once the file is read. */
        private final List<ResolvedStatement> globalDefs = new ArrayList<>();
        private GlobalDefsSpec global = GlobalDefsSpec.NONE;

        Reader(String director) {
            this.director = director;
        }

        boolean hasErrors() {
            return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
        }

        DirectorSpec spec() {
            List<DirectorSpec.Instance> specs = new ArrayList<>();
            for (InstanceDraft d : instances.values()) {
                specs.add(new DirectorSpec.Instance(d.name, d.itf, d.itf, d.vrid, d.version, d.priority, d.startMaster,
                        d.nopreempt, d.advertInterval, d.preemptDelay, d.authType, d.authSecret, d.vips, d.tracks,
                        d.opaqueKeywords, d.unicastSrcIp, List.copyOf(d.unicastPeers), d.hasVirtualRoutes, NotifyScripts.of(d.notify, d.notifyUser),
                        d.peerTtl, d.unicastTtl));
            }
            List<DirectorSpec.Group> groupSpecs = groups.stream().map(g -> new DirectorSpec.Group(g.name, g.members, g.tracks,
                    g.opaqueKeywords, NotifyScripts.of(g.notify, g.notifyUser))).toList();
            return new DirectorSpec(director, global.defaultVersion(), specs, groupSpecs,
                    scripts.stream().map(ScriptDraft::checkScript).toList(),
                    trackFiles.stream().map(TrackFileDraft::settings).toList(), global.notifyFifoPath(),
                    NotifyFifoScript.of(global), ScriptSecurity.of(global));
        }

        // ---- reading, as the importer

        void read(ParseResult parsed) {
            diagnostics.addAll(parsed.diagnostics());
            Resolution resolution = parsed.resolution(null);
            diagnostics.addAll(resolution.diagnostics());
            for (ResolvedStatement statement : resolution.statements()) {
                switch (statement.keyword()) {
                    case "global_defs" -> globalDefs.addAll(statement.children());
                    case "vrrp_instance" -> readInstance(statement);
                    case "vrrp_sync_group" -> readSyncGroup(statement);
                    case "vrrp_script" -> readScript(statement);
                    default -> {
                        opaque(statement, OpaqueKeywords.TOP_LEVEL, "at top level");
                        if (TrackFileSettings.KEYWORDS.contains(statement.keyword())) {
                            TrackFileSettings.of(statement).ifPresent(settings ->
                                    trackFiles.add(new TrackFileDraft(statement.keyword(), settings, statement.location())));
                        }
                    }
                }
            }
            pendingReferences.forEach(Runnable::run);
            global = GlobalDefsSpec.read(globalDefs);
        }

        /** The block read once by config's VrrpInstanceSpec (as the model's import reads it), which reports its diagnostics. */
        private void readInstance(ResolvedStatement block) {
            VrrpInstanceSpec spec = VrrpInstanceSpec.read(block, instances::containsKey, diagnostics);
            if (spec == null) {
                return;
            }
            InstanceDraft instance = new InstanceDraft(spec.name(), block.location());
            for (VrrpInstanceSpec.Part part : spec.parts()) {
                take(instance, part);
                if (!part.runByTheEngine()) {
                    instance.opaqueKeywords.add(part.statement().keyword());
                }
            }
            instances.put(spec.name(), instance);
        }

        /** Maps one statement's value into the draft, with where the first of its kind was. */
        private void take(InstanceDraft instance, VrrpInstanceSpec.Part part) {
            ResolvedStatement s = part.statement();
            String keyword = s.keyword();
            // instanceof, not a type switch: its bootstrap cost the daemon's start ~30 ms of CPU (issue 18)
            VrrpInstanceSpec.Value value = part.value();
            if (value instanceof VrrpInstanceSpec.State state) {
                instance.startMaster = state.master();
            } else if (value instanceof VrrpInstanceSpec.Word word) {
                if (keyword.equals("interface")) {
                    instance.itf = word.value();
                } else {
                    instance.unicastSrcIp = word.value();
                }
            } else if (value instanceof VrrpInstanceSpec.Number number) {
                switch (keyword) {
                    case "virtual_router_id" -> instance.vrid = number.value();
                    case "priority" -> instance.priority = number.value();
                    case "version" -> instance.version = number.value();
                    case "preempt_delay" -> instance.preemptDelay = number.value();
                    default -> {
                        // garp_master_*: modelled, not run by the engine yet
                    }
                }
            } else if (value instanceof VrrpInstanceSpec.Interval interval) {
                instance.advertInterval = interval.value();
            } else if (value instanceof VrrpInstanceSpec.Authentication authentication) {
                readAuthentication(instance, authentication.spec());
                return; // it records its own places
            } else if (value instanceof VrrpInstanceSpec.Addresses addresses) {
                if (!addresses.excluded()) { // excluded addresses are not advertised: the engine does not see them
                    for (VirtualAddressSpec a : addresses.addresses()) {
                        instance.vips.add(new DirectorSpec.Vip(a.address(), a.prefix(), a.brd(), a.device(), a.scope(),
                                a.label(), new ArrayList<>(a.options())));
                        instance.vipAt.add(a.line().location());
                    }
                }
            } else if (value instanceof VrrpInstanceSpec.Routes routes) {
                instance.hasVirtualRoutes |= !routes.lines().isEmpty();
            } else if (value instanceof VrrpInstanceSpec.UnicastTtl ttl) {
                instance.unicastTtl = ttl.value();
            } else if (value instanceof VrrpInstanceSpec.Peers peers) {
                instance.unicastPeers.addAll(peers.addresses());
                instance.peerTtl.putAll(DirectorSpec.ttlRanges(peers.ttl()));
            } else if (value instanceof VrrpInstanceSpec.Tracks tracks) {
                readTracks(instance, s, tracks.lines());
                return;
            } else if (value instanceof VrrpInstanceSpec.Notify notify) {
                int index = notify.index();
                if (notify.line().user() != null || instance.notifyUser[index] == null) {
                    // a line with a user wins over one without (the model holds them apart, and so reads them)
                    instance.notify[index] = notify.line().script();
                    instance.notifyUser[index] = notify.line().user();
                }
                return;
            } else {
                if (value instanceof VrrpInstanceSpec.Flag && keyword.equals("nopreempt")) {
                    instance.nopreempt = true;
                }
                return; // a flag (no place kept) or nothing read
            }
            instance.record(keyword, s.location());
        }

        private void readAuthentication(InstanceDraft instance, AuthenticationSpec spec) {
            instance.record("authentication", spec.block().location());
            instance.authType = spec.type(); // a second block replaces the first
            instance.authSecret = spec.secret();
            instance.authBlock = spec.block().location();
            instance.authAt.clear();
            if (spec.typeAt() != null) {
                instance.authAt.put("auth_type", spec.typeAt());
            }
            if (spec.passAt() != null) {
                instance.authAt.put("auth_pass", spec.passAt());
            }
        }

        private void readTracks(InstanceDraft instance, ResolvedStatement block, List<TrackLine> lines) {
            TrackKind kind = DirectorSpec.trackKind(block.keyword());
            for (int i = 0; i < lines.size(); i++) {
                TrackLine line = lines.get(i);
                DirectorSpec.Track track = new DirectorSpec.Track(kind, line.name(), line.weight(), line.reverse());
                ResolvedStatement at = block.children().get(i);
                instance.tracks.add(track);
                instance.trackAt.add(at.location());
                if (kind == TrackKind.SCRIPT) {
                    pendingReferences.add(() -> {
                        if (scripts.stream().noneMatch(script -> script.name.equals(track.name()))) {
                            diagnostics.add(VrrpInstanceSpec.missingScript(at, track.name()));
                            int index = instance.tracks.indexOf(track);
                            instance.tracks.remove(index);
                            instance.trackAt.remove(index);
                        }
                    });
                }
            }
        }

        /** The block read once by config's VrrpSyncGroupSpec (as the model's import reads it), which reports its diagnostics. */
        private void readSyncGroup(ResolvedStatement block) {
            VrrpSyncGroupSpec spec = VrrpSyncGroupSpec.read(block, diagnostics);
            if (spec == null) {
                return;
            }
            GroupDraft group = new GroupDraft(spec.name(), block.location());
            for (VrrpSyncGroupSpec.Member member : spec.members()) {
                pendingReferences.add(() -> {
                    if (spec.resolve(member, instances::containsKey, group.members::contains, diagnostics)) {
                        group.members.add(member.name());
                    }
                });
            }
            for (VrrpSyncGroupSpec.Part part : spec.parts()) {
                ResolvedStatement s = part.statement();
                if (part.kind() == VrrpSyncGroupSpec.Kind.GROUP && group.groupAt == null) {
                    group.groupAt = s.location();
                }
                switch (s.keyword()) {
                    case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify" -> {
                        Optional<NotifyLine> line = NotifyLine.of(s.args()); // as the importer: a block is not looked at
                        int index = NotifyLine.KEYWORDS.indexOf(s.keyword());
                        if (line.isPresent() && (line.get().user() != null || group.notifyUser[index] == null)) {
                            group.notify[index] = line.get().script(); // a line with a user wins, as for instances
                            group.notifyUser[index] = line.get().user();
                        }
                    }
                    case "track_interface", "track_script", "track_file" -> {
                        // the model keeps these as text; the binding reads them from it the same way
                        Optional<List<DirectorSpec.Track>> tracks = DirectorSpec.trackBlock(s);
                        if (tracks.isPresent()) {
                            group.tracks.addAll(tracks.get());
                            tracks.get().forEach(track -> group.trackAt.add(s.location()));
                            continue;
                        }
                    }
                    default -> {
                    }
                }
                if (part.kind() == VrrpSyncGroupSpec.Kind.OPAQUE) {
                    group.opaqueKeywords.add(s.keyword()); // a notify line with a user: run as that user, kept as written
                }
            }
            groups.add(group);
        }

        /** The block read once by config's VrrpScriptSpec (as the model's import reads it), which reports its diagnostics. */
        private void readScript(ResolvedStatement block) {
            VrrpScriptSpec spec = VrrpScriptSpec.read(block, diagnostics);
            if (spec == null) {
                return;
            }
            ScriptDraft script = new ScriptDraft(spec.name());
            script.script = spec.script();
            script.interval = spec.interval();
            script.timeout = spec.timeout();
            script.rise = spec.rise();
            script.fall = spec.fall();
            script.weight = spec.weight();
            script.initFail = spec.initFail();
            script.user = spec.user();
            scripts.add(script);
        }

        private void opaque(ResolvedStatement s, Set<String> known, String where) {
            if (!known.contains(s.keyword())) {
                diagnostics.add(Diagnostic.warning(s.location(), "unknown keyword '" + s.keyword() + "' " + where + ": kept as written"));
            }
        }

        private void error(Location location, String message) {
            diagnostics.add(Diagnostic.error(location, message));
        }

        private void error(Location location, Optional<String> message) {
            if (message.isPresent()) {
                error(location, message.get());
            }
        }

        // ---- judging, as the validator (errors only: the daemon logs the file's warnings, check shows the rest)

        void validate() {
            Map<String, TrackFileDraft> trackFilesByName = new HashMap<>();
            for (TrackFileDraft block : trackFiles) {
                TrackFileDraft clash = trackFilesByName.putIfAbsent(block.settings().name(), block);
                if (clash != null) {
                    error(block.location(), ConfigRules.trackFileDefinedTwice(block.keyword(), block.settings().name(), clash.location()));
                }
                block.settings().problems().forEach(problem -> error(block.location(), problem));
            }
            Map<String, InstanceDraft> vipOwners = new HashMap<>();
            for (InstanceDraft instance : instances.values()) {
                checkInstance(instance, vipOwners, trackFilesByName.keySet());
            }
            checkSyncGroups(trackFilesByName.keySet());
            Map<String, InstanceDraft> vridByInterface = new HashMap<>();
            for (InstanceDraft instance : instances.values()) {
                checkOnDirector(instance, vridByInterface);
            }
        }

        private void checkInstance(InstanceDraft instance, Map<String, InstanceDraft> vipOwners, Set<String> trackFileNames) {
            String name = "vrrp_instance " + instance.name;
            error(instance.at("virtual_router_id"), ConfigRules.vrid(name, instance.vrid));
            error(instance.at("version"), ConfigRules.version(name, instance.version));
            int version = instance.version == null ? global.defaultVersion() : instance.version;
            Optional<ConfigRules.Finding> interval = ConfigRules.advertInterval(name, instance.advertInterval, version);
            if (interval.isPresent() && interval.get().severity() == Severity.ERROR) {
                error(instance.at(interval.get().keyword()), interval.get().message());
            }
            if (instance.authType != null && (instance.authSecret == null || instance.authSecret.isEmpty())) {
                error(instance.authAt.getOrDefault("auth_pass", instance.authBlock), ConfigRules.authNeedsPass(name, instance.authType));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < instance.vips.size(); i++) {
                String key = instance.vips.get(i).address();
                if (!seen.add(key)) {
                    continue; // listed twice: a warning of the validator's
                }
                InstanceDraft owner = vipOwners.putIfAbsent(key, instance);
                if (owner != null && owner != instance) {
                    error(instance.vipAt.get(i), ConfigRules.addressOwnedTwice(name, key, owner.name, owner.at("virtual_ipaddress")));
                }
            }
            checkTracks(name, instance.tracks, instance.trackAt, trackFileNames);
        }

        /** Track lines of an instance or a sync group, with where each was written. */
        private void checkTracks(String name, List<DirectorSpec.Track> tracks, List<Location> trackAt, Set<String> trackFileNames) {
            for (int i = 0; i < tracks.size(); i++) {
                DirectorSpec.Track track = tracks.get(i);
                Location at = trackAt.get(i);
                if (track.kind() == TrackKind.SCRIPT && scripts.stream().noneMatch(script -> script.name.equals(track.name()))) {
                    error(at, ConfigRules.trackScriptMissing(name, track.name())); // an instance's are dropped when read
                }
                if (track.kind() == TrackKind.FILE && !trackFileNames.contains(track.name())) {
                    error(at, ConfigRules.trackFileMissing(name, track.name()));
                }
                error(at, ConfigRules.trackWeight(name, track.weight()));
            }
        }

        private void checkSyncGroups(Set<String> trackFileNames) {
            Map<String, GroupDraft> membership = new HashMap<>();
            for (GroupDraft group : groups) {
                // the group's own track blocks, judged as the validator judges the model's copy of them
                checkTracks("vrrp_sync_group " + group.name, group.tracks, group.trackAt, trackFileNames);
                for (String member : group.members) {
                    GroupDraft other = membership.putIfAbsent(member, group);
                    if (other != null && other != group) {
                        error(group.groupAt(), ConfigRules.inTwoSyncGroups(group.name, member, other.name, other.groupAt()));
                    }
                }
            }
        }

        private void checkOnDirector(InstanceDraft instance, Map<String, InstanceDraft> vridByInterface) {
            String name = "vrrp_instance " + instance.name + " on " + director;
            error(instance.at("priority"), ConfigRules.priority(name, instance.priority));
            if (instance.itf == null) {
                error(instance.block, ConfigRules.noInterface(name));
            } else {
                InstanceDraft other = vridByInterface.putIfAbsent(ConfigRules.vridDomain(instance.itf, instance.ipv6(), instance.vrid), instance);
                if (other != null) {
                    error(instance.at("virtual_router_id"), ConfigRules.vridTaken(name, instance.vrid, other.name, instance.itf,
                            other.at("virtual_router_id")));
                }
            }
            for (ConfigRules.Finding finding : ConfigRules.unicast(name, instance.unicastSrcIp, instance.unicastPeers, instance.ipv6(),
                    ConfigRules.NO_FURTHER_PEER_CHECK)) {
                error(instance.at(finding.keyword()), finding.message());
            }
        }
    }
}

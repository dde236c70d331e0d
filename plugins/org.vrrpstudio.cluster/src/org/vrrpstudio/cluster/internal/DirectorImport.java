package org.vrrpstudio.cluster.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.vrrpstudio.cluster.SourceMap;
import org.vrrpstudio.config.AuthenticationSpec;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.OpaqueKeywords;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Resolution;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.VirtualAddressSpec;
import org.vrrpstudio.config.VrrpInstanceSpec;
import org.vrrpstudio.config.VrrpScriptSpec;
import org.vrrpstudio.config.VrrpSyncGroupSpec;
import org.vrrpstudio.config.TrackLine;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Commented;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.ModelFactory;
import org.vrrpstudio.model.OpaqueStatement;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.Track;
import org.vrrpstudio.model.TrackFile;
import org.vrrpstudio.model.TrackInterface;
import org.vrrpstudio.model.TrackScript;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VirtualRoute;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.model.VrrpScript;

/**
 * One director's keepalived.conf → a cluster holding that one director. Everything the model does not
 * interpret is kept as opaque text; unknown keywords are kept and warned about. Problems are collected as
 * diagnostics; the caller decides whether the result is usable (no errors).
 */
public final class DirectorImport {

    private static final ModelFactory FACTORY = ModelFactory.eINSTANCE;

    private final ParseResult parsed;
    private final String directorName;
    private final String configId;
    private final SourceMap sources;
    private final List<Diagnostic> diagnostics;
    private final CommentIndex comments;
    private final Cluster cluster = FACTORY.createCluster();
    private final Director director = FACTORY.createDirector();
    /** Sync groups and track_script refer to names defined anywhere in the file: resolved after the first pass. */
    private final List<Runnable> pendingReferences = new ArrayList<>();

    public DirectorImport(ParseResult parsed, String directorName, String configId, SourceMap sources,
            List<Diagnostic> diagnostics) {
        this.parsed = parsed;
        this.directorName = directorName;
        this.configId = configId;
        this.sources = sources;
        this.diagnostics = diagnostics;
        this.comments = new CommentIndex(parsed);
    }

    public Cluster run() {
        diagnostics.addAll(parsed.diagnostics());
        Resolution resolution = parsed.resolutionForDirector(configId);
        diagnostics.addAll(resolution.diagnostics());
        director.setName(directorName);
        cluster.getDirectors().add(director);
        sources.record(cluster, Location.of(parsed.main().path()));
        sources.record(director, Location.of(parsed.main().path()));
        boolean seenVrrp = false;
        for (ResolvedStatement statement : resolution.statements()) {
            switch (statement.keyword()) {
                case "global_defs" -> importGlobalDefs(statement);
                case "vrrp_instance" -> {
                    seenVrrp = true;
                    importInstance(statement);
                }
                case "vrrp_sync_group" -> {
                    seenVrrp = true;
                    importSyncGroup(statement);
                }
                case "vrrp_script" -> importScript(statement);
                default -> {
                    OpaqueStatement opaque = opaque(statement, OpaqueKeywords.TOP_LEVEL, "at top level");
                    takeBlankBefore(opaque, statement);
                    opaque.setAfterInstances(seenVrrp);
                    cluster.getOpaqueBlocks().add(opaque);
                }
            }
        }
        pendingReferences.forEach(Runnable::run);
        if (!comments.end().isEmpty()) {
            cluster.getInnerComments().put(CommentKeys.END_OF_FILE, String.join("\n", comments.end()));
        }
        return cluster;
    }

    private void importGlobalDefs(ResolvedStatement block) {
        // global_defs is written first on export: the comments before it head the file
        cluster.getLeadingComments().addAll(comments.before(block.source()));
        if (block.source() != null && block.source().comment() != null) {
            cluster.getInnerComments().put("global_defs#", block.source().comment());
        }
        takeClosingComments(cluster, block, "global_defs");
        for (ResolvedStatement statement : block.children()) {
            if (statement.keyword().equals("router_id") && statement.args().size() == 1) {
                director.setRouterId(statement.args().getFirst());
                sources.record(director, "router_id", statement.location());
                takeInnerComments(director, statement);
            } else {
                // global_defs has too many keywords to list; the model keeps them all as text, unjudged
                OpaqueStatement opaque = FACTORY.createOpaqueStatement();
                opaque.setKeyword(statement.keyword());
                opaque.setText(OpaqueText.of(statement));
                opaque.getLeadingComments().addAll(comments.before(statement.source()));
                takeOpaqueComments(opaque, statement);
                sources.record(opaque, statement.location());
                cluster.getGlobalDefs().add(opaque);
            }
        }
    }

    /** Maps the one reading of the block (config's VrrpInstanceSpec, which reports its diagnostics) to the model. */
    private void importInstance(ResolvedStatement block) {
        VrrpInstanceSpec spec = VrrpInstanceSpec.read(block,
                name -> cluster.getInstances().stream().anyMatch(i -> name.equals(i.getName())), diagnostics);
        if (spec == null) {
            return;
        }
        VrrpInstance instance = FACTORY.createVrrpInstance();
        DirectorInstance settings = FACTORY.createDirectorInstance();
        settings.setInstance(instance);
        instance.setName(spec.name());
        takeComments(instance, block);
        sources.record(instance, block.location());
        sources.record(settings, block.location());
        for (VrrpInstanceSpec.Part part : spec.parts()) {
            if (part.modelled()) {
                importInstanceStatement(instance, settings, part);
                takeInnerComments(instance, part.statement());
            } else {
                instance.getOpaqueStatements().add(keptAsWritten(part.statement()));
            }
        }
        cluster.getInstances().add(instance);
        director.getInstanceSettings().add(settings);
    }

    /** A modelled statement's value into the model, with where it was written. */
    private void importInstanceStatement(VrrpInstance instance, DirectorInstance settings, VrrpInstanceSpec.Part part) {
        ResolvedStatement s = part.statement();
        String keyword = s.keyword();
        EObject owner = instance;
        switch (part.value()) {
            case VrrpInstanceSpec.State state -> {
                settings.setInitialState(state.master() ? InitialState.MASTER : InitialState.BACKUP);
                owner = settings;
            }
            case VrrpInstanceSpec.Word word -> {
                if (keyword.equals("interface")) {
                    instance.setInterface(word.value());
                } else {
                    settings.setUnicastSrcIp(word.value());
                    owner = settings;
                }
            }
            case VrrpInstanceSpec.Number number -> {
                int value = number.value();
                switch (keyword) {
                    case "virtual_router_id" -> instance.setVrid(value);
                    case "priority" -> {
                        settings.setPriority(value);
                        owner = settings;
                    }
                    case "version" -> instance.setVersion(value);
                    case "preempt_delay" -> instance.setPreemptDelay(value);
                    case "garp_master_delay" -> instance.setGarpMasterDelay(value);
                    case "garp_master_repeat" -> instance.setGarpMasterRepeat(value);
                    case "garp_master_refresh" -> instance.setGarpMasterRefresh(value);
                    default -> instance.setGarpMasterRefreshRepeat(value);
                }
            }
            case VrrpInstanceSpec.Interval interval -> instance.setAdvertInterval(interval.value().decimal());
            case VrrpInstanceSpec.Authentication authentication -> {
                importAuthentication(instance, authentication.spec());
                return; // it records its own places
            }
            case VrrpInstanceSpec.Addresses addresses ->
                addresses(addresses, addresses.excluded() ? instance.getExcludedAddresses() : instance.getVirtualAddresses());
            case VrrpInstanceSpec.Routes routes -> {
                for (ResolvedStatement line : routes.lines()) {
                    VirtualRoute route = FACTORY.createVirtualRoute();
                    route.getWords().addAll(line.words());
                    instance.getVirtualRoutes().add(route);
                    sources.record(route, line.location());
                }
            }
            case VrrpInstanceSpec.Peers peers -> {
                settings.getUnicastPeers().addAll(peers.addresses().stream()
                        .filter(peer -> !settings.getUnicastPeers().contains(peer)).distinct().toList());
                owner = settings;
            }
            case VrrpInstanceSpec.Flag flag -> {
                if (keyword.equals("nopreempt")) {
                    instance.setNopreempt(true);
                } else {
                    instance.setSmtpAlert(true);
                }
            }
            case VrrpInstanceSpec.Tracks tracks -> {
                importTracks(instance, s, tracks.lines());
                return;
            }
            case VrrpInstanceSpec.Notify notify -> {
                String script = notify.line().script();
                switch (keyword) {
                    case "notify_master" -> instance.setNotifyMaster(script);
                    case "notify_backup" -> instance.setNotifyBackup(script);
                    case "notify_fault" -> instance.setNotifyFault(script);
                    case "notify_stop" -> instance.setNotifyStop(script);
                    default -> instance.setNotify(script);
                }
            }
            case VrrpInstanceSpec.UnicastTtl ttl -> {
                return; // never modelled: kept as written
            }
            case VrrpInstanceSpec.Nothing nothing -> {
                return; // a bad value: its error is reported
            }
        }
        sources.record(owner, keyword, s.location());
    }

    /** Maps the one reading of the block (config's AuthenticationSpec, which reports its errors) to the model. */
    private void importAuthentication(VrrpInstance instance, AuthenticationSpec spec) {
        ResolvedStatement block = spec.block();
        Authentication authentication = FACTORY.createAuthentication();
        authentication.setType(spec.type() == null ? AuthType.NONE : AuthType.get(spec.type()));
        if (spec.secret() != null) {
            authentication.setSecret(spec.secret());
        }
        sources.record(instance, "authentication", block.location());
        sources.record(authentication, block.location());
        for (AuthenticationSpec.Part part : spec.parts()) {
            ResolvedStatement s = part.statement();
            takeInnerComments(instance, s, "authentication/");
            if (part.taken()) {
                sources.record(authentication, s.keyword(), s.location());
                if (s.keyword().equals("auth_pass") && cutByAComment(s)) {
                    // auth_pass k@l!ve1: keepalived's password is k@l; the console offers the two ways out
                    instance.getInnerComments().put(CommentKeys.AUTH_PASS_CUT, "");
                }
            }
        }
        instance.setAuthentication(authentication);
    }

    /** Maps the one reading of the block's lines (config's VirtualAddressSpec, which reports its errors) to the model. */
    private void addresses(VrrpInstanceSpec.Addresses addresses, List<VirtualAddress> into) {
        for (VirtualAddressSpec spec : addresses.addresses()) {
            VirtualAddress address = FACTORY.createVirtualAddress();
            address.setAddress(spec.address());
            address.setPrefix(spec.prefix());
            address.setBrd(spec.brd());
            address.setDevice(spec.device());
            address.setScope(spec.scope());
            address.setLabel(spec.label());
            address.getOptions().addAll(spec.options());
            into.add(address);
            sources.record(address, spec.line().location());
        }
    }

    private void importTracks(VrrpInstance instance, ResolvedStatement block, List<TrackLine> lines) {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ResolvedStatement line = block.children().get(i);
            String name = lines.get(i).name();
            Track track = switch (block.keyword()) {
                case "track_interface" -> {
                    TrackInterface t = FACTORY.createTrackInterface();
                    t.setInterfaceName(name);
                    yield t;
                }
                case "track_file" -> {
                    TrackFile t = FACTORY.createTrackFile();
                    t.setFileName(name);
                    yield t;
                }
                default -> {
                    TrackScript t = FACTORY.createTrackScript();
                    pendingReferences.add(() -> {
                        VrrpScript script = cluster.getScripts().stream()
                                .filter(candidate -> name.equals(candidate.getName())).findFirst().orElse(null);
                        if (script == null) {
                            diagnostics.add(VrrpInstanceSpec.missingScript(line, name));
                            instance.getTracks().remove(t);
                        } else {
                            t.setScript(script);
                        }
                    });
                    yield t;
                }
            };
            track.setWeight(lines.get(i).weight());
            track.setReverse(lines.get(i).reverse());
            sources.record(track, line.location());
            tracks.add(track);
        }
        instance.getTracks().addAll(tracks);
    }

    /** Maps the one reading of the block (config's VrrpSyncGroupSpec, which reports its diagnostics) to the model. */
    private void importSyncGroup(ResolvedStatement block) {
        VrrpSyncGroupSpec spec = VrrpSyncGroupSpec.read(block, diagnostics);
        if (spec == null) {
            return;
        }
        SyncGroup group = FACTORY.createSyncGroup();
        group.setName(spec.name());
        takeComments(group, block);
        sources.record(group, block.location());
        for (VrrpSyncGroupSpec.Member member : spec.members()) {
            pendingReferences.add(() -> resolveMember(spec, group, member));
        }
        for (VrrpSyncGroupSpec.Part part : spec.parts()) {
            ResolvedStatement s = part.statement();
            switch (part.kind()) {
                case GROUP -> {
                    sources.record(group, "group", s.location());
                    takeInnerComments(group, s);
                }
                case NOTIFY -> {
                    String script = s.args().getFirst();
                    switch (s.keyword()) {
                        case "notify_master" -> group.setNotifyMaster(script);
                        case "notify_backup" -> group.setNotifyBackup(script);
                        case "notify_fault" -> group.setNotifyFault(script);
                        case "notify_stop" -> group.setNotifyStop(script);
                        default -> group.setNotify(script);
                    }
                    sources.record(group, s.keyword(), s.location());
                    takeInnerComments(group, s);
                }
                case SMTP_ALERT -> {
                    group.setSmtpAlert(true);
                    sources.record(group, s.keyword(), s.location());
                    takeInnerComments(group, s);
                }
                case OPAQUE -> group.getOpaqueStatements().add(keptAsWritten(s));
            }
        }
        cluster.getSyncGroups().add(group);
    }

    private void resolveMember(VrrpSyncGroupSpec spec, SyncGroup group, VrrpSyncGroupSpec.Member member) {
        if (spec.resolve(member, name -> cluster.getInstances().stream().anyMatch(i -> name.equals(i.getName())),
                name -> group.getInstances().stream().anyMatch(i -> name.equals(i.getName())), diagnostics)) {
            cluster.getInstances().stream().filter(i -> member.name().equals(i.getName())).findFirst()
                    .ifPresent(group.getInstances()::add);
        }
    }

    /** Maps the one reading of the block (config's VrrpScriptSpec, which reports its diagnostics) to the model. */
    private void importScript(ResolvedStatement block) {
        VrrpScriptSpec spec = VrrpScriptSpec.read(block, diagnostics);
        if (spec == null) {
            return;
        }
        VrrpScript script = FACTORY.createVrrpScript();
        script.setName(spec.name());
        takeComments(script, block);
        sources.record(script, block.location());
        if (spec.script() != null) {
            script.setScript(spec.script());
        }
        if (spec.interval() != null) {
            script.setInterval(spec.interval());
        }
        if (spec.weight() != null) {
            script.setWeight(spec.weight());
        }
        if (spec.fall() != null) {
            script.setFall(spec.fall());
        }
        if (spec.rise() != null) {
            script.setRise(spec.rise());
        }
        if (spec.timeout() != null) {
            script.setTimeout(spec.timeout());
        }
        if (spec.user() != null) {
            script.setUser(spec.user());
        }
        for (VrrpScriptSpec.Part part : spec.parts()) {
            ResolvedStatement s = part.statement();
            if (part.modelled()) {
                sources.record(script, s.keyword(), s.location());
                takeInnerComments(script, s);
            } else {
                script.getOpaqueStatements().add(keptAsWritten(s));
            }
        }
        cluster.getScripts().add(script);
    }

    private OpaqueStatement opaque(ResolvedStatement s, Set<String> known, String where) {
        OpaqueStatement opaque = keptAsWritten(s);
        if (!known.contains(s.keyword())) {
            warning(s, "unknown keyword '" + s.keyword() + "' " + where + ": kept as written");
        }
        return opaque;
    }

    /** The statement as an opaque model element, without judging its keyword (the reader has). */
    private OpaqueStatement keptAsWritten(ResolvedStatement s) {
        OpaqueStatement opaque = FACTORY.createOpaqueStatement();
        opaque.setKeyword(s.keyword());
        opaque.setText(OpaqueText.of(s));
        opaque.getLeadingComments().addAll(comments.before(s.source()));
        takeOpaqueComments(opaque, s);
        sources.record(opaque, s.location());
        return opaque;
    }

    /** Whether the parser found a comment glued to this line's last word (the warning it gives for that). */
    private boolean cutByAComment(ResolvedStatement s) {
        return s.source() != null && s.source().comment() != null && parsed.diagnostics().stream()
                .anyMatch(d -> d.location().file().equals(s.location().file()) && d.location().line() == s.location().line()
                        && d.message().contains("starts a comment even inside a word"));
    }

    private void takeComments(Commented element, ResolvedStatement s) {
        element.getLeadingComments().addAll(comments.before(s.source()));
        takeOwnComments(element, s);
        takeBlankBefore(element, s);
    }

    private void takeBlankBefore(Commented element, ResolvedStatement s) {
        if (comments.blankBefore(s.source())) {
            element.getInnerComments().put(CommentKeys.BLANK_BEFORE, "");
        }
    }

    /** The comments ending the element's own line and its closing brace's line. */
    private void takeOwnComments(Commented element, ResolvedStatement s) {
        if (s.source() != null && s.source().comment() != null) {
            element.getInnerComments().put(CommentKeys.OWN_LINE, s.source().comment());
        }
        takeClosingComments(element, s, "");
    }

    /** The comment lines before a block's closing brace and the comment ending its line, under {@code key}. */
    private void takeClosingComments(Commented element, ResolvedStatement s, String key) {
        if (s.source() == null) {
            return;
        }
        if (s.source().closingComment() != null) {
            element.getInnerComments().put(key + CommentKeys.CLOSING, s.source().closingComment());
        }
        List<String> insideEnd = comments.insideEnd(s.source());
        if (!insideEnd.isEmpty()) {
            element.getInnerComments().put(key + CommentKeys.INSIDE_END, String.join("\n", insideEnd));
        }
    }

    /** An opaque statement's own comments and those of every statement inside it, keyed by their keyword path. */
    private void takeOpaqueComments(OpaqueStatement opaque, ResolvedStatement s) {
        takeOwnComments(opaque, s);
        takeNestedComments(opaque, s, "");
    }

    private void takeNestedComments(Commented element, ResolvedStatement s, String prefix) {
        for (ResolvedStatement child : s.children()) {
            List<String> before = comments.before(child.source());
            if (!before.isEmpty()) {
                element.getInnerComments().put(prefix + child.keyword(), String.join("\n", before));
            }
            if (child.source() != null && child.source().comment() != null) {
                element.getInnerComments().put(prefix + child.keyword() + "#", child.source().comment());
            }
            takeClosingComments(element, child, prefix + child.keyword());
            takeNestedComments(element, child, prefix + child.keyword() + "/");
        }
    }

    private void takeInnerComments(Commented element, ResolvedStatement s) {
        takeInnerComments(element, s, "");
    }

    /** Comments of a nested statement are kept on the element under {@code prefix + keyword}. */
    private void takeInnerComments(Commented element, ResolvedStatement s, String prefix) {
        List<String> before = comments.before(s.source());
        if (!before.isEmpty()) {
            element.getInnerComments().put(prefix + s.keyword(), String.join("\n", before));
        }
        if (s.source() != null && s.source().comment() != null) {
            element.getInnerComments().put(prefix + s.keyword() + "#", s.source().comment());
        }
        takeClosingComments(element, s, prefix + s.keyword());
        if (CommentKeys.LIST_BLOCKS.contains(s.keyword())) {
            // a VIP, route, peer, track or member line: its comments are keyed by the line's first word
            for (ResolvedStatement line : s.children()) {
                takeInnerComments(element, line, prefix + s.keyword() + "/");
            }
        }
    }

    private void warning(ResolvedStatement s, String message) {
        diagnostics.add(Diagnostic.warning(s.location(), message));
    }
}

package org.vrrpstudio.cluster.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.vrrpstudio.config.StatementValues;
import org.vrrpstudio.config.VirtualAddressSpec;
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

    private void importInstance(ResolvedStatement block) {
        VrrpInstance instance = FACTORY.createVrrpInstance();
        DirectorInstance settings = FACTORY.createDirectorInstance();
        settings.setInstance(instance);
        String name = singleArg(block, "vrrp_instance needs a name");
        if (name == null) {
            return;
        }
        instance.setName(name);
        if (cluster.getInstances().stream().anyMatch(i -> name.equals(i.getName()))) {
            error(block, "vrrp_instance " + name + " is defined twice");
            return;
        }
        takeComments(instance, block);
        sources.record(instance, block.location());
        sources.record(settings, block.location());
        for (ResolvedStatement s : block.children()) {
            if (!importInstanceStatement(instance, settings, s)) {
                instance.getOpaqueStatements().add(opaque(s, OpaqueKeywords.INSTANCE, "in vrrp_instance " + name));
            } else {
                takeInnerComments(instance, s);
            }
        }
        cluster.getInstances().add(instance);
        director.getInstanceSettings().add(settings);
    }

    /** @return false when the statement is not modelled (or not in the modelled shape) and must stay opaque */
    private boolean importInstanceStatement(VrrpInstance instance, DirectorInstance settings, ResolvedStatement s) {
        String keyword = s.keyword();
        List<String> args = s.args();
        boolean single = args.size() == 1 && !s.hasBlock();
        switch (keyword) {
            case "state" -> {
                if (!single || !(args.getFirst().equals("MASTER") || args.getFirst().equals("BACKUP"))) {
                    error(s, "state must be MASTER or BACKUP");
                    return true;
                }
                settings.setInitialState(InitialState.get(args.getFirst()));
                sources.record(settings, keyword, s.location());
            }
            case "interface" -> {
                if (!single) {
                    return false;
                }
                instance.setInterface(args.getFirst());
                sources.record(instance, keyword, s.location());
            }
            case "virtual_router_id" -> {
                Integer vrid = integer(s);
                if (vrid != null) {
                    instance.setVrid(vrid);
                    sources.record(instance, keyword, s.location());
                }
            }
            case "priority" -> {
                Integer priority = integer(s);
                if (priority != null) {
                    settings.setPriority(priority);
                    sources.record(settings, keyword, s.location());
                }
            }
            case "advert_int" -> {
                BigDecimal interval = decimal(s);
                if (interval != null) {
                    instance.setAdvertInterval(interval);
                    sources.record(instance, keyword, s.location());
                }
            }
            case "version" -> {
                Integer version = integer(s);
                if (version != null) {
                    instance.setVersion(version);
                    sources.record(instance, keyword, s.location());
                }
            }
            case "authentication" -> importAuthentication(instance, s);
            case "virtual_ipaddress" -> addresses(s, instance.getVirtualAddresses(), instance);
            case "virtual_ipaddress_excluded" -> addresses(s, instance.getExcludedAddresses(), instance);
            case "virtual_routes" -> {
                for (ResolvedStatement line : s.children()) {
                    VirtualRoute route = FACTORY.createVirtualRoute();
                    route.getWords().addAll(line.words());
                    instance.getVirtualRoutes().add(route);
                    sources.record(route, line.location());
                }
                sources.record(instance, keyword, s.location());
            }
            case "unicast_src_ip" -> {
                if (!single) {
                    return false;
                }
                settings.setUnicastSrcIp(args.getFirst());
                sources.record(settings, keyword, s.location());
            }
            case "unicast_peer" -> {
                if (s.children().stream().anyMatch(line -> !line.args().isEmpty() || line.hasBlock())) {
                    return false; // per-peer options (min_ttl...): keep the block as written
                }
                s.children().forEach(line -> settings.getUnicastPeers().add(line.keyword()));
                sources.record(settings, keyword, s.location());
            }
            case "nopreempt" -> {
                if (!args.isEmpty() || s.hasBlock()) {
                    return false;
                }
                instance.setNopreempt(true);
                sources.record(instance, keyword, s.location());
            }
            case "preempt_delay" -> setInteger(s, instance, value -> instance.setPreemptDelay(value));
            case "garp_master_delay" -> setInteger(s, instance, value -> instance.setGarpMasterDelay(value));
            case "garp_master_repeat" -> setInteger(s, instance, value -> instance.setGarpMasterRepeat(value));
            case "garp_master_refresh" -> setInteger(s, instance, value -> instance.setGarpMasterRefresh(value));
            case "garp_master_refresh_repeat" ->
                setInteger(s, instance, value -> instance.setGarpMasterRefreshRepeat(value));
            case "track_interface", "track_script", "track_file" -> {
                return importTracks(instance, s);
            }
            case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify" -> {
                if (!single) {
                    return false; // a user/group after the script: keep as written
                }
                switch (keyword) {
                    case "notify_master" -> instance.setNotifyMaster(args.getFirst());
                    case "notify_backup" -> instance.setNotifyBackup(args.getFirst());
                    case "notify_fault" -> instance.setNotifyFault(args.getFirst());
                    case "notify_stop" -> instance.setNotifyStop(args.getFirst());
                    default -> instance.setNotify(args.getFirst());
                }
                sources.record(instance, keyword, s.location());
            }
            case "smtp_alert" -> {
                if (!args.isEmpty()) {
                    return false;
                }
                instance.setSmtpAlert(true);
                sources.record(instance, keyword, s.location());
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Maps the one reading of the block (config's AuthenticationSpec, which reports its errors) to the model. */
    private void importAuthentication(VrrpInstance instance, ResolvedStatement block) {
        AuthenticationSpec spec = AuthenticationSpec.read(block, diagnostics);
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
    private void addresses(ResolvedStatement block, List<VirtualAddress> into, VrrpInstance instance) {
        sources.record(instance, block.keyword(), block.location());
        for (VirtualAddressSpec spec : VirtualAddressSpec.read(block, diagnostics)) {
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

    private boolean importTracks(VrrpInstance instance, ResolvedStatement block) {
        Optional<List<TrackLine>> read = TrackLine.block(block);
        if (read.isEmpty()) {
            return false; // another option: keep the block as written
        }
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < read.get().size(); i++) {
            ResolvedStatement line = block.children().get(i);
            Integer weight = read.get().get(i).weight();
            boolean reverse = read.get().get(i).reverse();
            String name = read.get().get(i).name();
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
                            error(line, "track_script names '" + name + "', which no vrrp_script defines");
                            instance.getTracks().remove(t);
                        } else {
                            t.setScript(script);
                        }
                    });
                    yield t;
                }
            };
            track.setWeight(weight);
            track.setReverse(reverse);
            sources.record(track, line.location());
            tracks.add(track);
        }
        instance.getTracks().addAll(tracks);
        return true;
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

    private String singleArg(ResolvedStatement s, String message) {
        if (s.args().size() != 1) {
            error(s, message);
            return null;
        }
        return s.args().getFirst();
    }

    private Integer integer(ResolvedStatement s) {
        return StatementValues.integer(s, diagnostics);
    }

    private BigDecimal decimal(ResolvedStatement s) {
        return StatementValues.seconds(s, diagnostics);
    }

    private void setInteger(ResolvedStatement s, EObject owner, java.util.function.IntConsumer setter) {
        Integer value = integer(s);
        if (value != null) {
            setter.accept(value);
            sources.record(owner, s.keyword(), s.location());
        }
    }

    private void error(ResolvedStatement s, String message) {
        diagnostics.add(Diagnostic.error(s.location(), message));
    }

    private void warning(ResolvedStatement s, String message) {
        diagnostics.add(Diagnostic.warning(s.location(), message));
    }
}

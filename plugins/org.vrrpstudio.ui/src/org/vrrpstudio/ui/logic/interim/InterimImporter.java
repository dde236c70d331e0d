package org.vrrpstudio.ui.logic.interim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Resolution;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.ModelFactory;
import org.vrrpstudio.model.OpaqueStatement;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.TrackInterface;
import org.vrrpstudio.model.TrackScript;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.model.VrrpScript;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;

/**
 * Imports one or two directors' keepalived.conf into a cluster model. Stand-in until the cluster bundle's
 * importer is available to the console. All files are parsed before anything is built, so a file with errors
 * imports nothing.
 */
public final class InterimImporter {

    private static final ModelFactory FACTORY = ModelFactory.eINSTANCE;
    private static final int MASTER_PRIORITY = 150;
    private static final int BACKUP_PRIORITY = 100;

    public ImportOutcome importDirectors(List<DirectorSource> sources) {
        if (sources.isEmpty() || sources.size() > 2) {
            throw new IllegalArgumentException("one or two directors' files, not " + sources.size());
        }
        List<Diagnostic> errors = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        List<List<ResolvedStatement>> parsed = new ArrayList<>();
        for (DirectorSource source : sources) {
            ParseResult result = new ConfigParser().parse(source.path(), source.text());
            Resolution resolution = result.resolution(null);
            for (Diagnostic d : concat(result.diagnostics(), resolution.diagnostics())) {
                (d.severity() == Severity.ERROR ? errors : warnings).add(d);
            }
            parsed.add(resolution.statements());
        }
        if (!errors.isEmpty()) {
            return new ImportOutcome.Failed(errors);
        }
        Cluster cluster = FACTORY.createCluster();
        cluster.setName(sources.getFirst().directorName() + (sources.size() > 1 ? "+" + sources.get(1).directorName() : ""));
        Director first = director(cluster, sources.getFirst().directorName());
        readShared(cluster, first, parsed.getFirst());
        List<String> differences = new ArrayList<>();
        if (sources.size() == 2) {
            Director second = director(cluster, sources.get(1).directorName());
            readSecond(cluster, second, parsed.get(1), differences);
        } else {
            Director mirror = director(cluster, sources.getFirst().directorName().equals("director1") ? "director2"
                    : sources.getFirst().directorName() + "-peer");
            mirror(cluster, first, mirror);
        }
        return new ImportOutcome.Imported(cluster, differences, warnings);
    }

    private static List<Diagnostic> concat(List<Diagnostic> a, List<Diagnostic> b) {
        List<Diagnostic> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Director director(Cluster cluster, String name) {
        Director director = FACTORY.createDirector();
        director.setName(name);
        cluster.getDirectors().add(director);
        return director;
    }

    private static void readShared(Cluster cluster, Director director, List<ResolvedStatement> statements) {
        Map<String, List<String>> groupMembers = new LinkedHashMap<>();
        boolean seenInstance = false;
        for (ResolvedStatement statement : statements) {
            switch (statement.keyword()) {
                case "global_defs" -> {
                    for (ResolvedStatement def : statement.children()) {
                        if (def.keyword().equals("router_id")) {
                            director.setRouterId(def.arg(0).orElse(null));
                        } else {
                            cluster.getGlobalDefs().add(opaque(def, false));
                        }
                    }
                }
                case "vrrp_script" -> cluster.getScripts().add(script(statement));
                case "vrrp_sync_group" -> {
                    SyncGroup group = FACTORY.createSyncGroup();
                    group.setName(statement.arg(0).orElse("?"));
                    List<String> members = new ArrayList<>();
                    statement.child("group").ifPresent(g -> g.children().forEach(m -> members.addAll(m.words())));
                    groupMembers.put(group.getName(), members);
                    group.setNotifyMaster(statement.child("notify_master").flatMap(s -> s.arg(0)).orElse(null));
                    group.setNotifyBackup(statement.child("notify_backup").flatMap(s -> s.arg(0)).orElse(null));
                    group.setNotifyFault(statement.child("notify_fault").flatMap(s -> s.arg(0)).orElse(null));
                    cluster.getSyncGroups().add(group);
                }
                case "vrrp_instance" -> {
                    seenInstance = true;
                    VrrpInstance instance = instance(cluster, statement);
                    cluster.getInstances().add(instance);
                    director.getInstanceSettings().add(settings(instance, statement, null));
                }
                default -> cluster.getOpaqueBlocks().add(opaque(statement, seenInstance));
            }
        }
        for (SyncGroup group : cluster.getSyncGroups()) {
            for (String member : groupMembers.get(group.getName())) {
                find(cluster, member).ifPresent(group.getInstances()::add);
            }
        }
    }

    private static VrrpInstance instance(Cluster cluster, ResolvedStatement statement) {
        VrrpInstance instance = FACTORY.createVrrpInstance();
        instance.setName(statement.arg(0).orElse("?"));
        for (ResolvedStatement s : statement.children()) {
            String value = s.arg(0).orElse(null);
            switch (s.keyword()) {
                case "state", "priority", "unicast_src_ip", "unicast_peer" -> {
                    // per director, see settings()
                }
                case "interface" -> instance.setInterface(value);
                case "virtual_router_id" -> instance.setVrid(integer(value, 0));
                case "version" -> instance.setVersion(integer(value, 2));
                case "advert_int" -> instance.setAdvertInterval(decimal(value));
                case "nopreempt" -> instance.setNopreempt(true);
                case "preempt_delay" -> instance.setPreemptDelay(integer(value, 0));
                case "garp_master_delay" -> instance.setGarpMasterDelay(integer(value, 0));
                case "authentication" -> {
                    Authentication auth = FACTORY.createAuthentication();
                    auth.setType(s.child("auth_type").flatMap(t -> t.arg(0)).map(InterimImporter::authType)
                            .orElse(AuthType.NONE));
                    auth.setSecret(s.child("auth_pass").flatMap(t -> t.arg(0)).orElse(null));
                    instance.setAuthentication(auth);
                }
                case "virtual_ipaddress" -> s.children().forEach(a -> instance.getVirtualAddresses().add(address(a)));
                case "virtual_ipaddress_excluded" ->
                    s.children().forEach(a -> instance.getExcludedAddresses().add(address(a)));
                case "track_interface" -> s.children().forEach(t -> {
                    TrackInterface track = FACTORY.createTrackInterface();
                    track.setInterfaceName(t.keyword());
                    track.setWeight(weight(t));
                    instance.getTracks().add(track);
                });
                case "track_script" -> s.children().forEach(t -> cluster.getScripts().stream()
                        .filter(script -> script.getName().equals(t.keyword())).findFirst().ifPresent(script -> {
                            TrackScript track = FACTORY.createTrackScript();
                            track.setScript(script);
                            track.setWeight(weight(t));
                            instance.getTracks().add(track);
                        }));
                case "notify_master" -> instance.setNotifyMaster(value);
                case "notify_backup" -> instance.setNotifyBackup(value);
                case "notify_fault" -> instance.setNotifyFault(value);
                case "notify_stop" -> instance.setNotifyStop(value);
                case "notify" -> instance.setNotify(value);
                case "smtp_alert" -> instance.setSmtpAlert(true);
                default -> instance.getOpaqueStatements().add(opaque(s, false));
            }
        }
        return instance;
    }

    private static Integer weight(ResolvedStatement track) {
        int at = track.args().indexOf("weight");
        return at >= 0 && at + 1 < track.args().size() ? integer(track.args().get(at + 1), 0) : null;
    }

    private static DirectorInstance settings(VrrpInstance instance, ResolvedStatement statement, String sharedItf) {
        DirectorInstance settings = FACTORY.createDirectorInstance();
        settings.setInstance(instance);
        settings.setInitialState(statement.child("state").flatMap(s -> s.arg(0))
                .map(s -> s.equalsIgnoreCase("MASTER") ? InitialState.MASTER : InitialState.BACKUP)
                .orElse(InitialState.BACKUP));
        settings.setPriority(statement.child("priority").flatMap(s -> s.arg(0)).map(p -> integer(p, 100)).orElse(100));
        settings.setUnicastSrcIp(statement.child("unicast_src_ip").flatMap(s -> s.arg(0)).orElse(null));
        statement.child("unicast_peer").ifPresent(p -> p.children().forEach(c -> settings.getUnicastPeers().add(c.keyword())));
        String itf = statement.child("interface").flatMap(s -> s.arg(0)).orElse(null);
        if (sharedItf != null && itf != null && !itf.equals(sharedItf)) {
            settings.setInterfaceOverride(itf);
        }
        return settings;
    }

    private static void readSecond(Cluster cluster, Director second, List<ResolvedStatement> statements,
            List<String> differences) {
        Director first = cluster.getDirectors().getFirst();
        for (ResolvedStatement statement : statements) {
            if (statement.keyword().equals("global_defs")) {
                statement.child("router_id").flatMap(r -> r.arg(0)).ifPresent(second::setRouterId);
            }
            if (!statement.keyword().equals("vrrp_instance")) {
                continue;
            }
            String name = statement.arg(0).orElse("?");
            Optional<VrrpInstance> shared = find(cluster, name);
            if (shared.isEmpty()) {
                VrrpInstance instance = instance(cluster, statement);
                cluster.getInstances().add(instance);
                second.getInstanceSettings().add(settings(instance, statement, null));
                differences.add(name + ": only on " + second.getName());
                continue;
            }
            VrrpInstance instance = shared.get();
            VrrpInstance other = instance(cluster, statement);
            compare(name, "virtual_router_id", instance.getVrid(), other.getVrid(), differences);
            compare(name, "advert_int", instance.getAdvertInterval(), other.getAdvertInterval(), differences);
            compare(name, "version", instance.getVersion(), other.getVersion(), differences);
            compare(name, "virtual_ipaddress", addresses(instance), addresses(other), differences);
            compare(name, "auth_type", instance.getAuthentication() == null ? null : instance.getAuthentication().getType(),
                    other.getAuthentication() == null ? null : other.getAuthentication().getType(), differences);
            second.getInstanceSettings().add(settings(instance, statement, instance.getInterface()));
        }
        for (VrrpInstance instance : cluster.getInstances()) {
            if (InterimExporter.settingsOf(second, instance) == null && InterimExporter.settingsOf(first, instance) != null) {
                differences.add(instance.getName() + ": only on " + first.getName());
            }
        }
    }

    private static List<String> addresses(VrrpInstance instance) {
        return instance.getVirtualAddresses().stream().map(VirtualAddress::getAddress).sorted().toList();
    }

    private static void compare(String instance, String what, Object mine, Object theirs, List<String> differences) {
        if (!Objects.equals(mine, theirs)) {
            differences.add(instance + ": " + what + " differs (" + mine + " / " + theirs + "); the first file's is kept");
        }
    }

    /** The symmetric peer: MASTER becomes BACKUP and takes the backup priority, and the other way round. */
    private static void mirror(Cluster cluster, Director original, Director mirror) {
        for (DirectorInstance settings : List.copyOf(original.getInstanceSettings())) {
            DirectorInstance peer = FACTORY.createDirectorInstance();
            peer.setInstance(settings.getInstance());
            boolean master = settings.getInitialState() == InitialState.MASTER;
            peer.setInitialState(master ? InitialState.BACKUP : InitialState.MASTER);
            peer.setPriority(master ? lowestBackupPriority(original) : highestMasterPriority(original));
            mirror.getInstanceSettings().add(peer);
        }
    }

    private static int lowestBackupPriority(Director director) {
        return director.getInstanceSettings().stream().filter(s -> s.getInitialState() != InitialState.MASTER)
                .mapToInt(DirectorInstance::getPriority).min().orElse(BACKUP_PRIORITY);
    }

    private static int highestMasterPriority(Director director) {
        return director.getInstanceSettings().stream().filter(s -> s.getInitialState() == InitialState.MASTER)
                .mapToInt(DirectorInstance::getPriority).max().orElse(MASTER_PRIORITY);
    }

    private static Optional<VrrpInstance> find(Cluster cluster, String name) {
        return cluster.getInstances().stream().filter(i -> name.equals(i.getName())).findFirst();
    }

    private static VrrpScript script(ResolvedStatement statement) {
        VrrpScript script = FACTORY.createVrrpScript();
        script.setName(statement.arg(0).orElse("?"));
        for (ResolvedStatement s : statement.children()) {
            String value = s.arg(0).orElse(null);
            switch (s.keyword()) {
                case "script" -> script.setScript(String.join(" ", s.args()));
                case "interval" -> script.setInterval(integer(value, 1));
                case "timeout" -> script.setTimeout(integer(value, 1));
                case "weight" -> script.setWeight(integer(value, 0));
                case "rise" -> script.setRise(integer(value, 1));
                case "fall" -> script.setFall(integer(value, 1));
                case "user" -> script.setUser(value);
                default -> script.getOpaqueStatements().add(opaque(s, false));
            }
        }
        return script;
    }

    private static VirtualAddress address(ResolvedStatement line) {
        VirtualAddress address = FACTORY.createVirtualAddress();
        String[] ip = line.keyword().split("/", 2);
        address.setAddress(ip[0]);
        if (ip.length == 2) {
            address.setPrefix(integer(ip[1], 32));
        }
        List<String> args = line.args();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (word) {
                case "brd" -> { address.setBrd(next); i++; }
                case "dev" -> { address.setDevice(next); i++; }
                case "scope" -> { address.setScope(next); i++; }
                case "label" -> { address.setLabel(next); i++; }
                default -> address.getOptions().add(word);
            }
        }
        return address;
    }

    private static OpaqueStatement opaque(ResolvedStatement statement, boolean afterInstances) {
        OpaqueStatement opaque = FACTORY.createOpaqueStatement();
        opaque.setKeyword(statement.keyword());
        String text = statement.source() != null
                ? new ConfigWriter().format(new ConfigFile(statement.location().file(), List.of(statement.source())))
                : String.join(" ", statement.words());
        opaque.setText(text.stripTrailing());
        opaque.setAfterInstances(afterInstances);
        return opaque;
    }

    private static AuthType authType(String literal) {
        return switch (literal.toUpperCase(java.util.Locale.ROOT)) {
            case "PASS" -> AuthType.PASS;
            case "AH" -> AuthType.AH;
            default -> AuthType.NONE;
        };
    }

    private static int integer(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static BigDecimal decimal(String value) {
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

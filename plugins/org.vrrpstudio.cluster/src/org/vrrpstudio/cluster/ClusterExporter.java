package org.vrrpstudio.cluster;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.emf.common.util.EMap;

import org.vrrpstudio.cluster.internal.CommentKeys;
import org.vrrpstudio.cluster.internal.OpaqueText;
import org.vrrpstudio.config.ConfigWriter;
import org.vrrpstudio.config.ast.BlankLine;
import org.vrrpstudio.config.ast.Comment;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.Statement;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Commented;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
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
 * Cluster model + director → that director's keepalived.conf (syntax tree, or text via the config writer).
 * <p>
 * The export is always one self-contained file: includes of the imported files were inlined on import, so
 * nothing refers to files that may not exist on the director. Order: global_defs, the blocks outside VRRP that
 * came first, vrrp_script, vrrp_sync_group, vrrp_instance, then the remaining blocks. Comments kept by the
 * import are written back before their statements. auth_pass is written from the model's secret (load it
 * from the secret store first); an instance whose secret is unknown gets no auth_pass line.
 */
public final class ClusterExporter {

    /** The text of director {@code directorName}'s keepalived.conf. */
    public String exportText(Cluster cluster, String directorName) {
        return new ConfigWriter().format(export(cluster, directorName));
    }

    /** The syntax tree of director {@code directorName}'s keepalived.conf. */
    public ConfigFile export(Cluster cluster, String directorName) {
        Director director = cluster.getDirectors().stream().filter(d -> directorName.equals(d.getName()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the cluster has no director '"
                        + directorName + "'; it has " + cluster.getDirectors().stream().map(Director::getName)
                                .toList()));
        List<Node> nodes = new ArrayList<>();
        addComments(nodes, cluster.getLeadingComments());
        Statement globalDefs = globalDefs(cluster, director);
        if (globalDefs != null) {
            nodes.add(withKeptComments(globalDefs, cluster.getInnerComments(), "global_defs"));
        }
        for (OpaqueStatement opaque : cluster.getOpaqueBlocks()) {
            if (!opaque.isAfterInstances()) {
                separate(nodes, opaque);
                addOpaque(nodes, opaque);
            }
        }
        for (VrrpScript script : cluster.getScripts()) {
            separate(nodes, script);
            addComments(nodes, script.getLeadingComments());
            nodes.add(withOwnComments(script(script), script));
        }
        for (SyncGroup group : cluster.getSyncGroups()) {
            separate(nodes, group);
            addComments(nodes, group.getLeadingComments());
            nodes.add(withOwnComments(syncGroup(group), group));
        }
        for (DirectorInstance settings : director.getInstanceSettings()) {
            separate(nodes, settings.getInstance());
            addComments(nodes, settings.getInstance().getLeadingComments());
            nodes.add(withOwnComments(instance(settings), settings.getInstance()));
        }
        for (OpaqueStatement opaque : cluster.getOpaqueBlocks()) {
            if (opaque.isAfterInstances()) {
                separate(nodes, opaque);
                addOpaque(nodes, opaque);
            }
        }
        String end = cluster.getInnerComments().get(CommentKeys.END_OF_FILE);
        if (end != null) {
            addComments(nodes, List.of(end.split("\n", -1)));
        }
        return new ConfigFile(Path.of(directorName + ".conf"), nodes);
    }

    /** A blank line before a top-level block where the imported file had one (not before the first). */
    private static void separate(List<Node> nodes, Commented element) {
        if (element.getInnerComments().containsKey(CommentKeys.BLANK_BEFORE) && !nodes.isEmpty()
                && !(nodes.getLast() instanceof BlankLine)) {
            nodes.add(BlankLine.create());
        }
    }

    private static Statement withOwnComments(Statement statement, Commented owner) {
        return withKeptComments(statement, owner.getInnerComments(), "");
    }

    /**
     * {@code statement} with the comments kept under {@code key} ("" for the element's own): the one ending its line,
     * the lines before its closing brace, and the one ending the brace's line.
     */
    private static Statement withKeptComments(Statement statement, EMap<String, String> kept, String key) {
        String ownLine = kept.get(key + CommentKeys.OWN_LINE);
        String insideEnd = kept.get(key + CommentKeys.INSIDE_END);
        String closing = kept.get(key + CommentKeys.CLOSING);
        Statement written = statement;
        if (insideEnd != null && written.hasBlock()) {
            List<Node> children = new ArrayList<>(written.block());
            addComments(children, List.of(insideEnd.split("\n", -1)));
            written = written.withChildren(children);
        }
        if (ownLine == null && closing == null) {
            return written;
        }
        return new Statement(written.location(), written.condition(), written.repeats(), written.keyword(),
                written.arguments(), written.block(), ownLine != null ? ownLine : written.comment(),
                closing != null && written.hasBlock() ? closing : written.closingComment(), written.oneLine());
    }

    private static Statement globalDefs(Cluster cluster, Director director) {
        List<Node> children = new ArrayList<>();
        if (director.getRouterId() != null) {
            Block routerId = new Block(director);
            routerId.leaf("router_id", director.getRouterId());
            children.addAll(routerId.nodes);
        }
        cluster.getGlobalDefs().forEach(opaque -> addOpaque(children, opaque));
        director.getGlobalDefOverrides().forEach(opaque -> addOpaque(children, opaque));
        return children.isEmpty() ? null : Statement.block("global_defs", children.toArray(Node[]::new));
    }

    private static Statement script(VrrpScript script) {
        Block block = new Block(script);
        block.leaf("script", script.getScript());
        block.leaf("interval", script.getInterval());
        block.leaf("timeout", script.getTimeout());
        block.leaf("weight", script.getWeight());
        block.leaf("fall", script.getFall());
        block.leaf("rise", script.getRise());
        if (script.getUser() != null) {
            block.add("user", Statement.leaf("user", script.getUser().split(" ")));
        }
        script.getOpaqueStatements().forEach(opaque -> addOpaque(block.nodes, opaque));
        return Statement.of("vrrp_script", List.of(script.getName()), block.nodes);
    }

    private static Statement syncGroup(SyncGroup group) {
        Block block = new Block(group);
        List<Node> members = new ArrayList<>();
        group.getInstances().forEach(instance -> members.add(Statement.leaf(instance.getName())));
        block.add("group", Statement.block("group", members.toArray(Node[]::new)));
        block.leaf("notify_master", group.getNotifyMaster());
        block.leaf("notify_backup", group.getNotifyBackup());
        block.leaf("notify_fault", group.getNotifyFault());
        block.leaf("notify_stop", group.getNotifyStop());
        block.leaf("notify", group.getNotify());
        if (group.isSmtpAlert()) {
            block.add("smtp_alert", Statement.leaf("smtp_alert"));
        }
        group.getOpaqueStatements().forEach(opaque -> addOpaque(block.nodes, opaque));
        return Statement.of("vrrp_sync_group", List.of(group.getName()), block.nodes);
    }

    private static Statement instance(DirectorInstance settings) {
        VrrpInstance instance = settings.getInstance();
        Block block = new Block(instance);
        block.leaf("state", settings.getInitialState().getLiteral());
        block.leaf("interface", EffectiveSettings.interfaceOf(settings));
        block.leaf("virtual_router_id", instance.getVrid());
        block.leaf("priority", settings.getPriority());
        if (instance.getAdvertInterval() != null) {
            block.leaf("advert_int", plain(instance.getAdvertInterval()));
        }
        block.leaf("version", instance.getVersion());
        Authentication authentication = instance.getAuthentication();
        if (authentication != null && authentication.getType() != AuthType.NONE) {
            Block auth = new Block(instance, "authentication/");
            auth.leaf("auth_type", authentication.getType().getLiteral());
            auth.leaf("auth_pass", authentication.getSecret());
            block.add("authentication", Statement.block("authentication", auth.nodes.toArray(Node[]::new)));
        }
        addresses(block, "virtual_ipaddress", instance.getVirtualAddresses());
        addresses(block, "virtual_ipaddress_excluded", instance.getExcludedAddresses());
        if (!instance.getVirtualRoutes().isEmpty()) {
            List<Node> routes = new ArrayList<>();
            for (VirtualRoute route : instance.getVirtualRoutes()) {
                List<String> words = route.getWords();
                routes.add(Statement.leaf(words.getFirst(), words.subList(1, words.size()).toArray(String[]::new)));
            }
            block.add("virtual_routes", Statement.block("virtual_routes", routes.toArray(Node[]::new)));
        }
        block.leaf("unicast_src_ip", settings.getUnicastSrcIp());
        if (!settings.getUnicastPeers().isEmpty()) {
            List<Node> peers = new ArrayList<>();
            settings.getUnicastPeers().forEach(peer -> peers.add(Statement.leaf(peer)));
            block.add("unicast_peer", Statement.block("unicast_peer", peers.toArray(Node[]::new)));
        }
        tracks(block, instance, TrackInterface.class, "track_interface");
        tracks(block, instance, TrackScript.class, "track_script");
        tracks(block, instance, TrackFile.class, "track_file");
        if (instance.isNopreempt()) {
            block.add("nopreempt", Statement.leaf("nopreempt"));
        }
        block.leaf("preempt_delay", instance.getPreemptDelay());
        block.leaf("garp_master_delay", instance.getGarpMasterDelay());
        block.leaf("garp_master_repeat", instance.getGarpMasterRepeat());
        block.leaf("garp_master_refresh", instance.getGarpMasterRefresh());
        block.leaf("garp_master_refresh_repeat", instance.getGarpMasterRefreshRepeat());
        block.leaf("notify_master", instance.getNotifyMaster());
        block.leaf("notify_backup", instance.getNotifyBackup());
        block.leaf("notify_fault", instance.getNotifyFault());
        block.leaf("notify_stop", instance.getNotifyStop());
        block.leaf("notify", instance.getNotify());
        if (instance.isSmtpAlert()) {
            block.add("smtp_alert", Statement.leaf("smtp_alert"));
        }
        instance.getOpaqueStatements().forEach(opaque -> addOpaque(block.nodes, opaque));
        return Statement.of("vrrp_instance", List.of(instance.getName()), block.nodes);
    }

    private static void addresses(Block block, String keyword, List<VirtualAddress> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        List<Node> lines = new ArrayList<>();
        for (VirtualAddress address : addresses) {
            List<String> words = new ArrayList<>();
            if (address.getBrd() != null) {
                words.addAll(List.of("brd", address.getBrd()));
            }
            if (address.getDevice() != null) {
                words.addAll(List.of("dev", address.getDevice()));
            }
            if (address.getScope() != null) {
                words.addAll(List.of("scope", address.getScope()));
            }
            if (address.getLabel() != null) {
                words.addAll(List.of("label", address.getLabel()));
            }
            words.addAll(address.getOptions());
            String first = address.getAddress() + (address.getPrefix() == null ? "" : "/" + address.getPrefix());
            lines.add(Statement.leaf(first, words.toArray(String[]::new)));
        }
        block.add(keyword, Statement.block(keyword, lines.toArray(Node[]::new)));
    }

    private static void tracks(Block block, VrrpInstance instance, Class<? extends Track> kind, String keyword) {
        List<Node> lines = new ArrayList<>();
        for (Track track : instance.getTracks()) {
            if (!kind.isInstance(track)) {
                continue;
            }
            String name = switch (track) {
                case TrackInterface t -> t.getInterfaceName();
                case TrackScript t -> t.getScript().getName();
                case TrackFile t -> t.getFileName();
                default -> throw new IllegalStateException("unknown track kind " + track.eClass().getName());
            };
            List<String> options = new ArrayList<>();
            if (track.getWeight() != null) {
                options.addAll(List.of("weight", String.valueOf(track.getWeight())));
            }
            if (track.isReverse()) {
                options.add("reverse");
            }
            lines.add(Statement.leaf(name, options.toArray(String[]::new)));
        }
        if (!lines.isEmpty()) {
            block.add(keyword, Statement.block(keyword, lines.toArray(Node[]::new)));
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static void addOpaque(List<Node> into, OpaqueStatement opaque) {
        addComments(into, opaque.getLeadingComments());
        List<Node> nodes = new ArrayList<>(OpaqueText.nodes(opaque.getText()));
        if (nodes.size() == 1 && nodes.getFirst() instanceof Statement statement) {
            nodes.set(0, withOwnComments(withNestedComments(statement, opaque, ""), opaque));
        }
        into.addAll(nodes);
    }

    private static Statement withNestedComments(Statement statement, Commented owner, String prefix) {
        if (!statement.hasBlock() || owner.getInnerComments().isEmpty()) {
            return statement;
        }
        List<Node> children = new ArrayList<>();
        for (Node node : statement.block()) {
            if (node instanceof Statement child) {
                String key = prefix + child.keyword();
                String before = owner.getInnerComments().get(key);
                if (before != null) {
                    addComments(children, List.of(before.split("\n", -1)));
                }
                children.add(withKeptComments(withNestedComments(child, owner, key + "/"), owner.getInnerComments(), key));
            } else {
                children.add(node);
            }
        }
        return statement.withChildren(children);
    }

    private static void addComments(List<Node> into, List<String> lines) {
        for (String line : lines) {
            into.add(line.isEmpty() ? BlankLine.create() : new Comment(org.vrrpstudio.config.Location.NONE,
                    line.charAt(0), line.substring(1)));
        }
    }

    /** The children of a block being written, with each statement's kept comments put back. */
    private static final class Block {
        final List<Node> nodes = new ArrayList<>();
        final Commented owner;
        final String commentPrefix;

        Block(Commented owner) {
            this(owner, "");
        }

        Block(Commented owner, String commentPrefix) {
            this.owner = owner;
            this.commentPrefix = commentPrefix;
        }

        void leaf(String keyword, Object value) {
            if (value != null) {
                add(keyword, Statement.leaf(keyword, String.valueOf(value)));
            }
        }

        void add(String keyword, Statement statement) {
            add(nodes, commentPrefix, keyword, statement);
        }

        private void add(List<Node> into, String prefix, String keyword, Statement statement) {
            String before = owner.getInnerComments().get(prefix + keyword);
            if (before != null) {
                addComments(into, List.of(before.split("\n", -1)));
            }
            Statement written = statement;
            if (CommentKeys.LIST_BLOCKS.contains(keyword) && statement.hasBlock()) {
                List<Node> lines = new ArrayList<>();
                for (Node line : statement.block()) {
                    if (line instanceof Statement listLine) {
                        add(lines, prefix + keyword + "/", listLine.keyword(), listLine);
                    } else {
                        lines.add(line);
                    }
                }
                written = statement.withChildren(lines);
            }
            into.add(withKeptComments(written, owner.getInnerComments(), prefix + keyword));
        }
    }

    static Optional<Director> director(Cluster cluster, String name) {
        return cluster.getDirectors().stream().filter(d -> name.equals(d.getName())).findFirst();
    }
}

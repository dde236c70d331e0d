package org.vrrpstudio.ui.logic.interim;

import java.util.List;

import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
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
 * Writes one director's keepalived.conf from the cluster model. Stand-in until the cluster bundle's exporter is
 * available to the console; the text is canonical (4-space indent, one statement per line).
 */
public final class InterimExporter {

    public static final String MASK = "********";

    public String export(Cluster cluster, Director director, boolean maskSecrets) {
        Text out = new Text();
        out.comments(cluster.getLeadingComments(), 0);
        if (!cluster.getGlobalDefs().isEmpty() || director.getRouterId() != null
                || !director.getGlobalDefOverrides().isEmpty()) {
            out.line(0, "global_defs {");
            if (director.getRouterId() != null) {
                out.line(1, "router_id " + director.getRouterId());
            }
            cluster.getGlobalDefs().forEach(s -> out.opaque(s, 1));
            director.getGlobalDefOverrides().forEach(s -> out.opaque(s, 1));
            out.line(0, "}");
        }
        cluster.getOpaqueBlocks().stream().filter(b -> !b.isAfterInstances()).forEach(b -> out.opaque(b, 0));
        for (VrrpScript script : cluster.getScripts()) {
            out.comments(script.getLeadingComments(), 0);
            out.line(0, "vrrp_script " + script.getName() + " {");
            out.optional(1, "script", script.getScript() == null ? null : quote(script.getScript()));
            out.optional(1, "interval", script.getInterval());
            out.optional(1, "timeout", script.getTimeout());
            out.optional(1, "weight", script.getWeight());
            out.optional(1, "rise", script.getRise());
            out.optional(1, "fall", script.getFall());
            out.optional(1, "user", script.getUser());
            script.getOpaqueStatements().forEach(s -> out.opaque(s, 1));
            out.line(0, "}");
        }
        for (SyncGroup group : cluster.getSyncGroups()) {
            out.comments(group.getLeadingComments(), 0);
            out.line(0, "vrrp_sync_group " + group.getName() + " {");
            out.line(1, "group {");
            group.getInstances().forEach(i -> out.line(2, i.getName()));
            out.line(1, "}");
            notify(out, group.getNotifyMaster(), group.getNotifyBackup(), group.getNotifyFault(),
                    group.getNotifyStop(), group.getNotify());
            if (group.isSmtpAlert()) {
                out.line(1, "smtp_alert");
            }
            group.getOpaqueStatements().forEach(s -> out.opaque(s, 1));
            out.line(0, "}");
        }
        for (VrrpInstance instance : cluster.getInstances()) {
            DirectorInstance settings = settingsOf(director, instance);
            if (settings != null) {
                instance(out, instance, settings, maskSecrets);
            }
        }
        cluster.getOpaqueBlocks().stream().filter(OpaqueStatement::isAfterInstances).forEach(b -> out.opaque(b, 0));
        return out.toString();
    }

    public static DirectorInstance settingsOf(Director director, VrrpInstance instance) {
        for (DirectorInstance settings : director.getInstanceSettings()) {
            if (settings.getInstance() == instance) {
                return settings;
            }
        }
        return null;
    }

    private static void instance(Text out, VrrpInstance instance, DirectorInstance settings, boolean mask) {
        out.comments(instance.getLeadingComments(), 0);
        out.line(0, "vrrp_instance " + instance.getName() + " {");
        out.optional(1, "state", settings.getInitialState() == null ? null : settings.getInitialState().getLiteral());
        String itf = settings.getInterfaceOverride() != null ? settings.getInterfaceOverride() : instance.getInterface();
        out.optional(1, "interface", itf);
        out.line(1, "virtual_router_id " + instance.getVrid());
        out.line(1, "priority " + settings.getPriority());
        out.optional(1, "version", instance.getVersion());
        out.optional(1, "advert_int", instance.getAdvertInterval() == null ? null
                : instance.getAdvertInterval().stripTrailingZeros().toPlainString());
        if (instance.isNopreempt()) {
            out.line(1, "nopreempt");
        }
        out.optional(1, "preempt_delay", instance.getPreemptDelay());
        out.optional(1, "unicast_src_ip", settings.getUnicastSrcIp());
        if (!settings.getUnicastPeers().isEmpty()) {
            out.line(1, "unicast_peer {");
            settings.getUnicastPeers().forEach(p -> out.line(2, p));
            out.line(1, "}");
        }
        out.optional(1, "garp_master_delay", instance.getGarpMasterDelay());
        out.optional(1, "garp_master_repeat", instance.getGarpMasterRepeat());
        out.optional(1, "garp_master_refresh", instance.getGarpMasterRefresh());
        out.optional(1, "garp_master_refresh_repeat", instance.getGarpMasterRefreshRepeat());
        Authentication auth = instance.getAuthentication();
        if (auth != null && auth.getType() != null && auth.getType() != AuthType.NONE) {
            out.line(1, "authentication {");
            out.line(2, "auth_type " + auth.getType().getLiteral());
            if (auth.getSecret() != null) {
                out.line(2, "auth_pass " + (mask ? MASK : auth.getSecret()));
            }
            out.line(1, "}");
        }
        addresses(out, "virtual_ipaddress", instance.getVirtualAddresses());
        addresses(out, "virtual_ipaddress_excluded", instance.getExcludedAddresses());
        if (!instance.getVirtualRoutes().isEmpty()) {
            out.line(1, "virtual_routes {");
            for (VirtualRoute route : instance.getVirtualRoutes()) {
                out.line(2, String.join(" ", route.getWords()));
            }
            out.line(1, "}");
        }
        tracks(out, instance.getTracks());
        notify(out, instance.getNotifyMaster(), instance.getNotifyBackup(), instance.getNotifyFault(),
                instance.getNotifyStop(), instance.getNotify());
        if (instance.isSmtpAlert()) {
            out.line(1, "smtp_alert");
        }
        instance.getOpaqueStatements().forEach(s -> out.opaque(s, 1));
        out.line(0, "}");
    }

    private static void addresses(Text out, String keyword, List<VirtualAddress> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        out.line(1, keyword + " {");
        for (VirtualAddress address : addresses) {
            StringBuilder line = new StringBuilder(address.getAddress());
            if (address.getPrefix() != null) {
                line.append('/').append(address.getPrefix());
            }
            append(line, "brd", address.getBrd());
            append(line, "dev", address.getDevice());
            append(line, "scope", address.getScope());
            append(line, "label", address.getLabel());
            address.getOptions().forEach(o -> line.append(' ').append(o));
            out.line(2, line.toString());
        }
        out.line(1, "}");
    }

    private static void tracks(Text out, List<Track> tracks) {
        List<String> interfaces = tracks.stream().filter(TrackInterface.class::isInstance)
                .map(t -> weighted(((TrackInterface) t).getInterfaceName(), t)).toList();
        List<String> scripts = tracks.stream().filter(TrackScript.class::isInstance)
                .map(t -> weighted(((TrackScript) t).getScript() == null ? "?" : ((TrackScript) t).getScript().getName(), t))
                .toList();
        List<String> files = tracks.stream().filter(TrackFile.class::isInstance)
                .map(t -> weighted(((TrackFile) t).getFileName(), t)).toList();
        block(out, "track_interface", interfaces);
        block(out, "track_script", scripts);
        block(out, "track_file", files);
    }

    private static String weighted(String name, Track track) {
        return track.getWeight() == null ? name : name + " weight " + track.getWeight();
    }

    private static void block(Text out, String keyword, List<String> lines) {
        if (!lines.isEmpty()) {
            out.line(1, keyword + " {");
            lines.forEach(l -> out.line(2, l));
            out.line(1, "}");
        }
    }

    private static void notify(Text out, String master, String backup, String fault, String stop, String any) {
        out.optional(1, "notify_master", master == null ? null : quote(master));
        out.optional(1, "notify_backup", backup == null ? null : quote(backup));
        out.optional(1, "notify_fault", fault == null ? null : quote(fault));
        out.optional(1, "notify_stop", stop == null ? null : quote(stop));
        out.optional(1, "notify", any == null ? null : quote(any));
    }

    private static void append(StringBuilder line, String keyword, String value) {
        if (value != null) {
            line.append(' ').append(keyword).append(' ').append(value);
        }
    }

    private static String quote(String command) {
        return command.contains(" ") && !command.startsWith("\"") ? '"' + command + '"' : command;
    }

    /** Indented line output. */
    private static final class Text {
        private final StringBuilder text = new StringBuilder();

        void line(int depth, String line) {
            text.append("    ".repeat(depth)).append(line).append('\n');
        }

        void optional(int depth, String keyword, Object value) {
            if (value != null) {
                line(depth, keyword + " " + value);
            }
        }

        void comments(List<String> comments, int depth) {
            comments.forEach(c -> line(depth, c));
        }

        void opaque(OpaqueStatement statement, int depth) {
            comments(statement.getLeadingComments(), depth);
            if (statement.getText() != null) {
                for (String line : statement.getText().split("\n")) {
                    line(depth, line);
                }
            }
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}

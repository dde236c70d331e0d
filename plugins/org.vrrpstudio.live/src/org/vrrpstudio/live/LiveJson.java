package org.vrrpstudio.live;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The document {@code watch --json} prints per snapshot (see the README): {@code time}, {@code healthy},
 * {@code directors[]} {name, reachable, error, updated, masters}, {@code instances[]} {name, vrid,
 * intended_master, states {DIRECTOR: {state, priority, configured_priority, vips[], last_transition}}},
 * {@code findings[]} {severity, kind, instance, director, message}. With several clusters, director and instance
 * names are {@code CLUSTER/NAME}.
 */
public final class LiveJson {

    private LiveJson() {
    }

    public static String document(List<LiveView> views, boolean pretty) {
        JsonObject doc = new JsonObject();
        doc.addProperty("time", views.isEmpty() ? null : views.get(0).time().toString());
        doc.addProperty("healthy", views.stream().allMatch(LiveView::healthy));
        JsonArray directors = new JsonArray();
        JsonArray instances = new JsonArray();
        JsonArray findings = new JsonArray();
        for (LiveView view : views) {
            String prefix = view.name().isEmpty() ? "" : view.name() + "/";
            for (String name : view.intended().directors()) {
                DirectorSnapshot s = view.snapshots().get(name);
                JsonObject d = new JsonObject();
                d.addProperty("name", prefix + name);
                d.addProperty("reachable", s != null && s.reachable());
                d.addProperty("error", s == null ? "not read yet" : s.error());
                d.addProperty("updated", s == null ? null : s.updated().toString());
                d.addProperty("masters", s == null ? 0 : s.masterCount());
                directors.add(d);
            }
            for (Intended.Instance instance : view.intended().instances()) {
                JsonObject i = new JsonObject();
                i.addProperty("name", prefix + instance.name());
                i.addProperty("vrid", instance.vrid());
                i.addProperty("intended_master", instance.intendedMaster() == null ? null : prefix + instance.intendedMaster());
                JsonObject states = new JsonObject();
                for (String name : view.intended().directors()) {
                    DirectorSnapshot s = view.snapshots().get(name);
                    InstanceLive live = s == null ? null : s.instances().get(instance.name());
                    JsonObject state = new JsonObject();
                    state.addProperty("state", live == null ? "UNKNOWN" : live.state());
                    state.addProperty("priority", live == null ? null : live.priority());
                    state.addProperty("configured_priority", live == null || live.configuredPriority() < 0 ? null : live.configuredPriority());
                    JsonArray vips = new JsonArray();
                    if (live != null) {
                        live.vips().forEach(vips::add);
                    }
                    state.add("vips", vips);
                    state.addProperty("last_transition", live == null || live.lastTransition() == null ? null : live.lastTransition().toString());
                    states.add(prefix + name, state);
                }
                i.add("states", states);
                instances.add(i);
            }
            for (Finding finding : view.findings()) {
                JsonObject f = new JsonObject();
                f.addProperty("severity", finding.severity().label());
                f.addProperty("kind", finding.kind().id());
                f.addProperty("instance", finding.instance() == null ? null : prefix + finding.instance());
                f.addProperty("director", finding.director() == null ? null : prefix + finding.director());
                f.addProperty("message", (prefix.isEmpty() ? "" : view.name() + ": ") + finding.message());
                findings.add(f);
            }
        }
        doc.add("directors", directors);
        doc.add("instances", instances);
        doc.add("findings", findings);
        GsonBuilder builder = new GsonBuilder().serializeNulls().disableHtmlEscaping();
        if (pretty) {
            builder.setPrettyPrinting();
        }
        return builder.create().toJson(doc);
    }
}

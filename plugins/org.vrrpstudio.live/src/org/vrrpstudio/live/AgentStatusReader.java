package org.vrrpstudio.live;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads our agent's {@code status --json} document: {@code {"time":..., "instances":[{"name","vrid","state",
 * "priority","configuredPriority","vips",...}], "counters":{"rejected":{REASON:n}}, "transitions":[...]}}. The deploy
 * reads the same document for its live order ({@link #states(String)}).
 */
public final class AgentStatusReader {

    /** The agent's reject reasons that mean the peers do not agree on authentication. */
    private static final Set<String> AUTH_REJECTS = Set.of("AUTH_TYPE_MISMATCH", "AUTH_PASS_MISMATCH", "BAD_ICV");

    /** What one status document says. */
    public record AgentStatus(Instant time, List<InstanceLive> instances, List<Transition> transitions, long authErrors) {
        public AgentStatus {
            instances = List.copyOf(instances);
            transitions = List.copyOf(transitions);
        }
    }

    private AgentStatusReader() {
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong with the document. */
    public static AgentStatus read(String text) {
        JsonObject document = document(text);
        List<InstanceLive> instances = new ArrayList<>();
        for (JsonElement element : instanceList(document)) {
            JsonObject fields = (JsonObject) element;
            int priority = Json.integer(fields.get("priority"), -1);
            instances.add(new InstanceLive(Json.string(fields.get("name")), Json.integer(fields.get("vrid"), 0),
                    Json.string(fields.get("state")), priority, Json.integer(fields.get("configuredPriority"), -1),
                    Json.strings(fields.get("vips")), null, Json.string(fields.get("priorityNote"))));
        }
        List<Transition> transitions = new ArrayList<>();
        if (document.get("transitions") instanceof JsonArray list) {
            for (JsonElement element : list) {
                transitions.add(transition(Json.object(element)));
            }
        }
        long authErrors = 0;
        JsonObject rejected = Json.object(Json.object(document.get("counters")).get("rejected"));
        for (Map.Entry<String, JsonElement> e : rejected.entrySet()) {
            if (AUTH_REJECTS.contains(e.getKey())) {
                authErrors += Json.number(e.getValue(), 0);
            }
        }
        // an instance's last transition is the newest one the document still holds for it
        List<InstanceLive> withTimes = instances.stream().map(i -> {
            Instant last = transitions.stream().filter(t -> t.instance().equals(i.instance())).map(Transition::time)
                    .max(Instant::compareTo).orElse(null);
            return new InstanceLive(i.instance(), i.vrid(), i.state(), i.priority(), i.configuredPriority(), i.vips(), last,
                    i.priorityNote());
        }).toList();
        return new AgentStatus(instant(Json.string(document.get("time"))), withTimes, transitions, authErrors);
    }

    /** Just the instances' states by name, in the agent's order (what the deploy's live order needs). */
    public static Map<String, String> states(String text) {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        for (JsonElement element : instanceList(document(text))) {
            JsonObject fields = (JsonObject) element;
            states.put(Json.string(fields.get("name")), Json.string(fields.get("state")));
        }
        return states;
    }

    /**
     * One line of {@code status --follow --json}: {@code {"time","instance","from","to","reason","priority"}}. The
     * director is filled in by the caller. Throws {@link IllegalArgumentException} for a line that is not one.
     */
    public static Transition event(String line) {
        if (!(Json.parse(line.strip()) instanceof JsonObject fields)) {
            throw new IllegalArgumentException("an event is not a JSON object");
        }
        return transition(fields);
    }

    private static JsonObject document(String text) {
        if (!(Json.parse(text.strip()) instanceof JsonObject document)) {
            throw new IllegalArgumentException("the status is not a JSON object");
        }
        if (Json.string(document.get("error")) instanceof String error) {
            throw new IllegalArgumentException(error);
        }
        if (!(document.get("instances") instanceof JsonArray instances)) {
            throw new IllegalArgumentException("the status JSON has no \"instances\" list");
        }
        for (JsonElement instance : instances) {
            if (!(instance instanceof JsonObject fields && Json.string(fields.get("name")) != null
                    && Json.string(fields.get("state")) != null)) {
                throw new IllegalArgumentException("an instance in the status JSON lacks a name or a state");
            }
        }
        return document;
    }

    private static JsonArray instanceList(JsonObject document) {
        return (JsonArray) document.get("instances");
    }

    private static Transition transition(JsonObject fields) {
        String instance = Json.string(fields.get("instance"));
        String to = Json.string(fields.get("to"));
        Instant time = instant(Json.string(fields.get("time")));
        if (instance == null || to == null || time == null) {
            throw new IllegalArgumentException("a transition lacks its time, instance or new state");
        }
        String reason = Json.string(fields.get("reason"));
        String detail = Json.string(fields.get("detail"));
        if (detail != null && !detail.isBlank()) {
            reason = reason == null ? detail : reason + ": " + detail;
        }
        return new Transition(time, "", instance, Json.string(fields.get("from")), to, reason,
                Json.integer(fields.get("priority"), -1));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time: " + Json.shorten(text));
        }
    }
}

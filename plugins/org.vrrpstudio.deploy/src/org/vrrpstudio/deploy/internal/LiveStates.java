package org.vrrpstudio.deploy.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vrrpstudio.deploy.diff.SecretRedaction;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;

/**
 * The states a director's daemon reports for its instances right now, read from a status command's output: the
 * agent's {@code status --json} document ({@code {"instances":[{"name":"VI_1",...,"state":"MASTER"},...]}}) or one
 * {@code NAME STATE} line per instance (what the keepalived status command prints).
 */
public record LiveStates(Map<String, String> stateByInstance) {

    /** RFC 8259 only: a status that is not well-formed JSON is unreadable, not guessed at. */
    private static final Gson STRICT = new GsonBuilder().setStrictness(Strictness.STRICT).create();

    public LiveStates {
        stateByInstance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stateByInstance));
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong with the output. */
    public static LiveStates parse(String output) {
        String text = output.strip();
        return text.startsWith("{") ? fromAgentJson(text) : fromLines(text);
    }

    /** The instances in state MASTER, in the daemon's order. */
    public List<String> masters() {
        return stateByInstance.entrySet().stream().filter(e -> e.getValue().equals("MASTER")).map(Map.Entry::getKey).toList();
    }

    private static LiveStates fromAgentJson(String text) {
        JsonElement parsed;
        try {
            parsed = STRICT.fromJson(text, JsonElement.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JSON: " + shorten(e.getMessage()));
        }
        if (!(parsed instanceof JsonObject document)) {
            throw new IllegalArgumentException("the status is not a JSON object");
        }
        if (string(document.get("error")) instanceof String error) {
            throw new IllegalArgumentException(error);
        }
        if (!(document.get("instances") instanceof JsonArray instances)) {
            throw new IllegalArgumentException("the status JSON has no \"instances\" list");
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (JsonElement instance : instances) {
            if (!(instance instanceof JsonObject fields && string(fields.get("name")) instanceof String name
                    && string(fields.get("state")) instanceof String state)) {
                throw new IllegalArgumentException("an instance in the status JSON lacks a name or a state");
            }
            states.put(name, state);
        }
        return new LiveStates(states);
    }

    /** The element's text when it is a JSON string, else null. */
    private static String string(JsonElement element) {
        return element instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    private static LiveStates fromLines(String text) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                throw new IllegalArgumentException("expected 'NAME STATE' lines, got '" + shorten(line) + "'");
            }
            states.put(line.substring(0, space).strip(), line.substring(space + 1));
        }
        return new LiveStates(states);
    }

    /** Status output is the director's text: masked like command output before it reaches a message. */
    private static String shorten(String line) {
        String masked = SecretRedaction.redact(line);
        return masked.length() > 60 ? masked.substring(0, 60) + "..." : masked;
    }
}

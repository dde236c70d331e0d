package org.vrrpstudio.deploy.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vrrpstudio.deploy.diff.SecretRedaction;
import org.vrrpstudio.live.AgentStatusReader;

/**
 * The states a director's daemon reports for its instances right now, read from a status command's output: the
 * agent's {@code status --json} document ({@code {"instances":[{"name":"VI_1",...,"state":"MASTER"},...]}}) or one
 * {@code NAME STATE} line per instance (what the keepalived status command prints).
 */
public record LiveStates(Map<String, String> stateByInstance) {

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

    /** The agent's status document, read by the live view's reader (one reader of that format, not two). */
    private static LiveStates fromAgentJson(String text) {
        return new LiveStates(AgentStatusReader.states(text));
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

package org.vrrpstudio.live;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads keepalived 2.2's JSON dump ({@code kill -s $(keepalived --signum=JSON)} writes {@code $TMPDIR/keepalived.json}):
 * an array of {@code {"data":{"iname","vrid","state" (0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT),"base_priority",
 * "effective_priority","last_transition" (epoch seconds),"vips":["A dev IF scope global set"],"track_ifp":[...],
 * ...},"stats":{"auth_failure","authtype_mismatch","invalid_authtype",...}}}}. keepalived writes the file in place,
 * so a reader can catch it half written: that is {@link IncompleteDump} (read again), not a broken dump. The dump
 * also holds {@code auth_data} (auth_pass in clear): it is never kept, only the fields above are read.
 */
public final class KeepalivedJsonReader {

    private static final String[] STATES = {"INIT", "BACKUP", "MASTER", "FAULT"};

    /** The dump was read while keepalived was still writing it. */
    public static final class IncompleteDump extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        IncompleteDump(String message) {
            super(message);
        }
    }

    /** One instance of the dump, with the configured VIPs (the present ones come from the addresses). */
    public record Dump(List<InstanceLive> instances, List<List<String>> configuredVips, long authErrors) {
        public Dump {
            instances = List.copyOf(instances);
            configuredVips = List.copyOf(configuredVips);
        }
    }

    private KeepalivedJsonReader() {
    }

    public static Dump read(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new IncompleteDump("keepalived's JSON dump is empty (not written yet)");
        }
        JsonElement parsed;
        try {
            parsed = Json.parse(stripped);
        } catch (IllegalArgumentException e) {
            if (!stripped.endsWith("]")) {
                throw new IncompleteDump("keepalived's JSON dump is incomplete (" + stripped.length()
                        + " bytes so far, still being written)");
            }
            throw new IllegalArgumentException("keepalived's JSON dump is unreadable: " + e.getMessage());
        }
        if (!(parsed instanceof JsonArray array)) {
            throw new IllegalArgumentException("keepalived's JSON dump is not a list of instances");
        }
        List<InstanceLive> instances = new ArrayList<>();
        List<List<String>> vips = new ArrayList<>();
        long authErrors = 0;
        for (JsonElement element : array) {
            JsonObject data = Json.object(Json.object(element).get("data"));
            JsonObject stats = Json.object(Json.object(element).get("stats"));
            String name = Json.string(data.get("iname"));
            int state = Json.integer(data.get("state"), -1);
            if (name == null || state < 0 || state >= STATES.length) {
                throw new IllegalArgumentException("an instance in keepalived's JSON dump lacks its name or a known state");
            }
            int base = Json.integer(data.get("base_priority"), -1);
            int effective = Json.integer(data.get("effective_priority"), base);
            List<String> tracked = Json.strings(data.get("track_ifp"));
            String note = effective < base && !tracked.isEmpty() ? "a track (track_interface " + String.join(", ", tracked) + ")" : "";
            instances.add(new InstanceLive(name, Json.integer(data.get("vrid"), 0), STATES[state], effective, base, List.of(),
                    epoch(data.get("last_transition")), note));
            vips.add(Json.strings(data.get("vips")).stream().map(v -> v.split(" ", 2)[0]).map(KeepalivedJsonReader::withoutPrefix).toList());
            authErrors += Json.number(stats.get("auth_failure"), 0) + Json.number(stats.get("authtype_mismatch"), 0)
                    + Json.number(stats.get("invalid_authtype"), 0);
        }
        return new Dump(instances, vips, authErrors);
    }

    static String withoutPrefix(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    private static Instant epoch(JsonElement value) {
        if (!(value instanceof com.google.gson.JsonPrimitive p && p.isNumber())) {
            return null;
        }
        double seconds = p.getAsDouble();
        if (seconds <= 0) {
            return null;
        }
        long whole = (long) seconds;
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1000);
    }
}

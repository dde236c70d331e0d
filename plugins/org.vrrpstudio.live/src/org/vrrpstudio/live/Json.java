package org.vrrpstudio.live;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import java.util.ArrayList;
import java.util.List;

/** Strict (RFC 8259) JSON reading shared by the readers: what is not well-formed JSON is unreadable, not guessed at. */
final class Json {

    private static final Gson STRICT = new GsonBuilder().setStrictness(Strictness.STRICT).create();

    private Json() {
    }

    /** Throws {@link IllegalArgumentException} "not JSON: ..." (the parser's message, shortened). */
    static JsonElement parse(String text) {
        try {
            JsonElement parsed = STRICT.fromJson(text, JsonElement.class);
            if (parsed == null) {
                throw new IllegalArgumentException("empty output, no JSON");
            }
            return parsed;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JSON: " + shorten(e.getMessage()));
        }
    }

    static String string(JsonElement element) {
        return element instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    static int integer(JsonElement element, int otherwise) {
        return element instanceof JsonPrimitive p && p.isNumber() ? p.getAsInt() : otherwise;
    }

    static long number(JsonElement element, long otherwise) {
        return element instanceof JsonPrimitive p && p.isNumber() ? p.getAsLong() : otherwise;
    }

    static List<String> strings(JsonElement element) {
        List<String> values = new ArrayList<>();
        if (element instanceof JsonArray array) {
            for (JsonElement e : array) {
                if (string(e) instanceof String s) {
                    values.add(s);
                }
            }
        }
        return values;
    }

    static JsonObject object(JsonElement element) {
        return element instanceof JsonObject o ? o : new JsonObject();
    }

    /** Messages quote the input: never more than a few characters of it (it may be a director's dump). */
    static String shorten(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}

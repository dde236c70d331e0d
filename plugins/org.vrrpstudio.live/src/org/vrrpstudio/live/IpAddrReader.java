package org.vrrpstudio.live;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads {@code ip -j addr}: the addresses really present on the director (any interface). */
public final class IpAddrReader {

    private IpAddrReader() {
    }

    public static Set<String> addresses(String text) {
        if (!(Json.parse(text.strip()) instanceof JsonArray links)) {
            throw new IllegalArgumentException("'ip -j addr' did not print a list of links");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (JsonElement link : links) {
            if (Json.object(link).get("addr_info") instanceof JsonArray infos) {
                for (JsonElement info : infos) {
                    if (Json.string(Json.object(info).get("local")) instanceof String local) {
                        addresses.add(local);
                    }
                }
            }
        }
        return addresses;
    }
}

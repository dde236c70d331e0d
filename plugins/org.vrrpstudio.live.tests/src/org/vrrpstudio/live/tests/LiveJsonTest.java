package org.vrrpstudio.live.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.vrrpstudio.live.tests.Recorded.INTENDED;
import static org.vrrpstudio.live.tests.Recorded.T;
import static org.vrrpstudio.live.tests.Recorded.agent;
import static org.vrrpstudio.live.tests.Recorded.pair;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.LiveJson;
import org.vrrpstudio.live.LiveView;

/** The documented shape of {@code watch --json}. */
class LiveJsonTest {

    @Test
    void documentHasDirectorsInstancesAndFindings() {
        LiveView view = LiveView.of("", INTENDED, pair(DirectorSnapshot.unreachable("d1", T, "Connection refused"),
                agent("d2", "agent-d2-failover.json", "ip-d2-both.json")), Map.of(), T);
        JsonObject doc = JsonParser.parseString(LiveJson.document(List.of(view), false)).getAsJsonObject();
        assertFalse(doc.get("healthy").getAsBoolean());
        JsonObject d1 = doc.getAsJsonArray("directors").get(0).getAsJsonObject();
        assertEquals("d1", d1.get("name").getAsString());
        assertFalse(d1.get("reachable").getAsBoolean());
        assertEquals("Connection refused", d1.get("error").getAsString());
        JsonObject vi1 = doc.getAsJsonArray("instances").get(0).getAsJsonObject();
        assertEquals("VI_1", vi1.get("name").getAsString());
        assertEquals(51, vi1.get("vrid").getAsInt());
        assertEquals("d1", vi1.get("intended_master").getAsString());
        JsonObject onD2 = vi1.getAsJsonObject("states").getAsJsonObject("d2");
        assertEquals("MASTER", onD2.get("state").getAsString());
        assertEquals(100, onD2.get("priority").getAsInt());
        assertEquals("192.168.200.10", onD2.getAsJsonArray("vips").get(0).getAsString());
        assertEquals("UNKNOWN", vi1.getAsJsonObject("states").getAsJsonObject("d1").get("state").getAsString());
        List<String> kinds = doc.getAsJsonArray("findings").asList().stream()
                .map(f -> f.getAsJsonObject().get("kind").getAsString()).toList();
        assertEquals(List.of("unreachable", "not_intended"), kinds);
        JsonObject first = doc.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("error", first.get("severity").getAsString());
        assertEquals("d1", first.get("director").getAsString());
    }

    @Test
    void severalClustersAreNamedClusterSlashName() {
        LiveView web = LiveView.of("web", INTENDED, pair(agent("d1", "agent-d1-steady.json", "ip-d1-vi1.json"),
                agent("d2", "agent-d2-steady.json", "ip-d2-vi2.json")), Map.of(), T);
        JsonObject doc = JsonParser.parseString(LiveJson.document(List.of(web), true)).getAsJsonObject();
        assertEquals("web/d1", doc.getAsJsonArray("directors").get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("web/VI_2", doc.getAsJsonArray("instances").get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(true, doc.get("healthy").getAsBoolean());
    }
}

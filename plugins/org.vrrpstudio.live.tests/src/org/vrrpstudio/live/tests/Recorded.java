package org.vrrpstudio.live.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.live.Snapshots;

/** The recorded inputs in data/ and the model they belong to: VI_1 intended on d1, VI_2 on d2. */
final class Recorded {

    static final Instant T = Instant.parse("2026-12-04T19:02:20Z");

    static final Intended INTENDED = new Intended(List.of("d1", "d2"), List.of(
            new Intended.Instance("VI_1", 51, "d1", Map.of("d1", 150, "d2", 100), List.of("192.168.200.10")),
            new Intended.Instance("VI_2", 52, "d2", Map.of("d1", 100, "d2", 150), List.of("192.168.200.11"))));

    private Recorded() {
    }

    static String text(String name) {
        try {
            return Files.readString(Path.of("data", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DirectorSnapshot agent(String director, String status, String ipAddr) {
        return Snapshots.agent(director, T, text(status), text(ipAddr), INTENDED);
    }

    static DirectorSnapshot keepalived(String director, String dump, String ipAddr) {
        return Snapshots.keepalived(director, T, text(dump), text(ipAddr), INTENDED);
    }

    static Map<String, DirectorSnapshot> pair(DirectorSnapshot d1, DirectorSnapshot d2) {
        return Map.of("d1", d1, "d2", d2);
    }
}

package org.vrrpstudio.vrrp.engine;

import java.util.HashMap;
import java.util.Map;
import org.vrrpstudio.vrrp.config.TrackConfig;

/**
 * The last known state of everything instances can track, fed by the host. Unknown links and scripts
 * count as up/OK (keepalived assumes scripts OK unless {@code init_fail}); unknown files read 0.
 */
final class TrackInputs {
    private final Map<String, Boolean> links = new HashMap<>();
    private final Map<String, Boolean> scripts = new HashMap<>();
    private final Map<String, Long> files = new HashMap<>();

    /** Returns whether this changed anything. */
    boolean setLink(String name, boolean up) {
        boolean was = linkUp(name);
        links.put(name, up);
        return was != up;
    }

    boolean setScript(String name, boolean ok) {
        boolean was = scripts.getOrDefault(name, true);
        scripts.put(name, ok);
        return was != ok;
    }

    boolean setFile(String name, long value) {
        Long old = files.put(name, value);
        return old == null ? value != 0 : old != value;
    }

    boolean linkUp(String name) {
        return links.getOrDefault(name, true);
    }

    boolean ok(TrackConfig track) {
        return switch (track) {
            case TrackConfig.Interface i -> linkUp(i.name());
            case TrackConfig.Script s -> scripts.getOrDefault(s.name(), true);
            case TrackConfig.File f -> files.getOrDefault(f.name(), 0L) == 0;
        };
    }

    long fileValue(String name) {
        return files.getOrDefault(name, 0L);
    }
}

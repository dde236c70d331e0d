package org.vrrpstudio.cluster;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.model.VrrpScript;

/**
 * Where model elements came from: element (and optionally one of its keywords) → location in keepalived.conf.
 * Kept beside the model by the importer so that validation can point at the source statement. Elements that
 * were not imported get a descriptive element path instead ({@link #locate}).
 */
public final class SourceMap {

    private static final String WHOLE_ELEMENT = "";

    private final Map<EObject, Map<String, Location>> locations = new IdentityHashMap<>();

    public void record(EObject element, Location location) {
        record(element, WHOLE_ELEMENT, location);
    }

    public void record(EObject element, String keyword, Location location) {
        if (location != null && location.isKnown()) {
            locations.computeIfAbsent(element, e -> new HashMap<>()).putIfAbsent(keyword, location);
        }
    }

    /** The location of the element's {@code keyword} statement, else of the element, else of its containers. */
    public Optional<Location> find(EObject element, String keyword) {
        for (EObject current = element; current != null; current = current.eContainer()) {
            Map<String, Location> known = locations.get(current);
            if (known != null) {
                Location exact = current == element && keyword != null ? known.get(keyword) : null;
                Location found = exact != null ? exact : known.get(WHOLE_ELEMENT);
                if (found != null) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A location for a diagnostic about {@code element}: its source statement when known, otherwise a pseudo
     * location whose file part is the element path (e.g. {@code cluster/director lvs2/vrrp_instance VI_1}).
     */
    public Location locate(EObject element, String keyword) {
        return find(element, keyword)
                .orElseGet(() -> new Location(Path.of(elementPath(element, keyword)), 0, 0));
    }

    public Location locate(EObject element) {
        return locate(element, null);
    }

    /** A readable path to a model element, for elements that have no source location. */
    public static String elementPath(EObject element, String keyword) {
        StringBuilder path = new StringBuilder();
        for (EObject current = element; current != null; current = current.eContainer()) {
            String segment = segment(current);
            if (segment != null) {
                path.insert(0, path.isEmpty() ? segment : segment + "/");
            }
        }
        path.insert(0, path.isEmpty() ? "cluster" : "cluster/");
        if (keyword != null && !keyword.isEmpty()) {
            path.append('/').append(keyword);
        }
        return path.toString();
    }

    private static String segment(EObject element) {
        return switch (element) {
            case Director d -> "director " + d.getName();
            case DirectorInstance di -> "vrrp_instance " + (di.getInstance() == null ? "?" : di.getInstance().getName());
            case VrrpInstance i -> "vrrp_instance " + i.getName();
            case SyncGroup g -> "vrrp_sync_group " + g.getName();
            case VrrpScript s -> "vrrp_script " + s.getName();
            default -> null;
        };
    }
}

package org.vrrpstudio.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.GlobalDefsSpec;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.OpaqueStatement;

/** What a setting comes to after defaults and per-director overrides: one answer for export, checks and binding. */
public final class EffectiveSettings {

    private static final Path AS_WRITTEN = Path.of("global_defs.conf");

    private EffectiveSettings() {
    }

    /** The director's interface override, else the instance's own interface (may be null when neither is set). */
    public static String interfaceOf(DirectorInstance settings) {
        return settings.getInterfaceOverride() != null ? settings.getInterfaceOverride()
                : settings.getInstance().getInterface();
    }

    /** The VRRP version of instances that name none: global_defs' {@code vrrp_version}, else 2 (keepalived's default). */
    public static int defaultVersion(Cluster cluster) {
        return globalDefs(cluster).spec().defaultVersion();
    }

    /**
     * The model's {@code global_defs} (kept as written) read by config's one reading of it, as the agent reads the
     * director's file, with the model element each statement came from.
     */
    public record GlobalDefs(GlobalDefsSpec spec, Map<ResolvedStatement, OpaqueStatement> elements) {

        /** The model element of a statement of {@link #spec}; null for null. */
        public OpaqueStatement element(ResolvedStatement statement) {
            return statement == null ? null : elements.get(statement);
        }
    }

    public static GlobalDefs globalDefs(Cluster cluster) {
        List<ResolvedStatement> statements = new ArrayList<>();
        Map<ResolvedStatement, OpaqueStatement> elements = new IdentityHashMap<>(); // equal statements stay apart
        for (OpaqueStatement opaque : cluster.getGlobalDefs()) {
            for (ResolvedStatement statement : new ConfigParser().parseWithoutIncludes(AS_WRITTEN, opaque.getText())
                    .resolutionForDirector(null).statements()) {
                statements.add(statement);
                elements.put(statement, opaque);
            }
        }
        return new GlobalDefs(GlobalDefsSpec.read(statements), elements);
    }
}

package org.vrrpstudio.cluster;

import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.OpaqueStatement;

/** What a setting comes to after defaults and per-director overrides: one answer for export, checks and binding. */
public final class EffectiveSettings {

    private EffectiveSettings() {
    }

    /** The director's interface override, else the instance's own interface (may be null when neither is set). */
    public static String interfaceOf(DirectorInstance settings) {
        return settings.getInterfaceOverride() != null ? settings.getInterfaceOverride()
                : settings.getInstance().getInterface();
    }

    /** The VRRP version of instances that name none: global_defs' {@code vrrp_version}, else 2 (keepalived's default). */
    public static int defaultVersion(Cluster cluster) {
        for (OpaqueStatement statement : cluster.getGlobalDefs()) {
            if ("vrrp_version".equals(statement.getKeyword()) && statement.getText().trim().endsWith("3")) {
                return 3;
            }
        }
        return 2;
    }
}

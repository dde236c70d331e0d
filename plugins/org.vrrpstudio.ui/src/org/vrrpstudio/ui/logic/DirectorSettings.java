package org.vrrpstudio.ui.logic;

import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.VrrpInstance;

/** Finds a director's own settings (state, priority...) of a shared instance. */
public final class DirectorSettings {

    private DirectorSettings() {
    }

    /** The settings, or null when the instance does not run on the director. */
    public static DirectorInstance of(Director director, VrrpInstance instance) {
        for (DirectorInstance settings : director.getInstanceSettings()) {
            if (settings.getInstance() == instance) {
                return settings;
            }
        }
        return null;
    }
}

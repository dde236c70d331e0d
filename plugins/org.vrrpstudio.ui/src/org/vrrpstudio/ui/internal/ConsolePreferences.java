package org.vrrpstudio.ui.internal;

import java.math.BigDecimal;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.ui.logic.InstanceDefaults;

/** Preference keys and defaults for new instances; {@link #instanceDefaults()} reads them as a value. */
public final class ConsolePreferences extends AbstractPreferenceInitializer {

    static final String ADVERT_INTERVAL = "advertInterval";
    static final String MASTER_PRIORITY = "masterPriority";
    static final String BACKUP_PRIORITY = "backupPriority";
    static final String AUTH_TYPE = "authType";

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(ConsolePlugin.ID);
        InstanceDefaults standard = InstanceDefaults.STANDARD;
        defaults.put(ADVERT_INTERVAL, standard.advertInterval().toPlainString());
        defaults.putInt(MASTER_PRIORITY, standard.masterPriority());
        defaults.putInt(BACKUP_PRIORITY, standard.backupPriority());
        defaults.put(AUTH_TYPE, standard.authType().getLiteral());
    }

    /** The user's defaults; the standard ones when the stored values do not make sense together. */
    public static InstanceDefaults instanceDefaults() {
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(ConsolePlugin.ID);
        InstanceDefaults standard = InstanceDefaults.STANDARD;
        try {
            AuthType auth = AuthType.get(node.get(AUTH_TYPE, standard.authType().getLiteral()));
            return new InstanceDefaults(new BigDecimal(node.get(ADVERT_INTERVAL, "1")),
                    node.getInt(MASTER_PRIORITY, standard.masterPriority()),
                    node.getInt(BACKUP_PRIORITY, standard.backupPriority()), auth == null ? standard.authType() : auth);
        } catch (IllegalArgumentException e) {
            return standard;
        }
    }
}

package org.vrrpstudio.ui.logic;

import java.math.BigDecimal;
import java.util.Objects;

import org.vrrpstudio.model.AuthType;

/** What a new instance starts with (the console's preferences): advert interval, both priorities, auth type. */
public record InstanceDefaults(BigDecimal advertInterval, int masterPriority, int backupPriority, AuthType authType) {

    public static final InstanceDefaults STANDARD = new InstanceDefaults(BigDecimal.ONE, 150, 100, AuthType.AH);

    public InstanceDefaults {
        Objects.requireNonNull(advertInterval, "advertInterval");
        Objects.requireNonNull(authType, "authType");
        if (masterPriority <= backupPriority) {
            throw new IllegalArgumentException("the master priority (" + masterPriority
                    + ") must be higher than the backup priority (" + backupPriority + ")");
        }
    }
}

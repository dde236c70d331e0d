package org.vrrpstudio.ui.logic;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Director;

/**
 * What the "New instance pair" wizard asks for: the instance is MASTER with {@code masterPriority} on
 * {@code masterDirector} and BACKUP with {@code backupPriority} on every other director.
 */
public record InstancePairRequest(String name, int vrid, String interfaceName, Director masterDirector,
        int masterPriority, int backupPriority, BigDecimal advertInterval, AuthType authType, String secret,
        List<String> addresses) {

    public InstancePairRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(masterDirector, "masterDirector");
        addresses = List.copyOf(addresses);
    }

    @Override
    public String toString() {
        return "InstancePairRequest[" + name + ", vrid " + vrid + ", " + interfaceName + ", master on "
                + masterDirector.getName() + ", " + masterPriority + "/" + backupPriority + ", " + addresses + "]";
    }
}

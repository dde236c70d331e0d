package org.vrrpstudio.vrrp.packet;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.vrrpstudio.vrrp.config.VrrpVersion;

/**
 * The protocol content of a VRRP ADVERTISEMENT, independent of its wire encoding.
 *
 * @param advertIntervalCentis advert interval in centiseconds (v2 carries whole seconds on the wire)
 */
public record Advertisement(VrrpVersion version, int vrid, int priority, int advertIntervalCentis,
        List<InetAddress> addresses) {
    public Advertisement {
        Objects.requireNonNull(version, "version");
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID must be 1..255: " + vrid);
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority must be 0..255: " + priority);
        }
        int maxCentis = version == VrrpVersion.V2 ? 255 * 100 : 4095;
        if (advertIntervalCentis < 1 || advertIntervalCentis > maxCentis) {
            throw new IllegalArgumentException("advert interval out of range: " + advertIntervalCentis + " cs");
        }
        if (version == VrrpVersion.V2 && advertIntervalCentis % 100 != 0) {
            throw new IllegalArgumentException("VRRPv2 advert interval must be whole seconds: " + advertIntervalCentis + " cs");
        }
        addresses = List.copyOf(addresses);
        if (addresses.size() > 255) {
            throw new IllegalArgumentException("at most 255 addresses per advert");
        }
    }

    public Advertisement withPriority(int newPriority) {
        return new Advertisement(version, vrid, newPriority, advertIntervalCentis, addresses);
    }
}

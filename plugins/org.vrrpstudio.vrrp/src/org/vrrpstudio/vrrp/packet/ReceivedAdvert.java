package org.vrrpstudio.vrrp.packet;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A structurally valid advert as received: checksums and TTL are verified, authentication is not yet
 * (that needs the instance's key, see {@link AdvertAuthenticator}).
 *
 * @param authTypeField the VRRPv2 auth type byte (0 for v3)
 * @param authData the 8 VRRPv2 auth data bytes (empty for v3); may hold a password, so never printed
 * @param ah the AH header when the advert came inside IPsec AH
 */
public record ReceivedAdvert(InetAddress source, InetAddress destination, Advertisement advert, int authTypeField,
        byte[] authData, Optional<AhFields> ah) {
    @Override
    public String toString() {
        return "ReceivedAdvert[from " + source.getHostAddress() + ", " + advert + ", authType=" + authTypeField
                + ah.map(a -> ", " + a).orElse("") + "]";
    }
}

package org.vrrpstudio.vrrp.packet;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A structurally valid advert as received: checksums are verified; the TTL (hop limit) and authentication are not yet:
 * the instance judges them (a multicast instance requires TTL 255, a unicast one, as keepalived, does not; the key is
 * the instance's, see {@link AdvertAuthenticator}).
 *
 * @param ttl the IPv4 TTL or IPv6 hop limit the advert arrived with
 * @param authTypeField the VRRPv2 auth type byte (0 for v3)
 * @param authData the 8 VRRPv2 auth data bytes (empty for v3); may hold a password, so never printed
 * @param ah the AH header when the advert came inside IPsec AH
 */
public record ReceivedAdvert(InetAddress source, InetAddress destination, int ttl, Advertisement advert, int authTypeField,
        byte[] authData, Optional<AhFields> ah) {
    @Override
    public String toString() {
        return "ReceivedAdvert[from " + source.getHostAddress() + ", ttl " + ttl + ", " + advert + ", authType=" + authTypeField
                + ah.map(a -> ", " + a).orElse("") + "]";
    }
}

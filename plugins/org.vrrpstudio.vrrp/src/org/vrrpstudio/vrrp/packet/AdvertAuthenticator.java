package org.vrrpstudio.vrrp.packet;

import java.security.MessageDigest;
import java.util.Optional;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.AuthType;
import org.vrrpstudio.vrrp.config.VrrpVersion;

/** Checks a decoded advert against the receiving instance's authentication (anti-replay is separate). */
public final class AdvertAuthenticator {
    private AdvertAuthenticator() {
    }

    /** Empty when the advert authenticates, else the rejection. Never reveals the secret in the detail. */
    public static Optional<Rejection> check(ReceivedAdvert received, AuthConfig auth) {
        String from = " from " + received.source().getHostAddress() + " VRID " + received.advert().vrid();
        if (received.advert().version() == VrrpVersion.V3) {
            return auth.type() == AuthType.NONE ? Optional.empty()
                    : reject(RejectReason.AUTH_TYPE_MISMATCH, "VRRPv3 advert" + from + " but " + auth.type() + " configured");
        }
        int expectedField = AdvertisementEncoder.v2AuthTypeField(auth.type());
        if (received.authTypeField() != expectedField) {
            return reject(RejectReason.AUTH_TYPE_MISMATCH, "auth type " + received.authTypeField() + from + ", expected " + expectedField);
        }
        return switch (auth.type()) {
            case NONE -> received.ah().isPresent()
                    ? reject(RejectReason.AUTH_TYPE_MISMATCH, "IPsec AH advert" + from + " but no authentication configured")
                    : Optional.empty();
            case PASS -> {
                if (received.ah().isPresent()) {
                    yield reject(RejectReason.AUTH_TYPE_MISMATCH, "IPsec AH advert" + from + " but PASS configured");
                }
                yield MessageDigest.isEqual(received.authData(), auth.key()) ? Optional.empty()
                        : reject(RejectReason.AUTH_PASS_MISMATCH, "password mismatch" + from);
            }
            case AH -> {
                if (received.ah().isEmpty()) {
                    yield reject(RejectReason.AUTH_TYPE_MISMATCH, "advert without IPsec AH" + from);
                }
                yield IpsecAh.verify(auth.key(), received.ah().get()) ? Optional.empty()
                        : reject(RejectReason.BAD_ICV, "HMAC-MD5-96 mismatch (different auth_pass?)" + from);
            }
        };
    }

    private static Optional<Rejection> reject(RejectReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}

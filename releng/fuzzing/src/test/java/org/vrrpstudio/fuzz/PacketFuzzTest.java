package org.vrrpstudio.fuzz;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.packet.AdvertAuthenticator;
import org.vrrpstudio.vrrp.packet.AdvertisementDecoder;
import org.vrrpstudio.vrrp.packet.Checksums;
import org.vrrpstudio.vrrp.packet.DecodeResult;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The received-advert path: whatever bytes arrive, the decoder (IPv4 and IPv6, VRRP v2 and v3, PASS and AH) and the
 * authenticator return an advert or a typed rejection; any exception, hang or OutOfMemoryError is a finding.
 * The first input byte picks the path: bit 0 refreshes the IPv4 header checksum (so the fuzzer gets past it), bit 1
 * decodes a bare VRRP message as an IPv6 raw socket delivers it.
 */
class PacketFuzzTest {

    private static final List<AuthConfig> AUTHS =
            List.of(AuthConfig.none(), AuthConfig.password("secret1"), AuthConfig.ah("k@l!ve1"));
    private static final InetAddress SOURCE6 = address("fe80::1");
    private static final InetAddress GROUP6 = address("ff02::12");

    @FuzzTest
    void decode(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int mode = input[0];
        byte[] packet = Arrays.copyOfRange(input, 1, input.length);
        DecodeResult result;
        if ((mode & 2) != 0) {
            result = AdvertisementDecoder.decodeVrrpMessage(SOURCE6, GROUP6, (mode & 4) != 0 ? 255 : 64, packet);
        } else {
            if ((mode & 1) != 0) {
                refreshIpv4Checksum(packet);
            }
            result = AdvertisementDecoder.decodeIpPacket(packet);
        }
        switch (result) {
            case DecodeResult.Decoded decoded -> {
                for (AuthConfig auth : AUTHS) {
                    AdvertAuthenticator.check(decoded.advert(), auth).ifPresent(r -> r.toString());
                }
            }
            case DecodeResult.Rejected rejected -> rejected.rejection().toString();
        }
    }

    private static void refreshIpv4Checksum(byte[] p) {
        if (p.length < 20 || (p[0] & 0xf0) != 0x40) {
            return;
        }
        int headerLength = (p[0] & 0x0f) * 4;
        if (headerLength < 20 || headerLength > p.length) {
            return;
        }
        p[10] = 0;
        p[11] = 0;
        int sum = Checksums.internet(p, 0, headerLength);
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

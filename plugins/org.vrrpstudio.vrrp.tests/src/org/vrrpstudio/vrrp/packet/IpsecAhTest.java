package org.vrrpstudio.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The ICV with prepared key pads (issue 18, idle CPU) is HMAC-MD5-96 as RFC 2104/2202 and javax.crypto define it. */
class IpsecAhTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void rfc2202TestVectorsTruncatedTo96Bits() {
        byte[] k1 = new byte[16];
        Arrays.fill(k1, (byte) 0x0b);
        assertArrayEquals(Arrays.copyOf(hex("9294727a3638bb1c13f48ef8158bfc9d"), 12), IpsecAh.icv(k1, ascii("Hi There")));
        assertArrayEquals(Arrays.copyOf(hex("750c783e6ab0b503eaa86e310a5db738"), 12),
                IpsecAh.icv(ascii("Jefe"), ascii("what do ya want for nothing?")));
        byte[] k6 = new byte[80]; // longer than a block: hashed first
        Arrays.fill(k6, (byte) 0xaa);
        assertArrayEquals(Arrays.copyOf(hex("6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"), 12),
                IpsecAh.icv(k6, ascii("Test Using Larger Than Block-Size Key - Hash Key First")));
    }

    @Test
    void sameAsJavaxCryptoHmacMd5ForKeysAndPacketsOfEveryLength() throws Exception {
        Random random = new Random(18);
        for (int keyLength = 1; keyLength <= 100; keyLength += 3) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            for (int dataLength : new int[] {0, 1, 44, 55, 56, 63, 64, 65, 120, 200}) {
                byte[] data = new byte[dataLength];
                random.nextBytes(data);
                Mac mac = Mac.getInstance("HmacMD5");
                mac.init(new SecretKeySpec(key, "HmacMD5"));
                byte[] expected = Arrays.copyOf(mac.doFinal(data), IpsecAh.ICV_LENGTH);
                assertArrayEquals(expected, IpsecAh.icv(key, data), "key " + keyLength + " B, data " + dataLength + " B");
                assertArrayEquals(expected, IpsecAh.icv(key.clone(), data), "again, prepared state reused");
            }
        }
    }

    @Test
    void aKeyChangedInPlaceIsNotServedFromTheOldPreparedState() {
        byte[] key = ascii("secret12");
        byte[] data = ascii("advert");
        byte[] before = IpsecAh.icv(key, data);
        key[0] = 'S';
        byte[] after = IpsecAh.icv(key, data);
        assertArrayEquals(IpsecAh.icv(ascii("Secret12"), data), after);
        assertFalse(Arrays.equals(before, after));
    }
}

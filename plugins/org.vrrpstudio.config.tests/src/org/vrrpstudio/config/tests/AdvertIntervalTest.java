package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.vrrpstudio.config.AdvertInterval;

import org.junit.jupiter.api.Test;

/** AdvertInterval (issue 18: no BigDecimal on the daemon's start path) answers exactly as BigDecimal did. */
class AdvertIntervalTest {

    private static final List<String> VALUES = List.of("1", "0", "0.0", "0.02", "0.01", "1.5", "1.50", "1.0", "255",
            "255.0", "256", "255.001", "40.95", "40.950", "40.951", "41", "3", "999999999.999999999", "0.000000001",
            "1e0", "1E2", "+1", "-1", "01", "1.", ".5", "-0.5", "0.0000000001", "1234567890", "2.5e-1");

    @Test
    void everyFormAnswersAsBigDecimalDid() {
        for (String text : VALUES) {
            BigDecimal expected = new BigDecimal(text);
            AdvertInterval plain = AdvertInterval.parsePlain(text);
            AdvertInterval value = plain != null ? plain : AdvertInterval.of(expected);
            assertEquals(expected.toPlainString(), value.plain(), text);
            assertEquals(expected.signum(), value.signum(), text);
            assertEquals(expected.stripTrailingZeros().scale() > 0, value.hasFraction(), text);
            assertEquals(expected.movePointRight(2).stripTrailingZeros().scale() > 0, value.finerThan(2), text);
            assertEquals(Integer.signum(expected.compareTo(BigDecimal.valueOf(255))), Integer.signum(value.compareTo(255, 0)), text);
            assertEquals(Integer.signum(expected.compareTo(new BigDecimal("40.95"))), Integer.signum(value.compareTo(4095, 2)), text);
            assertEquals(expected.movePointRight(3).longValue(), value.millis(), text);
            assertEquals(AdvertInterval.of(expected), value, text + ": the console's model value is the same");
            assertEquals(expected, value.decimal(), text + ": the model gets the value the file wrote, scale included");
        }
    }

    @Test
    void onlyThePlainFormsSkipBigDecimal() {
        assertNotNull(AdvertInterval.parsePlain("0.02"));
        assertNotNull(AdvertInterval.parsePlain("1"));
        assertNull(AdvertInterval.parsePlain("1e0"));
        assertNull(AdvertInterval.parsePlain("01"));
        assertNull(AdvertInterval.parsePlain("-1"));
        assertNull(AdvertInterval.parsePlain("1234567890"), "ten integer digits: BigDecimal");
        assertNull(AdvertInterval.of(null));
    }
}

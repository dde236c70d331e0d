package org.vrrpstudio.config;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An {@code advert_int} value in seconds, exact, as the file wrote it. The usual forms ({@code 1}, {@code 0.02},
 * {@code 1.50}) are held as an unscaled long and a scale, without java.math.BigDecimal: the daemon runs interpreted,
 * and BigDecimal's class initialisation (it computes 5^(2^16) by repeated squaring) was about a quarter of the agent's
 * work before its first advert (issue 18, JFR samples). Other forms a BigDecimal accepts (exponents, signs, leading
 * zeros) keep one, so every value and message is the same as before ({@link #plain()} is BigDecimal's toPlainString).
 */
public final class AdvertInterval {
    /** Up to 9 digits before and after the point, no sign, no leading zero: unscaled values stay below 10^18. */
    private static final Pattern PLAIN = Pattern.compile("(0|[1-9][0-9]{0,8})(\\.[0-9]{1,9})?");
    private static final long[] TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L};

    private final long unscaled;
    private final int scale;
    private final String text;
    private final BigDecimal exact; // only for the other forms

    private AdvertInterval(long unscaled, int scale, String text, BigDecimal exact) {
        this.unscaled = unscaled;
        this.scale = scale;
        this.text = text;
        this.exact = exact;
    }

    /** The plain form of {@code text}, or null when it is not one (then a BigDecimal decides: {@link #of(BigDecimal)}). */
    public static AdvertInterval parsePlain(String text) {
        if (!PLAIN.matcher(text).matches()) {
            return null;
        }
        int point = text.indexOf('.');
        String digits = point < 0 ? text : text.substring(0, point) + text.substring(point + 1);
        return new AdvertInterval(Long.parseLong(digits), point < 0 ? 0 : text.length() - point - 1, text, null);
    }

    /** The value of a BigDecimal (the console's model; files in the other forms); null for null. */
    public static AdvertInterval of(BigDecimal value) {
        if (value == null) {
            return null;
        }
        AdvertInterval plain = value.scale() >= 0 ? parsePlain(value.toPlainString()) : null; // 1E+1 keeps its scale
        return plain != null ? plain : new AdvertInterval(0, 0, value.toPlainString(), value);
    }

    /** -1, 0 or 1 as the value is negative, zero or positive. */
    public int signum() {
        return exact != null ? exact.signum() : Long.signum(unscaled);
    }

    /** True when the value has a non-zero fraction (VRRPv2 advertises whole seconds). */
    public boolean hasFraction() {
        return finerThan(0);
    }

    /** True when the value has a non-zero digit beyond {@code decimals} (0..9) places (VRRPv3 advertises centiseconds). */
    public boolean finerThan(int decimals) {
        if (exact != null) {
            return exact.movePointRight(decimals).stripTrailingZeros().scale() > 0;
        }
        return scale > decimals && unscaled % TEN[scale - decimals] != 0;
    }

    /** Compares with {@code otherUnscaled} × 10^-{@code otherScale} ({@code otherScale} 0..9). */
    public int compareTo(long otherUnscaled, int otherScale) {
        if (exact != null) {
            return exact.compareTo(BigDecimal.valueOf(otherUnscaled, otherScale));
        }
        int common = Math.max(scale, otherScale);
        return Long.compare(unscaled * TEN[common - scale], otherUnscaled * TEN[common - otherScale]);
    }

    /** Whole milliseconds, the rest dropped (as BigDecimal.movePointRight(3).longValue()). */
    public long millis() {
        if (exact != null) {
            return exact.movePointRight(3).longValue();
        }
        return scale <= 3 ? unscaled * TEN[3 - scale] : unscaled / TEN[scale - 3];
    }

    /**
     * The value as a BigDecimal equal to the one {@code new BigDecimal(text)} gives for what the file wrote (scale
     * included), for the console's model; the daemon never calls it.
     */
    public BigDecimal decimal() {
        return exact != null ? exact : BigDecimal.valueOf(unscaled, scale);
    }

    /** The value as BigDecimal.toPlainString() writes it. */
    public String plain() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdvertInterval other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

package org.vrrpstudio.vrrp.packet;

/** The Internet checksum (RFC 1071) used by IPv4 headers and VRRP. */
public final class Checksums {
    private Checksums() {
    }

    /** Adds the 16-bit big-endian words of {@code data[offset..offset+length)} to a running (unfolded) sum. */
    public static long sum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds a running sum into the one's complement 16-bit checksum. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    public static int internet(byte[] data, int offset, int length) {
        return finish(sum(data, offset, length, 0));
    }
}

package org.vrrpstudio.vrrp.packet;

/**
 * The IPsec AH header of a received advert and the bytes its ICV must cover.
 *
 * @param spi security parameters index (keepalived puts the sender's IPv4 address there)
 * @param sequence the 32-bit sequence number, unsigned
 * @param authenticatedBytes the whole IP packet with mutable IP fields and the ICV zeroed
 */
public record AhFields(long spi, long sequence, byte[] icv, byte[] authenticatedBytes) {
    @Override
    public String toString() {
        return "AhFields[spi=" + Long.toHexString(spi) + ", sequence=" + sequence + "]";
    }
}

package org.vrrpstudio.vrrp.sim;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes raw IP packets to a classic pcap file (LINKTYPE_RAW), so simulated traffic and encoder
 * output can be opened in Wireshark or checked with tshark.
 */
public final class PcapWriter implements Closeable {
    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final int LINKTYPE_RAW = 101;
    private static final int SNAPLEN = 65535;

    private final OutputStream out;

    public PcapWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_MICROSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        out.write(header.array());
    }

    public void write(Instant time, byte[] ipPacket) throws IOException {
        long micros = Duration.between(Instant.EPOCH, time).toNanos() / 1000;
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(ipPacket.length)
                .putInt(ipPacket.length);
        out.write(record.array());
        out.write(ipPacket);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

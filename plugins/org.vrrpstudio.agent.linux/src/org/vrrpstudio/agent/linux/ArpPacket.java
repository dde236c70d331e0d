package org.vrrpstudio.agent.linux;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * An Ethernet/IPv4 ARP packet (RFC 826) and its Ethernet II frame.
 *
 * @param operation request or reply
 * @param senderHardware sender MAC
 * @param senderAddress sender IPv4 address
 * @param targetHardware target MAC
 * @param targetAddress target IPv4 address
 */
public record ArpPacket(Operation operation, MacAddress senderHardware, Inet4Address senderAddress,
        MacAddress targetHardware, Inet4Address targetAddress) {

    /** ARP opcodes. */
    public enum Operation {
        REQUEST(1), REPLY(2);

        private final int code;

        Operation(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** EtherType of ARP. */
    public static final int ETHERTYPE_ARP = 0x0806;
    /** Ethernet header (14) + ARP for Ethernet/IPv4 (28). Shorter than Ethernet's minimum: the NIC pads it. */
    public static final int FRAME_LENGTH = 42;

    private static final int HARDWARE_ETHERNET = 1;
    private static final int PROTOCOL_IPV4 = 0x0800;

    public ArpPacket {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(senderHardware, "senderHardware");
        Objects.requireNonNull(senderAddress, "senderAddress");
        Objects.requireNonNull(targetHardware, "targetHardware");
        Objects.requireNonNull(targetAddress, "targetAddress");
    }

    /**
     * The gratuitous request keepalived 2.2.7 sends for a virtual IP (as captured on the wire): opcode
     * request, sender and target IP both the VIP, sender MAC the interface's, target MAC broadcast, sent
     * to the Ethernet broadcast address.
     */
    public static ArpPacket gratuitousRequest(MacAddress interfaceMac, Inet4Address address) {
        return new ArpPacket(Operation.REQUEST, interfaceMac, address, MacAddress.BROADCAST, address);
    }

    /** The reply form some switches or hosts prefer: opcode reply, both MACs and both IPs our own. */
    public static ArpPacket gratuitousReply(MacAddress interfaceMac, Inet4Address address) {
        return new ArpPacket(Operation.REPLY, interfaceMac, address, interfaceMac, address);
    }

    /** Gratuitous: it announces the sender's own mapping (sender and target IP are the same). */
    public boolean isGratuitous() {
        return senderAddress.equals(targetAddress);
    }

    /** The Ethernet II frame carrying this packet from {@link #senderHardware} to {@code destination}. */
    public byte[] toEthernetFrame(MacAddress destination) {
        ByteBuffer frame = ByteBuffer.allocate(FRAME_LENGTH);
        frame.put(destination.toBytes()).put(senderHardware.toBytes()).putShort((short) ETHERTYPE_ARP);
        frame.putShort((short) HARDWARE_ETHERNET).putShort((short) PROTOCOL_IPV4).put((byte) 6).put((byte) 4)
                .putShort((short) operation.code());
        frame.put(senderHardware.toBytes()).put(senderAddress.getAddress());
        frame.put(targetHardware.toBytes()).put(targetAddress.getAddress());
        return frame.array();
    }

    /** Decodes an Ethernet II frame; empty unless it is an Ethernet/IPv4 ARP request or reply. */
    public static Optional<ArpPacket> fromEthernetFrame(byte[] frame, int length) {
        if (length < FRAME_LENGTH || frame.length < length) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame, 0, length);
        if ((buffer.getShort(12) & 0xFFFF) != ETHERTYPE_ARP || buffer.getShort(14) != HARDWARE_ETHERNET
                || (buffer.getShort(16) & 0xFFFF) != PROTOCOL_IPV4 || buffer.get(18) != 6 || buffer.get(19) != 4) {
            return Optional.empty();
        }
        Operation operation = switch (buffer.getShort(20)) {
            case 1 -> Operation.REQUEST;
            case 2 -> Operation.REPLY;
            default -> null;
        };
        if (operation == null) {
            return Optional.empty();
        }
        return Optional.of(new ArpPacket(operation, mac(frame, 22), ipv4(frame, 28), mac(frame, 32), ipv4(frame, 38)));
    }

    private static MacAddress mac(byte[] frame, int offset) {
        return MacAddress.of(java.util.Arrays.copyOfRange(frame, offset, offset + 6));
    }

    private static Inet4Address ipv4(byte[] frame, int offset) {
        return Ipv4Sockets.address(java.util.Arrays.copyOfRange(frame, offset, offset + 4));
    }
}

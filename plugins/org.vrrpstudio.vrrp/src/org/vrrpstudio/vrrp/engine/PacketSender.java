package org.vrrpstudio.vrrp.engine;

/**
 * Sends one complete IP packet out of an interface. IPv4 packets are ready for an {@code IP_HDRINCL}
 * raw socket (destination = header destination); for IPv6 the first 40 bytes are the IPv6 header,
 * which a Linux raw IPv6 socket wants stripped.
 */
@FunctionalInterface
public interface PacketSender {
    void send(String interfaceName, byte[] ipPacket);
}

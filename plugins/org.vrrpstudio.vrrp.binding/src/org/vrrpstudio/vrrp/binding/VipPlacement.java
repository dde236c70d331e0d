package org.vrrpstudio.vrrp.binding;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How a virtual address goes onto the host, beyond what the engine needs to speak VRRP: keepalived's
 * {@code 192.168.200.10/24 brd 192.168.200.255 dev eth1 scope link label eth1:vip} line. The engine only knows the
 * address; the agent adds it with these details.
 *
 * @param prefixLength keepalived's default is the full length (/32, /128)
 * @param device {@code dev}: empty = the instance's own interface
 * @param broadcast {@code brd}: empty = none
 * @param scope {@code scope}: empty = global
 * @param label {@code label}: empty = none
 */
public record VipPlacement(InetAddress address, int prefixLength, Optional<String> device, Optional<InetAddress> broadcast,
        Optional<String> scope, Optional<String> label) {

    public VipPlacement {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(label, "label");
        int maxPrefix = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > maxPrefix) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " outside 0.." + maxPrefix + " for "
                    + address.getHostAddress());
        }
    }

    /** A bare address: full prefix on the instance's interface, as keepalived adds an address written alone. */
    public static VipPlacement bare(InetAddress address) {
        return new VipPlacement(address, address instanceof Inet4Address ? 32 : 128, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The interface the address goes on: {@code dev} if given, else the instance's. */
    public String deviceOr(String instanceInterface) {
        return device.orElse(instanceInterface);
    }
}

package org.vrrpstudio.agent.linux;

/**
 * The state of a network interface, as RTM_NEWLINK reports it.
 *
 * @param index interface index
 * @param name interface name
 * @param administrativelyUp IFF_UP: set up by the administrator
 * @param lowerUp IFF_LOWER_UP: carrier present (a veth loses it when its peer goes down)
 * @param operState RFC 2863 operational state
 * @param hardwareAddress the MAC address, or null for links without one (loopback has all zeros)
 * @param mtu MTU in bytes, 0 if not reported
 */
public record LinkInfo(int index, String name, boolean administrativelyUp, boolean lowerUp, OperState operState,
        MacAddress hardwareAddress, int mtu) {

    /** RFC 2863 operational states (IF_OPER_*). */
    public enum OperState {
        UNKNOWN, NOT_PRESENT, DOWN, LOWER_LAYER_DOWN, TESTING, DORMANT, UP;

        static OperState fromCode(int code) {
            OperState[] all = values();
            return code >= 0 && code < all.length ? all[code] : UNKNOWN;
        }
    }

    /**
     * Whether the link can carry traffic: up, with carrier, and not reported down by its driver.
     * VRRP instances tracking this interface go to FAULT when this becomes false.
     */
    public boolean usable() {
        return administrativelyUp && lowerUp && operState != OperState.DOWN && operState != OperState.LOWER_LAYER_DOWN;
    }
}

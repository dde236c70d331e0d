package org.vrrpstudio.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Test helper: literal addresses without checked exceptions. */
public final class Addresses {
    private Addresses() {
    }

    public static Inet4Address v4(String literal) {
        return (Inet4Address) parse(literal);
    }

    public static Inet6Address v6(String literal) {
        return (Inet6Address) parse(literal);
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress any(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

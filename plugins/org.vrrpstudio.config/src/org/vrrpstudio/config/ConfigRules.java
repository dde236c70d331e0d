package org.vrrpstudio.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The rules a director's VRRP configuration must keep, each written and worded once. The console's validator judges
 * the model with them and the daemon's binding judges the file with them (its errors only), so the two say the same
 * thing about the same statement; each caller only walks its own structure and says where. {@code name} is how a
 * message names the instance or group ({@code vrrp_instance VI_1}, {@code vrrp_instance VI_1 on d1}).
 */
public final class ConfigRules {

    /** A problem with the statement of {@code keyword} (null: the element itself). */
    public record Finding(String keyword, Severity severity, String message) {
    }

    /** For {@link #unicast}: no check beyond the rules'. */
    public static final BiFunction<String, InetAddress, Optional<Finding>> NO_FURTHER_PEER_CHECK = (peer, address) -> Optional.empty();

    private ConfigRules() {
    }

    public static Optional<String> vrid(String name, int vrid) {
        return vrid < 1 || vrid > 255 ? Optional.of(name + ": virtual_router_id " + vrid + " is out of range 1..255") : Optional.empty();
    }

    public static Optional<String> version(String name, Integer version) {
        return version != null && version != 2 && version != 3
                ? Optional.of(name + ": version must be 2 or 3, not " + version) : Optional.empty();
    }

    public static Optional<String> priority(String name, int priority) {
        return priority < 1 || priority > 255 ? Optional.of(name + ": priority " + priority + " is out of range 1..255") : Optional.empty();
    }

    /** What VRRP version {@code version} (2 or 3) allows for {@code advert_int}: an error, or for v3 a rounding warning. */
    public static Optional<Finding> advertInterval(String name, AdvertInterval interval, int version) {
        if (interval == null) {
            return Optional.empty();
        }
        String plain = interval.plain();
        if (interval.signum() <= 0) {
            return error("advert_int", name + ": advert_int must be greater than 0");
        }
        if (version == 2) {
            if (interval.hasFraction()) {
                return error("advert_int", name + ": VRRPv2 advertises whole seconds; advert_int " + plain
                        + " is not (use version 3 for sub-second intervals)");
            }
            return interval.compareTo(255, 0) > 0
                    ? error("advert_int", name + ": advert_int " + plain + " exceeds the VRRPv2 maximum of 255 s") : Optional.empty();
        }
        if (interval.compareTo(4095, 2) > 0) {
            return error("advert_int", name + ": advert_int " + plain + " exceeds the VRRPv3 maximum of 40.95 s");
        }
        return interval.finerThan(2)
                ? Optional.of(new Finding("advert_int", Severity.WARNING, name + ": VRRPv3 advertises centiseconds; advert_int "
                        + plain + " will be rounded"))
                : Optional.empty();
    }

    public static String authNeedsPass(String name, String type) {
        return name + ": auth_type " + type + " needs an auth_pass (none set or not loaded from the secret store)";
    }

    public static String addressOwnedTwice(String name, String address, String owner, Location ownerAt) {
        return name + ": virtual address " + address + " is also a virtual address of vrrp_instance " + owner + " ("
                + ownerAt + "); two routers would own it";
    }

    public static String trackFileMissing(String name, String file) {
        return name + ": track_file " + file + " names no track_file (vrrp_track_file) block";
    }

    /**
     * A sync group's own track_script line naming no vrrp_script. (An instance's is reported where the file is read,
     * {@link VrrpInstanceSpec#missingScript}, and the line dropped.)
     */
    public static String trackScriptMissing(String name, String script) {
        return name + ": track_script names '" + script + "', which no vrrp_script defines";
    }

    public static Optional<String> trackWeight(String name, Integer weight) {
        return weight != null && (weight < -254 || weight > 254)
                ? Optional.of(name + ": track weight " + weight + " is out of range -254..254") : Optional.empty();
    }

    public static String trackFileDefinedTwice(String keyword, String file, Location other) {
        return keyword + " " + file + " is defined twice (also at " + other + ")";
    }

    public static String inTwoSyncGroups(String group, String member, String other, Location otherAt) {
        return "vrrp_sync_group " + group + ": vrrp_instance " + member + " is already in vrrp_sync_group " + other + " ("
                + otherAt + "); an instance can be in one sync group only";
    }

    public static String noInterface(String name) {
        return name + ": no interface";
    }

    /** The key under which a VRID must be unique: RFC 5798 §1 makes IPv4 and IPv6 virtual routers separate domains. */
    public static String vridDomain(String itf, boolean ipv6, int vrid) {
        return itf + (ipv6 ? "/IPv6/" : "/IPv4/") + vrid;
    }

    public static String vridTaken(String name, int vrid, String other, String itf, Location otherAt) {
        return name + ": virtual_router_id " + vrid + " is also used by vrrp_instance " + other + " on " + itf + " (" + otherAt
                + "); a VRID must be unique per interface and address family";
    }

    /**
     * {@code unicast_src_ip} and the {@code unicast_peer} list of an instance on one director: addresses, their family
     * against the virtual addresses', a peer that is the director's own source. {@code furtherPeerCheck} may add a
     * finding about a peer that passed, as written and parsed (the validator's subnet warning).
     */
    public static List<Finding> unicast(String name, String source, Collection<String> peers, boolean ipv6,
            BiFunction<String, InetAddress, Optional<Finding>> furtherPeerCheck) {
        List<Finding> findings = new ArrayList<>();
        InetAddress sourceAddress = null;
        if (source != null) {
            sourceAddress = literal(name, "unicast_src_ip", source, findings);
            if (sourceAddress != null && (sourceAddress instanceof Inet6Address) != ipv6) {
                findings.add(new Finding("unicast_src_ip", Severity.ERROR,
                        name + ": unicast_src_ip " + source + " is not of the virtual addresses' family"));
            }
        }
        for (String peer : peers) {
            InetAddress address = literal(name, "unicast_peer", peer, findings);
            if (address == null) {
                continue;
            }
            if ((address instanceof Inet6Address) != ipv6) {
                findings.add(new Finding("unicast_peer", Severity.ERROR,
                        name + ": unicast_peer " + peer + " is not of the virtual addresses' family"));
            } else if (address.equals(sourceAddress)) {
                findings.add(new Finding("unicast_peer", Severity.ERROR,
                        name + ": unicast_peer lists " + peer + ", which is this director's own unicast_src_ip"));
            } else {
                furtherPeerCheck.apply(peer, address).ifPresent(findings::add);
            }
        }
        return findings;
    }

    /** An address as written ({@code /prefix} allowed), or null. */
    public static InetAddress address(String text) {
        try {
            return InetAddress.ofLiteral(text.contains("/") ? text.substring(0, text.indexOf('/')) : text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static InetAddress literal(String name, String keyword, String text, List<Finding> findings) {
        InetAddress address = address(text);
        if (address == null) {
            findings.add(new Finding(keyword, Severity.ERROR, name + ": " + keyword + " '" + text + "' is not an IP address"));
        }
        return address;
    }

    private static Optional<Finding> error(String keyword, String message) {
        return Optional.of(new Finding(keyword, Severity.ERROR, message));
    }
}

package org.vrrpstudio.vrrp.sim;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vrrpstudio.vrrp.engine.AddressActions;

/** A director's interfaces as far as VIPs go: which addresses it holds now, and how often it announced. */
public final class SimulatedAddresses implements AddressActions {
    private final Map<String, Set<InetAddress>> held = new TreeMap<>();
    private long announcements;

    @Override
    public void addAddresses(String interfaceName, List<InetAddress> addresses) {
        held.computeIfAbsent(interfaceName, i -> new LinkedHashSet<>()).addAll(addresses);
    }

    @Override
    public void removeAddresses(String interfaceName, List<InetAddress> addresses) {
        Set<InetAddress> set = held.get(interfaceName);
        if (set != null) {
            addresses.forEach(set::remove);
        }
    }

    @Override
    public void announce(String interfaceName, List<InetAddress> addresses) {
        announcements++;
    }

    /** Forgets everything (a crashed director's addresses vanish with it). */
    public void removeAll() {
        held.clear();
    }

    public Set<InetAddress> held(String interfaceName) {
        return Set.copyOf(held.getOrDefault(interfaceName, Set.of()));
    }

    public boolean holds(InetAddress address) {
        return held.values().stream().anyMatch(s -> s.contains(address));
    }

    public long announcements() {
        return announcements;
    }
}

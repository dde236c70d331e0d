package org.vrrpstudio.live;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Builds a director's snapshot from what its daemon says plus the addresses really present on it: an instance's
 * VIPs are the model's VIPs for it that the director holds now (the daemon's own idea of what it holds is not
 * trusted: that is what {@code vip_misplaced} is there to catch).
 */
public final class Snapshots {

    private Snapshots() {
    }

    public static DirectorSnapshot of(String director, Instant updated, List<InstanceLive> instances, Set<String> addresses,
            Intended intended, long authErrors) {
        var byName = intended.byName();
        List<InstanceLive> withVips = instances.stream().map(i -> {
            Intended.Instance model = byName.get(i.instance());
            List<String> vips = model == null ? List.of() : model.vips().stream().filter(addresses::contains).toList();
            InstanceLive live = i.withVips(vips);
            if (live.configuredPriority() < 0 && model != null && model.priorities().get(director) instanceof Integer p) {
                live = live.withConfiguredPriority(p);
            }
            return live;
        }).toList();
        return DirectorSnapshot.reachable(director, updated, withVips, authErrors, null);
    }

    /** A keepalived director: its JSON dump and {@code ip -j addr}. */
    public static DirectorSnapshot keepalived(String director, Instant updated, String dumpJson, String ipAddrJson, Intended intended) {
        KeepalivedJsonReader.Dump dump = KeepalivedJsonReader.read(dumpJson);
        return of(director, updated, dump.instances(), IpAddrReader.addresses(ipAddrJson), intended, dump.authErrors());
    }

    /** An agent director: its status JSON and {@code ip -j addr}. */
    public static DirectorSnapshot agent(String director, Instant updated, String statusJson, String ipAddrJson, Intended intended) {
        AgentStatusReader.AgentStatus status = AgentStatusReader.read(statusJson);
        return of(director, updated, status.instances(), IpAddrReader.addresses(ipAddrJson), intended, status.authErrors());
    }
}

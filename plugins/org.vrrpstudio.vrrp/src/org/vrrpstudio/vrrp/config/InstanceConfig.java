package org.vrrpstudio.vrrp.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code vrrp_instance} as the engine needs it. Build with {@link #builder(String, String, int)}.
 *
 * @param trackPrimaryInterface false = keepalived's {@code dont_track_primary}
 * @param lowerPriorityNoAdvert keepalived's {@code lower_prio_no_advert}: a master stays silent (RFC behaviour)
 *        instead of answering a lower-priority advert at once
 * @param sourceAddress {@code mcast_src_ip} / {@code unicast_src_ip}; default is the interface's primary address
 * @param unicastPeers {@code unicast_peer}: when not empty, adverts go to each of these addresses instead of the
 *        VRRP multicast group, and adverts are accepted only from them
 * @param peerTtl {@code min_ttl}/{@code max_ttl} of the peers that give them: their adverts must arrive with a TTL in range
 * @param unicastTtl {@code unicast_ttl}: the IPv4 TTL of adverts sent to the peers (keepalived's default 255)
 */
public record InstanceConfig(String name, String interfaceName, int vrid, VrrpVersion version, int priority,
        Duration advertInterval, StartState startState, boolean preempt, Duration preemptDelay, AuthConfig auth,
        List<InetAddress> virtualAddresses, List<TrackConfig> tracks, boolean trackPrimaryInterface,
        boolean lowerPriorityNoAdvert, Optional<InetAddress> sourceAddress, List<InetAddress> unicastPeers,
        java.util.Map<InetAddress, TtlRange> peerTtl, int unicastTtl) {

    public InstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(advertInterval, "advertInterval");
        Objects.requireNonNull(startState, "startState");
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        virtualAddresses = List.copyOf(virtualAddresses);
        tracks = List.copyOf(tracks);
        unicastPeers = List.copyOf(unicastPeers);
        peerTtl = java.util.Map.copyOf(peerTtl);
        String where = "instance " + name + ": ";
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException(where + "virtual_router_id " + vrid + " outside 1..255");
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException(where + "priority " + priority + " outside 1..255");
        }
        long centis = advertInterval.toMillis() / 10;
        if (version == VrrpVersion.V2 && (advertInterval.toMillis() % 1000 != 0 || centis < 100 || centis > 25500)) {
            throw new IllegalArgumentException(where + "VRRPv2 advert_int must be whole seconds 1..255, not " + advertInterval);
        }
        if (version == VrrpVersion.V3 && (advertInterval.toMillis() % 10 != 0 || centis < 1 || centis > 4095)) {
            throw new IllegalArgumentException(where + "VRRPv3 advert_int must be 0.01..40.95 s in centiseconds, not " + advertInterval);
        }
        if (version == VrrpVersion.V3 && auth.type() != AuthType.NONE) {
            throw new IllegalArgumentException(where + "VRRPv3 has no authentication");
        }
        if (unicastTtl < 1 || unicastTtl > 255) {
            throw new IllegalArgumentException(where + "unicast_ttl " + unicastTtl + " outside 1..255");
        }
        for (InetAddress peer : peerTtl.keySet()) {
            if (!unicastPeers.contains(peer)) {
                throw new IllegalArgumentException(where + "min_ttl/max_ttl for " + peer.getHostAddress() + ", which is not a unicast_peer");
            }
        }
        if (virtualAddresses.isEmpty()) {
            throw new IllegalArgumentException(where + "no virtual_ipaddress");
        }
        boolean ipv6 = virtualAddresses.getFirst() instanceof Inet6Address;
        if (virtualAddresses.stream().anyMatch(a -> (a instanceof Inet6Address) != ipv6)) {
            throw new IllegalArgumentException(where + "virtual addresses mix IPv4 and IPv6");
        }
        if (ipv6 && version != VrrpVersion.V3) {
            throw new IllegalArgumentException(where + "IPv6 needs VRRP version 3");
        }
        if (unicastPeers.stream().anyMatch(a -> (a instanceof Inet6Address) != ipv6)) {
            throw new IllegalArgumentException(where + "unicast_peer addresses must be of the virtual addresses' family");
        }
        if (unicastPeers.stream().distinct().count() != unicastPeers.size()) {
            throw new IllegalArgumentException(where + "a unicast_peer is listed twice");
        }
        if (sourceAddress.isPresent() && unicastPeers.contains(sourceAddress.get())) {
            throw new IllegalArgumentException(where + "unicast_peer lists the source address "
                    + sourceAddress.get().getHostAddress() + " itself");
        }
    }

    /** keepalived's unicast mode: adverts to {@link #unicastPeers()}, no multicast group. */
    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }

    public boolean isIpv6() {
        return virtualAddresses.getFirst() instanceof Inet6Address;
    }

    public int advertIntervalCentis() {
        return (int) (advertInterval.toMillis() / 10);
    }

    public boolean isAddressOwner() {
        return priority == 255;
    }

    public static Builder builder(String name, String interfaceName, int vrid) {
        return new Builder(name, interfaceName, vrid);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, interfaceName, vrid);
        b.version = version;
        b.priority = priority;
        b.advertInterval = advertInterval;
        b.startState = startState;
        b.preempt = preempt;
        b.preemptDelay = preemptDelay;
        b.auth = auth;
        b.virtualAddresses.addAll(virtualAddresses);
        b.tracks.addAll(tracks);
        b.trackPrimaryInterface = trackPrimaryInterface;
        b.lowerPriorityNoAdvert = lowerPriorityNoAdvert;
        b.sourceAddress = sourceAddress;
        b.unicastPeers.addAll(unicastPeers);
        b.peerTtl.putAll(peerTtl);
        b.unicastTtl = unicastTtl;
        return b;
    }

    /** Defaults follow keepalived: v2, priority 100, 1 s, BACKUP, preempt, no auth, track the interface. */
    public static final class Builder {
        private final String name;
        private final String interfaceName;
        private final int vrid;
        private VrrpVersion version = VrrpVersion.V2;
        private int priority = 100;
        private Duration advertInterval = Duration.ofSeconds(1);
        private StartState startState = StartState.BACKUP;
        private boolean preempt = true;
        private Duration preemptDelay = Duration.ZERO;
        private AuthConfig auth = AuthConfig.none();
        private final List<InetAddress> virtualAddresses = new ArrayList<>();
        private final List<TrackConfig> tracks = new ArrayList<>();
        private boolean trackPrimaryInterface = true;
        private boolean lowerPriorityNoAdvert;
        private Optional<InetAddress> sourceAddress = Optional.empty();
        private final List<InetAddress> unicastPeers = new ArrayList<>();
        private final java.util.Map<InetAddress, TtlRange> peerTtl = new java.util.LinkedHashMap<>();
        private int unicastTtl = 255;

        private Builder(String name, String interfaceName, int vrid) {
            this.name = name;
            this.interfaceName = interfaceName;
            this.vrid = vrid;
        }

        public Builder version(VrrpVersion value) { version = value; return this; }
        public Builder priority(int value) { priority = value; return this; }
        public Builder advertInterval(Duration value) { advertInterval = value; return this; }
        public Builder startState(StartState value) { startState = value; return this; }
        public Builder preempt(boolean value) { preempt = value; return this; }
        public Builder preemptDelay(Duration value) { preemptDelay = value; return this; }
        public Builder auth(AuthConfig value) { auth = value; return this; }
        public Builder virtualAddress(InetAddress value) { virtualAddresses.add(value); return this; }
        public Builder virtualAddresses(List<? extends InetAddress> values) { virtualAddresses.addAll(values); return this; }
        public Builder track(TrackConfig value) { tracks.add(value); return this; }
        public Builder clearTracks() { tracks.clear(); return this; }
        public Builder trackPrimaryInterface(boolean value) { trackPrimaryInterface = value; return this; }
        public Builder lowerPriorityNoAdvert(boolean value) { lowerPriorityNoAdvert = value; return this; }
        public Builder sourceAddress(InetAddress value) { sourceAddress = Optional.of(value); return this; }
        public Builder unicastPeer(InetAddress value) { unicastPeers.add(value); return this; }
        public Builder unicastPeers(List<? extends InetAddress> values) { unicastPeers.addAll(values); return this; }
        public Builder peerTtl(InetAddress peer, TtlRange range) { peerTtl.put(peer, range); return this; }
        public Builder unicastTtl(int value) { unicastTtl = value; return this; }

        public InstanceConfig build() {
            return new InstanceConfig(name, interfaceName, vrid, version, priority, advertInterval, startState, preempt,
                    preemptDelay, auth, virtualAddresses, tracks, trackPrimaryInterface, lowerPriorityNoAdvert, sourceAddress,
                    unicastPeers, peerTtl, unicastTtl);
        }
    }
}

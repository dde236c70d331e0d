package org.vrrpstudio.vrrp.engine;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;
import org.vrrpstudio.vrrp.packet.AdvertisementDecoder;
import org.vrrpstudio.vrrp.packet.DecodeResult;
import org.vrrpstudio.vrrp.packet.ReceivedAdvert;
import org.vrrpstudio.vrrp.packet.RejectCounters;
import org.vrrpstudio.vrrp.packet.RejectReason;
import org.vrrpstudio.vrrp.packet.Rejection;

/**
 * One director's VRRP engine: its instances and sync groups. Single-threaded and event-driven: the host
 * calls {@link #start()}, {@link #onPacket}, {@link #onLinkChange}, {@link #onScriptResult},
 * {@link #onFileValue}, {@link #shutdown()} and runs the scheduled timers, all on one thread.
 */
public final class VrrpNode {
    private final NodeConfig config;
    private final EngineIo io;
    private final Map<String, VrrpInstance> instances = new LinkedHashMap<>();
    private final Map<String, VrrpInstance> byInterfaceAndVrid = new HashMap<>();
    private final Set<InetAddress> ownAddresses = new HashSet<>();
    private final TrackInputs trackInputs = new TrackInputs();
    private final RejectCounters rejectCounters = new RejectCounters();
    // listeners may be added from another thread (e.g. a status view) while the engine thread emits
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private boolean started;

    public VrrpNode(NodeConfig config, EngineIo io) {
        this.config = Objects.requireNonNull(config, "config");
        this.io = Objects.requireNonNull(io, "io");
        config.interfaces().forEach(i -> {
            i.primaryIpv4().ifPresent(ownAddresses::add);
            i.linkLocalIpv6().ifPresent(ownAddresses::add);
        });
        for (InstanceConfig instanceConfig : config.instances()) {
            VrrpInstance instance = new VrrpInstance(instanceConfig, config.iface(instanceConfig.interfaceName()), this);
            instances.put(instanceConfig.name(), instance);
            byInterfaceAndVrid.put(key(instanceConfig.interfaceName(), instanceConfig.vrid(), instanceConfig.isIpv6()), instance);
            ownAddresses.add(instance.sourceAddress());
        }
        for (SyncGroupConfig groupConfig : config.syncGroups()) {
            List<VrrpInstance> members = groupConfig.members().stream().map(instances::get).toList();
            SyncGroup group = new SyncGroup(groupConfig, members, config.groupTakeover());
            members.forEach(m -> m.joinGroup(group));
        }
    }

    public String name() {
        return config.name();
    }

    public NodeConfig config() {
        return config;
    }

    public void addListener(EventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /** Starts every instance (BACKUP, FAULT, or MASTER for a priority-255 owner with state MASTER). */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        instances.values().forEach(VrrpInstance::start);
    }

    /** Stops every instance; masters send priority 0 so a backup takes over after its skew time. */
    public void shutdown() {
        if (!started) {
            return;
        }
        started = false;
        instances.values().forEach(VrrpInstance::shutdown);
    }

    /** A whole IP packet received on an interface (IPv4 from a raw socket, or IPv6 with its header). */
    public void onPacket(String interfaceName, byte[] ipPacket) {
        if (!started || !trackInputs.linkUp(interfaceName)) {
            return;
        }
        switch (AdvertisementDecoder.decodeIpPacket(ipPacket)) {
            case DecodeResult.Rejected rejected -> reject(interfaceName, rejected.rejection());
            case DecodeResult.Decoded decoded -> dispatch(interfaceName, decoded.advert());
        }
    }

    /** A bare VRRP message from an IPv6 raw socket, with the addresses and hop limit from ancillary data. */
    public void onVrrpMessage(String interfaceName, InetAddress source, InetAddress destination, int hopLimit, byte[] message) {
        if (!started || !trackInputs.linkUp(interfaceName)) {
            return;
        }
        switch (AdvertisementDecoder.decodeVrrpMessage(source, destination, hopLimit, message)) {
            case DecodeResult.Rejected rejected -> reject(interfaceName, rejected.rejection());
            case DecodeResult.Decoded decoded -> dispatch(interfaceName, decoded.advert());
        }
    }

    public void onLinkChange(String interfaceName, boolean up) {
        if (trackInputs.setLink(interfaceName, up)) {
            reevaluateAll();
        }
    }

    /** Result of a track_script run (the host runs the scripts and applies rise/fall). */
    public void onScriptResult(String scriptName, boolean ok) {
        if (trackInputs.setScript(scriptName, ok)) {
            reevaluateAll();
        }
    }

    /** New value read from a track_file. */
    public void onFileValue(String fileName, long value) {
        if (trackInputs.setFile(fileName, value)) {
            reevaluateAll();
        }
    }

    public Optional<VrrpState> state(String instanceName) {
        return Optional.ofNullable(instances.get(instanceName)).map(VrrpInstance::state);
    }

    public List<InstanceStatus> status() {
        return instances.values().stream().map(VrrpInstance::status).toList();
    }

    /** Names of the instances currently MASTER, in configuration order. */
    public List<String> masterInstances() {
        List<String> masters = new ArrayList<>();
        instances.values().forEach(i -> {
            if (i.state() == VrrpState.MASTER) {
                masters.add(i.name());
            }
        });
        return masters;
    }

    public RejectCounters rejectCounters() {
        return rejectCounters;
    }

    // ---- package-private services for instances

    EngineIo io() {
        return io;
    }

    TrackInputs trackInputs() {
        return trackInputs;
    }

    boolean linkUp(String interfaceName) {
        return trackInputs.linkUp(interfaceName);
    }

    void emit(StateTransition transition) {
        for (EventListener listener : listeners) {
            listener.onTransition(transition);
        }
    }

    private void reevaluateAll() {
        if (started) {
            instances.values().forEach(VrrpInstance::reevaluate);
        }
    }

    private void dispatch(String interfaceName, ReceivedAdvert received) {
        if (ownAddresses.contains(received.source())) {
            reject(interfaceName, new Rejection(RejectReason.OWN_PACKET, "from " + received.source().getHostAddress()));
            return;
        }
        int vrid = received.advert().vrid();
        VrrpInstance instance = byInterfaceAndVrid.get(key(interfaceName, vrid, received.source() instanceof Inet6Address));
        if (instance == null) {
            reject(interfaceName, new Rejection(RejectReason.UNKNOWN_VRID, "VRID " + vrid + " from "
                    + received.source().getHostAddress() + " on " + interfaceName));
            return;
        }
        if (instance.config().version() != received.advert().version()) {
            reject(interfaceName, new Rejection(RejectReason.WRONG_VERSION, "VRRPv" + received.advert().version().number()
                    + " advert from " + received.source().getHostAddress() + " for " + instance.name() + " (VRRPv"
                    + instance.config().version().number() + ")"));
            return;
        }
        instance.receive(received).ifPresent(rejection -> reject(interfaceName, rejection));
    }

    private void reject(String interfaceName, Rejection rejection) {
        rejectCounters.count(rejection.reason());
        for (EventListener listener : listeners) {
            listener.onRejected(config.name(), interfaceName, rejection);
        }
    }

    private static String key(String interfaceName, int vrid, boolean ipv6) {
        return interfaceName + '/' + vrid + (ipv6 ? "/6" : "/4");
    }
}

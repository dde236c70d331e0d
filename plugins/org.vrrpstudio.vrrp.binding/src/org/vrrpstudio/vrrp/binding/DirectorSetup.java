package org.vrrpstudio.vrrp.binding;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vrrpstudio.config.TrackFileSettings;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.NodeConfig;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;

/**
 * One director's configuration in the engine's terms, before it meets a host: every instance as the engine runs it,
 * the sync groups, how each VIP goes onto the host, and what the agent runs beside the engine (check scripts, track
 * files, notify scripts, the notify FIFO). {@link #bind} adds the interfaces' live addresses.
 *
 * @param segmentByInterface the LAN (the model's logical interface name) each physical interface is on, in order
 * @param notRun             what the engine does not run yet (said, not silently dropped)
 * @param checkScripts       every {@code vrrp_script}, tracked or not
 * @param trackFiles         every {@code track_file} block, in file order
 * @param notifyFifo         {@code global_defs { notify_fifo PATH }}
 * @param notifyFifoScript   the {@code notify_fifo_script} that reads that FIFO
 * @param scriptSecurity     {@code global_defs { script_user, enable_script_security }}: who runs the scripts
 */
public record DirectorSetup(String director, List<InstanceConfig> instances, Map<String, String> segmentByInterface,
        List<SyncGroupConfig> syncGroups, List<String> notRun, Map<String, List<VipPlacement>> placements,
        Map<String, NotifyScripts> instanceNotify, Map<String, NotifyScripts> groupNotify, List<CheckScript> checkScripts,
        List<TrackFileSettings> trackFiles, Optional<String> notifyFifo, Optional<NotifyFifoScript> notifyFifoScript,
        ScriptSecurity scriptSecurity) {

    public DirectorSetup {
        instances = List.copyOf(instances);
        segmentByInterface = Collections.unmodifiableMap(new LinkedHashMap<>(segmentByInterface));
        syncGroups = List.copyOf(syncGroups);
        notRun = List.copyOf(notRun);
        Map<String, List<VipPlacement>> copy = new LinkedHashMap<>();
        placements.forEach((instance, vips) -> copy.put(instance, List.copyOf(vips)));
        placements = Collections.unmodifiableMap(copy);
        instanceNotify = Map.copyOf(instanceNotify);
        groupNotify = Map.copyOf(groupNotify);
        checkScripts = List.copyOf(checkScripts);
        trackFiles = List.copyOf(trackFiles);
    }

    /**
     * This setup on a host whose interfaces have {@code addresses}: each family's instances send from that family's
     * primary address, which the interface must have.
     */
    public BoundDirector bind(InterfaceAddresses addresses) throws BindingException {
        List<InterfaceConfig> interfaces = new ArrayList<>();
        for (String name : segmentByInterface.keySet()) {
            Optional<InstanceConfig> ipv4 = instances.stream().filter(i -> !i.isIpv6() && i.interfaceName().equals(name)).findFirst();
            Optional<InstanceConfig> ipv6 = instances.stream().filter(i -> i.isIpv6() && i.interfaceName().equals(name)).findFirst();
            Optional<Inet4Address> primary = Optional.empty();
            if (ipv4.isPresent()) {
                primary = Optional.of(addresses.primaryIpv4(name).orElseThrow(() -> new BindingException(
                        "director " + director + ": interface " + name + " has no IPv4 address")));
            }
            Optional<Inet6Address> linkLocal = Optional.empty();
            if (ipv6.isPresent()) {
                linkLocal = Optional.of(addresses.linkLocalIpv6(name).orElseThrow(() -> new BindingException("director "
                        + director + ": interface " + name + " has no IPv6 link-local address (needed by IPv6 instance "
                        + ipv6.get().name() + ")")));
            }
            interfaces.add(new InterfaceConfig(name, primary, linkLocal));
        }
        try {
            return new BoundDirector(new NodeConfig(director, interfaces, instances, syncGroups), segmentByInterface, notRun,
                    placements);
        } catch (IllegalArgumentException e) { // the engine's own consistency checks, already worded for the user
            throw new BindingException(e.getMessage());
        }
    }
}

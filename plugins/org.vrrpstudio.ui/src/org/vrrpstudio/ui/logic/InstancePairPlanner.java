package org.vrrpstudio.ui.logic;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.ModelFactory;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;

/** Proposes and builds a new instance on every director of a cluster, mirrored: MASTER on one, BACKUP elsewhere. */
public final class InstancePairPlanner {

    private static final ModelFactory FACTORY = ModelFactory.eINSTANCE;

    /** The instance and its per-director settings to add, and what the user should know first. */
    public record Plan(VrrpInstance instance, List<DirectorSettings> settings, List<String> warnings) {
    }

    /** Settings to add to one director. */
    public record DirectorSettings(Director director, DirectorInstance settings) {
    }

    /** The lowest virtual_router_id no instance of the cluster uses. */
    public OptionalInt freeVrid(Cluster cluster) {
        BitSet used = new BitSet(256);
        cluster.getInstances().forEach(i -> used.set(Math.max(0, Math.min(255, i.getVrid()))));
        int free = used.nextClearBit(1);
        return free <= 255 ? OptionalInt.of(free) : OptionalInt.empty();
    }

    /** VI_1, VI_2...: the first such name not yet taken. */
    public String freeName(Cluster cluster) {
        Set<String> names = cluster.getInstances().stream().map(VrrpInstance::getName).collect(Collectors.toSet());
        int n = 1;
        while (names.contains("VI_" + n)) {
            n++;
        }
        return "VI_" + n;
    }

    /** Problems worth a warning before creating the pair (VIP and vrid collisions, name taken). */
    public List<String> warnings(Cluster cluster, InstancePairRequest request) {
        List<String> warnings = new ArrayList<>();
        for (VrrpInstance existing : cluster.getInstances()) {
            if (existing.getName().equals(request.name())) {
                warnings.add("an instance named " + request.name() + " already exists");
            }
            if (existing.getVrid() == request.vrid() && request.interfaceName().equals(existing.getInterface())) {
                warnings.add("virtual_router_id " + request.vrid() + " is already used on " + request.interfaceName()
                        + " by " + existing.getName());
            }
            for (VirtualAddress address : existing.getVirtualAddresses()) {
                for (String wanted : request.addresses()) {
                    if (wanted.split("/")[0].equals(address.getAddress())) {
                        warnings.add("virtual address " + address.getAddress() + " is already held by "
                                + existing.getName());
                    }
                }
            }
        }
        if (request.masterPriority() <= request.backupPriority()) {
            warnings.add("the master priority should be higher than the backup priority");
        }
        return warnings;
    }

    public Plan plan(Cluster cluster, InstancePairRequest request) {
        VrrpInstance instance = FACTORY.createVrrpInstance();
        instance.setName(request.name());
        instance.setVrid(request.vrid());
        instance.setInterface(request.interfaceName());
        instance.setAdvertInterval(request.advertInterval());
        if (request.authType() != null && request.authType() != AuthType.NONE) {
            Authentication authentication = FACTORY.createAuthentication();
            authentication.setType(request.authType());
            authentication.setSecret(request.secret());
            instance.setAuthentication(authentication);
        }
        for (String text : request.addresses()) {
            VirtualAddress address = FACTORY.createVirtualAddress();
            String[] parts = text.trim().split("/", 2);
            address.setAddress(parts[0]);
            if (parts.length == 2) {
                address.setPrefix(Integer.valueOf(parts[1]));
            }
            instance.getVirtualAddresses().add(address);
        }
        List<DirectorSettings> settings = new ArrayList<>();
        for (Director director : cluster.getDirectors()) {
            boolean master = director == request.masterDirector();
            DirectorInstance perDirector = FACTORY.createDirectorInstance();
            perDirector.setInstance(instance);
            perDirector.setInitialState(master ? InitialState.MASTER : InitialState.BACKUP);
            perDirector.setPriority(master ? request.masterPriority() : request.backupPriority());
            settings.add(new DirectorSettings(director, perDirector));
        }
        return new Plan(instance, settings, warnings(cluster, request));
    }
}

package org.vrrpstudio.deploy.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;

/**
 * The cluster model's intent for the live view: per instance the director that should be MASTER when all is well
 * (the highest configured priority; on a tie the one whose file says {@code state MASTER}), each director's
 * configured priority and the virtual addresses.
 */
public final class ClusterIntent {

    private ClusterIntent() {
    }

    public static Intended of(Cluster cluster) {
        List<String> directors = cluster.getDirectors().stream().map(Director::getName).toList();
        List<Intended.Instance> instances = new ArrayList<>();
        for (VrrpInstance instance : cluster.getInstances()) {
            Map<String, Integer> priorities = new LinkedHashMap<>();
            String intended = null;
            int best = -1;
            boolean bestSaysMaster = false;
            for (Director director : cluster.getDirectors()) {
                for (DirectorInstance setting : director.getInstanceSettings()) {
                    if (setting.getInstance() != instance) {
                        continue;
                    }
                    priorities.put(director.getName(), setting.getPriority());
                    boolean saysMaster = setting.getInitialState() == InitialState.MASTER;
                    if (setting.getPriority() > best || setting.getPriority() == best && saysMaster && !bestSaysMaster) {
                        best = setting.getPriority();
                        bestSaysMaster = saysMaster;
                        intended = director.getName();
                    }
                }
            }
            List<String> vips = instance.getVirtualAddresses().stream().map(VirtualAddress::getAddress)
                    .map(a -> a.contains("/") ? a.substring(0, a.indexOf('/')) : a).toList();
            instances.add(new Intended.Instance(instance.getName(), instance.getVrid(), intended, priorities, vips));
        }
        Map<String, List<String>> units = new LinkedHashMap<>();
        for (Maintenance.Unit unit : Maintenance.units(cluster)) {
            units.put(unit.name(), unit.instances().stream().map(VrrpInstance::getName).toList());
        }
        return new Intended(directors, instances, units);
    }
}

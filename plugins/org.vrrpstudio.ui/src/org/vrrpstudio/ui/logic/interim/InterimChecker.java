package org.vrrpstudio.ui.logic.interim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.ui.logic.ClusterProblem;
import org.vrrpstudio.ui.logic.FieldParsers;

/**
 * The checks the console runs after every edit. Stand-in until the cluster bundle's validator is available to
 * the console. Linear in the size of the cluster (maps, no pairwise loops), so it stays well under the 100 ms
 * budget for 200 instances.
 */
public final class InterimChecker {

    public List<ClusterProblem> check(Cluster cluster) {
        List<ClusterProblem> problems = new ArrayList<>();
        List<String> allDirectors = cluster.getDirectors().stream().map(Director::getName).toList();
        Map<String, VrrpInstance> vridOwners = new HashMap<>();
        Map<String, VrrpInstance> addressOwners = new HashMap<>();
        Map<String, VrrpInstance> names = new HashMap<>();
        for (VrrpInstance instance : cluster.getInstances()) {
            String name = instance.getName();
            if (name == null || name.isBlank()) {
                problems.add(error("instance without a name", instance, "vrrp_instance", allDirectors));
                continue;
            }
            if (names.putIfAbsent(name, instance) != null) {
                problems.add(error("instance name " + name + " is used twice", instance, name, allDirectors));
            }
            if (instance.getVrid() < 1 || instance.getVrid() > 255) {
                problems.add(error("virtual_router_id " + instance.getVrid() + " is outside 1..255", instance,
                        name + " › virtual_router_id", allDirectors));
            }
            VrrpInstance sameVrid = vridOwners.putIfAbsent(instance.getInterface() + "/" + instance.getVrid(), instance);
            if (sameVrid != null) {
                problems.add(error("virtual_router_id " + instance.getVrid() + " on " + instance.getInterface()
                        + " is also used by " + sameVrid.getName(), instance, name + " › virtual_router_id", allDirectors));
            }
            if (instance.getInterface() == null || instance.getInterface().isBlank()) {
                problems.add(error("no interface", instance, name + " › interface", allDirectors));
            }
            checkTiming(instance, name, allDirectors, problems);
            checkAuthentication(instance, name, allDirectors, problems);
            if (instance.getVirtualAddresses().isEmpty()) {
                problems.add(warning("no virtual_ipaddress: the instance protects no address", instance,
                        name + " › virtual_ipaddress", allDirectors));
            }
            for (VirtualAddress address : instance.getVirtualAddresses()) {
                String text = address.getAddress() + (address.getPrefix() == null ? "" : "/" + address.getPrefix());
                if (FieldParsers.address(text) instanceof FieldParsers.Parsed.Invalid<?> invalid) {
                    problems.add(error("virtual_ipaddress " + text + ": " + invalid.message(), address,
                            name + " › virtual_ipaddress", allDirectors));
                    continue;
                }
                VrrpInstance owner = addressOwners.putIfAbsent(address.getAddress(), instance);
                if (owner != null && owner != instance) {
                    problems.add(error("virtual address " + address.getAddress() + " is also held by " + owner.getName(),
                            address, name + " › virtual_ipaddress", allDirectors));
                }
            }
            checkDirectors(cluster, instance, name, problems);
        }
        for (SyncGroup group : cluster.getSyncGroups()) {
            if (group.getInstances().isEmpty()) {
                problems.add(warning("sync group " + group.getName() + " has no instance", group, group.getName(),
                        allDirectors));
            }
        }
        return problems;
    }

    private static void checkTiming(VrrpInstance instance, String name, List<String> directors,
            List<ClusterProblem> problems) {
        BigDecimal advert = instance.getAdvertInterval();
        if (advert == null) {
            return;
        }
        boolean v3 = instance.getVersion() != null && instance.getVersion() == 3;
        if (advert.signum() <= 0) {
            problems.add(error("advert_int must be more than 0", instance, name + " › advert_int", directors));
        } else if (!v3 && advert.stripTrailingZeros().scale() > 0) {
            problems.add(error("advert_int " + advert.toPlainString()
                    + " has a fraction: VRRPv2 adverts are whole seconds (use version 3)", instance,
                    name + " › advert_int", directors));
        } else if (advert.compareTo(BigDecimal.valueOf(v3 ? 40.95 : 255)) > 0) {
            problems.add(error("advert_int " + advert.toPlainString() + " is too long for VRRPv" + (v3 ? 3 : 2),
                    instance, name + " › advert_int", directors));
        }
    }

    private static void checkAuthentication(VrrpInstance instance, String name, List<String> directors,
            List<ClusterProblem> problems) {
        if (instance.getAuthentication() == null || instance.getAuthentication().getType() == AuthType.NONE) {
            return;
        }
        boolean v3 = instance.getVersion() != null && instance.getVersion() == 3;
        if (v3) {
            problems.add(error("authentication is not part of VRRPv3: remove it or use version 2",
                    instance.getAuthentication(), name + " › authentication", directors));
        }
        String secret = instance.getAuthentication().getSecret();
        if (secret == null || secret.isEmpty()) {
            problems.add(error("auth_pass is missing", instance.getAuthentication(), name + " › auth_pass", directors));
        } else if (secret.length() > 8) {
            problems.add(warning("auth_pass is longer than 8 characters; keepalived uses only the first 8",
                    instance.getAuthentication(), name + " › auth_pass", directors));
        }
    }

    /** Cross-director checks: each director must say something about the instance, and they must not agree. */
    private static void checkDirectors(Cluster cluster, VrrpInstance instance, String name,
            List<ClusterProblem> problems) {
        List<DirectorInstance> all = new ArrayList<>();
        for (Director director : cluster.getDirectors()) {
            DirectorInstance settings = InterimExporter.settingsOf(director, instance);
            if (settings == null) {
                problems.add(warning(name + " is not configured on " + director.getName(), instance, name,
                        List.of(director.getName())));
                continue;
            }
            all.add(settings);
            if (settings.getPriority() < 1 || settings.getPriority() > 254) {
                problems.add(error("priority " + settings.getPriority() + " on " + director.getName()
                        + " is outside 1..254 (255 is for the address owner)", settings,
                        name + " › priority (" + director.getName() + ")", List.of(director.getName())));
            }
        }
        if (all.size() < 2) {
            return;
        }
        List<String> both = all.stream().map(s -> s.getDirector().getName()).toList();
        long masters = all.stream().filter(s -> s.getInitialState() == InitialState.MASTER).count();
        if (masters > 1) {
            problems.add(warning(name + " starts as MASTER on " + String.join(" and ", both)
                    + ": both will claim the addresses until adverts settle it", instance, name + " › state", both));
        }
        if (all.stream().mapToInt(DirectorInstance::getPriority).distinct().count() < all.size()) {
            problems.add(warning(name + " has the same priority on " + String.join(" and ", both)
                    + ": the higher IP address wins elections, which is rarely intended", instance,
                    name + " › priority", both));
        }
        for (DirectorInstance settings : all) {
            boolean master = settings.getInitialState() == InitialState.MASTER;
            boolean highest = all.stream().allMatch(o -> o == settings || o.getPriority() < settings.getPriority());
            if (master && !highest) {
                problems.add(warning(name + " starts as MASTER on " + settings.getDirector().getName()
                        + " but another director has a higher or equal priority: it will give way at once",
                        settings, name + " › priority (" + settings.getDirector().getName() + ")", both));
            }
        }
    }

    private static ClusterProblem error(String message, EObject element, String where, List<String> directors) {
        return new ClusterProblem(Severity.ERROR, message, element, where, directors);
    }

    private static ClusterProblem warning(String message, EObject element, String where, List<String> directors) {
        return new ClusterProblem(Severity.WARNING, message, element, where, directors);
    }
}

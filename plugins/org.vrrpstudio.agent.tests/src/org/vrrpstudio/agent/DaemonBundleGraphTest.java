package org.vrrpstudio.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * "No EMF in the daemon" as a fact of the bundle graph, not of a launcher's jar list: everything the agent bundle
 * requires, transitively, as the framework resolved it, is the daemon's five bundles and the JDK. Only the bundles'
 * own requirements count; the test fragments' (this one included) are not part of what ships.
 */
class DaemonBundleGraphTest {

    /** What the installed launcher and the .deb put on the daemon's class path. */
    private static final Set<String> DAEMON = Set.of("org.vrrpstudio.agent", "org.vrrpstudio.agent.linux",
            "org.vrrpstudio.vrrp", "org.vrrpstudio.vrrp.binding", "org.vrrpstudio.config");

    @Test
    void theAgentReachesExactlyTheDaemonBundlesAndNothingOfTheModelOrEmf() {
        Bundle agent = FrameworkUtil.getBundle(AgentMain.class);
        assertNotNull(agent, "the test runs in OSGi (tycho-surefire), where the bundle graph is resolved");
        Map<String, String> reachedFrom = reachable(agent);

        List<String> forbidden = reachedFrom.keySet().stream().filter(name -> name.startsWith("org.eclipse.emf")
                || name.equals("org.vrrpstudio.model") || name.equals("org.vrrpstudio.cluster")).toList();
        assertTrue(forbidden.isEmpty(), () -> "the daemon's bundles reach " + forbidden + " by " + paths(forbidden, reachedFrom));
        Set<String> ours = new TreeSet<>(reachedFrom.keySet().stream().filter(n -> n.startsWith("org.vrrpstudio.")).toList());
        assertEquals(new TreeSet<>(DAEMON), ours, "the bundles the launcher's plain class path must hold");
    }

    /** Symbolic name -> the bundle whose requirement brought it in ("" for the start). */
    private static Map<String, String> reachable(Bundle start) {
        Map<String, String> reachedFrom = new LinkedHashMap<>();
        reachedFrom.put(start.getSymbolicName(), "");
        Deque<Bundle> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Bundle bundle = todo.pop();
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            assertNotNull(wiring, bundle.getSymbolicName() + " is not resolved");
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                String namespace = wire.getRequirement().getNamespace();
                boolean ownRequirement = wire.getRequirement().getRevision().equals(wiring.getRevision());
                if (!ownRequirement || !(namespace.equals(BundleNamespace.BUNDLE_NAMESPACE)
                        || namespace.equals(PackageNamespace.PACKAGE_NAMESPACE))) {
                    continue;
                }
                Bundle provider = wire.getProvider().getBundle();
                if (provider.getBundleId() != 0 && reachedFrom.putIfAbsent(provider.getSymbolicName(), bundle.getSymbolicName()) == null) {
                    todo.push(provider);
                }
            }
        }
        return reachedFrom;
    }

    private static String paths(List<String> names, Map<String, String> reachedFrom) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            StringBuilder path = new StringBuilder(name);
            for (String at = reachedFrom.get(name); at != null && !at.isEmpty(); at = reachedFrom.get(at)) {
                path.insert(0, at + " -> ");
            }
            out.append(path).append("; ");
        }
        return out.toString();
    }
}

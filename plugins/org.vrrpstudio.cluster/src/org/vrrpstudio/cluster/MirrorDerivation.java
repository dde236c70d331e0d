package org.vrrpstudio.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.ModelFactory;

/**
 * Derives the peer of a director in a symmetric active-active pair (the keepalived case study): every
 * instance MASTER on the source is BACKUP on the mirror and the other way round, and the priorities swap
 * roles — the mirror's MASTERs take the source's MASTER priority, its BACKUPs the source's BACKUP priority.
 * <p>
 * When the source has no instance of the opposite role to borrow a priority from, the mirror uses the
 * source priority ∓ 50 (kept within 1..254) and says so in an info diagnostic.
 */
public final class MirrorDerivation {

    private static final int FALLBACK_GAP = 50;

    private MirrorDerivation() {
    }

    /** Adds director {@code mirrorName} to {@code cluster}, mirroring {@code source}; returns notes. */
    public static List<Diagnostic> addMirror(Cluster cluster, Director source, String mirrorName, SourceMap sources) {
        List<Diagnostic> notes = new ArrayList<>();
        Director mirror = ModelFactory.eINSTANCE.createDirector();
        mirror.setName(mirrorName);
        mirror.getInterfaces().addAll(source.getInterfaces());
        mirror.getGlobalDefOverrides().addAll(EcoreUtil.copyAll(source.getGlobalDefOverrides()));
        if (source.getRouterId() != null) {
            notes.add(Diagnostic.info(sources.locate(source, "router_id"), "router_id is per director: "
                    + mirrorName + " gets none; set it before deploying"));
        }
        for (DirectorInstance original : source.getInstanceSettings()) {
            DirectorInstance mirrored = ModelFactory.eINSTANCE.createDirectorInstance();
            mirrored.setInstance(original.getInstance());
            mirrored.setInterfaceOverride(original.getInterfaceOverride());
            boolean wasMaster = original.getInitialState() == InitialState.MASTER;
            mirrored.setInitialState(wasMaster ? InitialState.BACKUP : InitialState.MASTER);
            OptionalInt borrowed = priorityOfRole(source, wasMaster ? InitialState.BACKUP : InitialState.MASTER,
                    original.getPriority(), wasMaster);
            int priority;
            if (borrowed.isPresent()) {
                priority = borrowed.getAsInt();
            } else {
                priority = wasMaster ? Math.max(1, original.getPriority() - FALLBACK_GAP)
                        : Math.min(254, original.getPriority() + FALLBACK_GAP);
                notes.add(Diagnostic.info(sources.locate(original, "priority"), "vrrp_instance "
                        + original.getInstance().getName() + ": no " + (wasMaster ? "BACKUP" : "MASTER")
                        + " instance on " + source.getName() + " to take a priority from; " + mirrorName
                        + " uses " + priority));
            }
            mirrored.setPriority(priority);
            mirrorUnicast(original, mirrored, source.getName(), mirrorName, sources, notes);
            mirror.getInstanceSettings().add(mirrored);
        }
        cluster.getDirectors().add(mirror);
        return notes;
    }

    /**
     * The peer's unicast view is the other way round: its source is our (single) peer, its peer is our source.
     * What cannot be known is said rather than guessed.
     */
    private static void mirrorUnicast(DirectorInstance original, DirectorInstance mirrored, String sourceName,
            String mirrorName, SourceMap sources, List<Diagnostic> notes) {
        String name = "vrrp_instance " + original.getInstance().getName();
        List<String> peers = original.getUnicastPeers();
        String src = original.getUnicastSrcIp();
        if (peers.isEmpty()) {
            if (src != null) {
                // multicast with a chosen source: that address is the source director's own
                notes.add(Diagnostic.info(sources.locate(original, "unicast_src_ip"), name + ": unicast_src_ip is "
                        + sourceName + "'s address; " + mirrorName + " gets none (its interface's primary address)"));
            }
            return;
        }
        if (peers.size() == 1) {
            mirrored.setUnicastSrcIp(peers.getFirst());
        } else {
            notes.add(Diagnostic.warning(sources.locate(original, "unicast_peer"), name + ": unicast_peer lists "
                    + peers.size() + " addresses and it is not known which one is " + mirrorName + "'s; " + mirrorName
                    + " gets all of them: set its unicast_src_ip and remove its own address from its list"));
        }
        if (src != null) {
            mirrored.getUnicastPeers().add(src);
        } else {
            notes.add(Diagnostic.warning(sources.locate(original, "unicast_peer"), name + ": " + sourceName
                    + " has unicast_peer but no unicast_src_ip, so " + mirrorName + " cannot know which address to "
                    + "send to; add unicast_src_ip to " + sourceName + " (or " + mirrorName + "'s unicast_peer by hand)"));
        }
        if (peers.size() > 1) {
            peers.stream().filter(p -> !mirrored.getUnicastPeers().contains(p)).forEach(mirrored.getUnicastPeers()::add);
        }
    }

    /**
     * The priority the source uses for instances of {@code role}: the highest one below {@code own} for
     * BACKUPs (when mirroring a MASTER), the lowest one above {@code own} for MASTERs.
     */
    private static OptionalInt priorityOfRole(Director source, InitialState role, int own, boolean wantLower) {
        return source.getInstanceSettings().stream()
                .filter(s -> s.getInitialState() == role)
                .mapToInt(DirectorInstance::getPriority)
                .filter(p -> wantLower ? p < own : p > own)
                .reduce(wantLower ? Math::max : Math::min);
    }
}

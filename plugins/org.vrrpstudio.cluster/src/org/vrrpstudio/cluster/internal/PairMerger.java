package org.vrrpstudio.cluster.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.vrrpstudio.cluster.SourceMap;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.ModelPackage;
import org.vrrpstudio.model.OpaqueStatement;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.Track;
import org.vrrpstudio.model.TrackScript;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.model.VrrpScript;

/**
 * Merges two single-director clusters (one per director's file) into one cluster: instances with the same
 * name become one shared instance; state, priority, interface name, unicast source/peers and router_id stay
 * per director; any other difference cannot be represented and is reported (at the second file, naming the
 * first) as an error.
 */
public final class PairMerger {

    private static final ModelPackage MODEL = ModelPackage.eINSTANCE;

    /** Shared instance features that must be equal, with the keyword they come from (for locations). */
    private static final Map<EStructuralFeature, String> SHARED_INSTANCE_FEATURES = Map.ofEntries(
            Map.entry(MODEL.getVrrpInstance_Vrid(), "virtual_router_id"),
            Map.entry(MODEL.getVrrpInstance_Version(), "version"),
            Map.entry(MODEL.getVrrpInstance_VirtualAddresses(), "virtual_ipaddress"),
            Map.entry(MODEL.getVrrpInstance_ExcludedAddresses(), "virtual_ipaddress_excluded"),
            Map.entry(MODEL.getVrrpInstance_VirtualRoutes(), "virtual_routes"),
            Map.entry(MODEL.getVrrpInstance_Nopreempt(), "nopreempt"),
            Map.entry(MODEL.getVrrpInstance_PreemptDelay(), "preempt_delay"),
            Map.entry(MODEL.getVrrpInstance_GarpMasterDelay(), "garp_master_delay"),
            Map.entry(MODEL.getVrrpInstance_GarpMasterRepeat(), "garp_master_repeat"),
            Map.entry(MODEL.getVrrpInstance_GarpMasterRefresh(), "garp_master_refresh"),
            Map.entry(MODEL.getVrrpInstance_GarpMasterRefreshRepeat(), "garp_master_refresh_repeat"),
            Map.entry(MODEL.getVrrpInstance_Tracks(), "track_interface"),
            Map.entry(MODEL.getVrrpInstance_NotifyMaster(), "notify_master"),
            Map.entry(MODEL.getVrrpInstance_NotifyBackup(), "notify_backup"),
            Map.entry(MODEL.getVrrpInstance_NotifyFault(), "notify_fault"),
            Map.entry(MODEL.getVrrpInstance_NotifyStop(), "notify_stop"),
            Map.entry(MODEL.getVrrpInstance_Notify(), "notify"),
            Map.entry(MODEL.getVrrpInstance_SmtpAlert(), "smtp_alert"),
            Map.entry(MODEL.getVrrpInstance_OpaqueStatements(), "vrrp_instance"));

    private final SourceMap sources;
    private final List<Diagnostic> diagnostics;

    public PairMerger(SourceMap sources, List<Diagnostic> diagnostics) {
        this.sources = sources;
        this.diagnostics = diagnostics;
    }

    /** Merges {@code second} into {@code first} (which is returned); {@code second} is consumed. */
    public Cluster merge(Cluster first, Cluster second) {
        Director directorA = first.getDirectors().getFirst();
        Director directorB = second.getDirectors().getFirst();
        mergeScripts(first, second);
        List<VrrpInstance> onlyOnB = new ArrayList<>();
        for (DirectorInstance settingsB : List.copyOf(directorB.getInstanceSettings())) {
            VrrpInstance instanceB = settingsB.getInstance();
            Optional<VrrpInstance> instanceA = byName(first.getInstances(), instanceB.getName());
            if (instanceA.isPresent()) {
                compareInstances(instanceA.get(), instanceB, directorA, directorB, settingsB);
                settingsB.setInstance(instanceA.get());
            } else {
                Optional<VrrpInstance> sameVrid = first.getInstances().stream()
                        .filter(a -> a.getVrid() == instanceB.getVrid()
                                && Objects.equals(a.getInterface(), instanceB.getInterface())
                                && byName(second.getInstances(), a.getName()).isEmpty())
                        .findFirst();
                if (sameVrid.isPresent()) {
                    error(sources.locate(instanceB), "vrrp_instance " + instanceB.getName() + " on "
                            + directorB.getName() + " has the virtual_router_id of " + sameVrid.get().getName()
                            + " on " + directorA.getName() + " (" + sources.locate(sameVrid.get())
                            + "): a mirrored instance must have the same name on both directors");
                } else {
                    onlyOnB.add(instanceB);
                    warning(sources.locate(instanceB), "vrrp_instance " + instanceB.getName()
                            + " is configured only on " + directorB.getName());
                }
            }
        }
        for (VrrpInstance instanceA : first.getInstances()) {
            if (byName(second.getInstances(), instanceA.getName()).isEmpty()
                    && sources.find(instanceA, null).isPresent()) {
                warning(sources.locate(instanceA), "vrrp_instance " + instanceA.getName()
                        + " is configured only on " + directorA.getName());
            }
        }
        for (VrrpInstance moved : onlyOnB) {
            retargetScripts(moved, first);
            first.getInstances().add(moved);
        }
        mergeSyncGroups(first, second, directorA, directorB);
        mergeGlobalDefs(first, second, directorA, directorB);
        compareOpaque(first.getOpaqueBlocks(), second.getOpaqueBlocks(), directorA, directorB, second);
        first.getDirectors().add(directorB);
        return first;
    }

    private void compareInstances(VrrpInstance a, VrrpInstance b, Director directorA, Director directorB,
            DirectorInstance settingsB) {
        String name = a.getName();
        for (Map.Entry<EStructuralFeature, String> shared : SHARED_INSTANCE_FEATURES.entrySet()) {
            EStructuralFeature feature = shared.getKey();
            if (!sameValue(a.eGet(feature), b.eGet(feature))) {
                String keyword = shared.getValue();
                differs(a, b, keyword, "vrrp_instance " + name + ": " + describe(feature, keyword), directorA,
                        directorB);
            }
        }
        if (!sameInterval(a, b)) {
            differs(a, b, "advert_int", "vrrp_instance " + name + ": advert_int", directorA, directorB);
        }
        compareAuthentication(a, b, directorA, directorB);
        if (!Objects.equals(a.getInterface(), b.getInterface())) {
            settingsB.setInterfaceOverride(b.getInterface());
        }
        for (Map.Entry<String, String> comment : b.getInnerComments()) {
            if (!a.getInnerComments().containsKey(comment.getKey())) {
                a.getInnerComments().put(comment.getKey(), comment.getValue());
            }
        }
    }

    private static String describe(EStructuralFeature feature, String keyword) {
        if (feature == MODEL.getVrrpInstance_OpaqueStatements()) {
            return "the statements kept as written";
        }
        if (feature == MODEL.getVrrpInstance_Tracks()) {
            return "track_interface/track_script/track_file";
        }
        return keyword;
    }

    private static boolean sameInterval(VrrpInstance a, VrrpInstance b) {
        if (a.getAdvertInterval() == null || b.getAdvertInterval() == null) {
            return a.getAdvertInterval() == b.getAdvertInterval();
        }
        return a.getAdvertInterval().compareTo(b.getAdvertInterval()) == 0;
    }

    private void compareAuthentication(VrrpInstance a, VrrpInstance b, Director directorA, Director directorB) {
        Authentication authA = a.getAuthentication();
        Authentication authB = b.getAuthentication();
        String typeA = authA == null ? "none" : authA.getType().getLiteral();
        String typeB = authB == null ? "none" : authB.getType().getLiteral();
        if (!typeA.equals(typeB)) {
            differs(a, b, "authentication", "vrrp_instance " + a.getName() + ": auth_type (" + typeA + " vs "
                    + typeB + ")", directorA, directorB);
        } else if (authA != null && !Objects.equals(authA.getSecret(), authB.getSecret())) {
            // never show the passwords themselves
            Location whereB = sources.find(authB, "auth_pass").orElse(sources.locate(b, "authentication"));
            Location whereA = sources.find(authA, "auth_pass").orElse(sources.locate(a, "authentication"));
            error(whereB, "vrrp_instance " + a.getName() + ": auth_pass differs from " + directorA.getName()
                    + " (" + whereA + "); both directors must share the password");
        }
    }

    private void differs(EObject a, EObject b, String keyword, String what, Director directorA, Director directorB) {
        error(sources.locate(b, keyword), what + " differs between " + directorB.getName() + " and "
                + directorA.getName() + " (" + sources.locate(a, keyword) + "); it must be the same on both");
    }

    private void mergeScripts(Cluster first, Cluster second) {
        for (VrrpScript scriptB : List.copyOf(second.getScripts())) {
            Optional<VrrpScript> scriptA = first.getScripts().stream()
                    .filter(s -> s.getName().equals(scriptB.getName())).findFirst();
            if (scriptA.isEmpty()) {
                first.getScripts().add(scriptB);
            } else if (!sameValue(scriptA.get(), scriptB)) {
                error(sources.locate(scriptB), "vrrp_script " + scriptB.getName() + " differs between directors ("
                        + sources.locate(scriptA.get()) + "); it must be the same on both");
            }
        }
    }

    private static void retargetScripts(VrrpInstance moved, Cluster into) {
        for (Track track : moved.getTracks()) {
            if (track instanceof TrackScript ts && ts.getScript() != null) {
                String name = ts.getScript().getName();
                into.getScripts().stream().filter(s -> s.getName().equals(name)).findFirst()
                        .ifPresent(ts::setScript);
            }
        }
    }

    private void mergeSyncGroups(Cluster first, Cluster second, Director directorA, Director directorB) {
        for (SyncGroup groupB : second.getSyncGroups()) {
            Optional<SyncGroup> groupA = first.getSyncGroups().stream()
                    .filter(g -> g.getName().equals(groupB.getName())).findFirst();
            if (groupA.isEmpty()) {
                error(sources.locate(groupB), "vrrp_sync_group " + groupB.getName() + " exists only on "
                        + directorB.getName() + "; sync groups must be the same on both directors");
                continue;
            }
            List<String> membersA = groupA.get().getInstances().stream().map(VrrpInstance::getName).toList();
            List<String> membersB = groupB.getInstances().stream().map(VrrpInstance::getName).toList();
            if (!membersA.equals(membersB)) {
                error(sources.locate(groupB, "group"), "vrrp_sync_group " + groupB.getName() + " has members "
                        + membersB + " on " + directorB.getName() + " but " + membersA + " on "
                        + directorA.getName() + " (" + sources.locate(groupA.get(), "group") + ")");
            } else {
                SyncGroup strippedA = EcoreUtil.copy(groupA.get());
                SyncGroup strippedB = EcoreUtil.copy(groupB);
                strippedA.getInstances().clear();
                strippedB.getInstances().clear();
                if (!sameValue(strippedA, strippedB)) {
                    error(sources.locate(groupB), "vrrp_sync_group " + groupB.getName()
                            + " differs between directors (" + sources.locate(groupA.get())
                            + "); it must be the same on both");
                }
            }
        }
        for (SyncGroup groupA : first.getSyncGroups()) {
            if (second.getSyncGroups().stream().noneMatch(g -> g.getName().equals(groupA.getName()))) {
                error(sources.locate(groupA), "vrrp_sync_group " + groupA.getName() + " exists only on "
                        + directorA.getName() + "; sync groups must be the same on both directors");
            }
        }
    }

    private void mergeGlobalDefs(Cluster first, Cluster second, Director directorA, Director directorB) {
        List<OpaqueStatement> onlyA = new ArrayList<>();
        for (OpaqueStatement a : first.getGlobalDefs()) {
            if (second.getGlobalDefs().stream().noneMatch(b -> b.getText().equals(a.getText()))) {
                onlyA.add(a);
            }
        }
        List<OpaqueStatement> onlyB = new ArrayList<>();
        for (OpaqueStatement b : second.getGlobalDefs()) {
            if (first.getGlobalDefs().stream().noneMatch(a -> a.getText().equals(b.getText()))) {
                onlyB.add(b);
            }
        }
        first.getGlobalDefs().removeAll(onlyA);
        directorA.getGlobalDefOverrides().addAll(onlyA);
        directorB.getGlobalDefOverrides().addAll(onlyB);
    }

    private void compareOpaque(List<OpaqueStatement> a, List<OpaqueStatement> b, Director directorA,
            Director directorB, Cluster second) {
        List<String> textsA = a.stream().map(OpaqueStatement::getText).toList();
        for (OpaqueStatement statement : b) {
            if (!textsA.contains(statement.getText())) {
                error(sources.locate(statement), statement.getKeyword() + " block on " + directorB.getName()
                        + " has no identical counterpart on " + directorA.getName()
                        + "; blocks outside VRRP must be the same on both directors");
            }
        }
        List<String> textsB = b.stream().map(OpaqueStatement::getText).toList();
        for (OpaqueStatement statement : a) {
            if (!textsB.contains(statement.getText())) {
                error(sources.locate(statement), statement.getKeyword() + " block on " + directorA.getName()
                        + " has no identical counterpart on " + directorB.getName()
                        + "; blocks outside VRRP must be the same on both directors");
            }
        }
    }

    private static Optional<VrrpInstance> byName(List<VrrpInstance> instances, String name) {
        return instances.stream().filter(i -> i.getName().equals(name)).findFirst();
    }

    /** Equality of values, ignoring comments (they may differ between the files without harm). */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof List<?> listA && b instanceof List<?> listB) {
            if (listA.size() != listB.size()) {
                return false;
            }
            for (int i = 0; i < listA.size(); i++) {
                if (!sameValue(listA.get(i), listB.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof EObject objectA && b instanceof EObject objectB) {
            return new CommentBlindEquality().equals(objectA, objectB);
        }
        return Objects.equals(a, b);
    }

    private static final class CommentBlindEquality extends EcoreUtil.EqualityHelper {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean haveEqualFeature(EObject eObject1, EObject eObject2, EStructuralFeature feature) {
            if (feature == MODEL.getCommented_LeadingComments() || feature == MODEL.getCommented_InnerComments()) {
                return true;
            }
            return super.haveEqualFeature(eObject1, eObject2, feature);
        }
    }

    private void error(Location location, String message) {
        diagnostics.add(Diagnostic.error(location, message));
    }

    private void warning(Location location, String message) {
        diagnostics.add(Diagnostic.warning(location, message));
    }
}

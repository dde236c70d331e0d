package org.vrrpstudio.ui.logic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CompoundCommand;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.ModelFactory;
import org.vrrpstudio.model.ModelPackage.Literals;
import org.vrrpstudio.model.OpaqueStatement;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.Track;
import org.vrrpstudio.model.TrackScript;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.model.VrrpScript;

/**
 * Undoable structural edits of a cluster (one compound command each, so one undo reverts the whole edit):
 * add an instance pair, add a sync group, duplicate an instance, delete elements with everything that refers
 * to them, add the drain and move tracks.
 */
public final class ClusterCommands {

    private final ClusterDocument document;

    public ClusterCommands(ClusterDocument document) {
        this.document = document;
    }

    public Command addInstancePair(InstancePairPlanner.Plan plan) {
        EditingDomain domain = document.editingDomain();
        CompoundCommand command = new CompoundCommand("New instance pair " + plan.instance().getName());
        command.append(AddCommand.create(domain, document.cluster(), Literals.CLUSTER__INSTANCES, plan.instance()));
        for (InstancePairPlanner.DirectorSettings settings : plan.settings()) {
            command.append(AddCommand.create(domain, settings.director(), Literals.DIRECTOR__INSTANCE_SETTINGS,
                    settings.settings()));
        }
        return command;
    }

    /**
     * Adds the drain and move tracks ({@link Maintenance#plan}) as one undoable command; null when the model has them
     * all already (or only address owners, which cannot be moved).
     */
    public Command enableMaintenance() {
        EditingDomain domain = document.editingDomain();
        CompoundCommand command = new CompoundCommand("Add drain and move tracks");
        for (Maintenance.Change change : Maintenance.plan(document.cluster())) {
            switch (change) {
                case Maintenance.Change.AddBlock add -> command.append(AddCommand.create(domain, document.cluster(),
                        Literals.CLUSTER__OPAQUE_BLOCKS, add.block()));
                case Maintenance.Change.AddTrack add -> command.append(AddCommand.create(domain, add.instance(),
                        Literals.VRRP_INSTANCE__TRACKS, add.track()));
                case Maintenance.Change.SetWeight set -> command.append(SetCommand.create(domain, set.track(),
                        Literals.TRACK__WEIGHT, set.weight()));
                case Maintenance.Change.AddTrackingWeight add -> command.append(AddCommand.create(domain, add.unit().group(),
                        Literals.SYNC_GROUP__OPAQUE_STATEMENTS, add.statement()));
                case Maintenance.Change.Skipped skipped -> {
                    // an address owner: nothing to add
                }
            }
        }
        return command.isEmpty() ? null : command;
    }

    public Command addSyncGroup(String name, Collection<VrrpInstance> members) {
        SyncGroup group = ModelFactory.eINSTANCE.createSyncGroup();
        group.setName(name);
        group.getInstances().addAll(members);
        return AddCommand.create(document.editingDomain(), document.cluster(), Literals.CLUSTER__SYNC_GROUPS, group);
    }

    /** A copy with a free name and vrid, the same per-director settings, and no virtual addresses (they would collide). */
    public Command duplicate(VrrpInstance original) {
        Cluster cluster = document.cluster();
        InstancePairPlanner planner = new InstancePairPlanner();
        VrrpInstance copy = EcoreUtil.copy(original);
        copy.setName(planner.freeName(cluster));
        copy.setVrid(planner.freeVrid(cluster).orElse(original.getVrid()));
        copy.getVirtualAddresses().clear();
        // tracks on scripts refer to the cluster's scripts: keep those references
        for (int i = 0; i < original.getTracks().size(); i++) {
            if (original.getTracks().get(i) instanceof TrackScript source
                    && copy.getTracks().get(i) instanceof TrackScript target) {
                target.setScript(source.getScript());
            }
        }
        EditingDomain domain = document.editingDomain();
        CompoundCommand command = new CompoundCommand("Duplicate " + original.getName());
        command.append(AddCommand.create(domain, cluster, Literals.CLUSTER__INSTANCES, copy));
        for (Director director : cluster.getDirectors()) {
            for (DirectorInstance settings : director.getInstanceSettings()) {
                if (settings.getInstance() == original) {
                    DirectorInstance copied = EcoreUtil.copy(settings);
                    copied.setInstance(copy);
                    command.append(AddCommand.create(domain, director, Literals.DIRECTOR__INSTANCE_SETTINGS, copied));
                }
            }
        }
        return command;
    }

    /** Deletes instances, sync groups, scripts, opaque blocks and virtual addresses; directors are not deletable here. */
    public Command delete(Collection<? extends EObject> elements) {
        EditingDomain domain = document.editingDomain();
        Cluster cluster = document.cluster();
        Set<EObject> doomed = Set.copyOf(elements);
        CompoundCommand command = new CompoundCommand("Delete");
        for (EObject element : elements) {
            switch (element) {
                case VrrpInstance instance -> {
                    for (Director director : cluster.getDirectors()) {
                        List<DirectorInstance> settings = director.getInstanceSettings().stream()
                                .filter(s -> s.getInstance() == instance).toList();
                        if (!settings.isEmpty()) {
                            command.append(RemoveCommand.create(domain, director, Literals.DIRECTOR__INSTANCE_SETTINGS,
                                    settings));
                        }
                    }
                    for (SyncGroup group : cluster.getSyncGroups()) {
                        if (group.getInstances().contains(instance) && !doomed.contains(group)) {
                            command.append(RemoveCommand.create(domain, group, Literals.SYNC_GROUP__INSTANCES, instance));
                        }
                    }
                    command.append(RemoveCommand.create(domain, cluster, Literals.CLUSTER__INSTANCES, instance));
                }
                case SyncGroup group ->
                    command.append(RemoveCommand.create(domain, cluster, Literals.CLUSTER__SYNC_GROUPS, group));
                case VrrpScript script -> {
                    for (VrrpInstance instance : cluster.getInstances()) {
                        List<Track> tracks = instance.getTracks().stream()
                                .filter(t -> t instanceof TrackScript ts && ts.getScript() == script)
                                .collect(Collectors.toCollection(ArrayList::new));
                        if (!tracks.isEmpty() && !doomed.contains(instance)) {
                            command.append(RemoveCommand.create(domain, instance, Literals.VRRP_INSTANCE__TRACKS, tracks));
                        }
                    }
                    command.append(RemoveCommand.create(domain, cluster, Literals.CLUSTER__SCRIPTS, script));
                }
                case OpaqueStatement opaque when opaque.eContainer() == cluster ->
                    command.append(RemoveCommand.create(domain, cluster, opaque.eContainingFeature(), opaque));
                case VirtualAddress address when !doomed.contains(address.eContainer()) ->
                    command.append(RemoveCommand.create(domain, address.eContainer(), address.eContainingFeature(),
                            address));
                default -> {
                    // directors and per-director settings are not deleted from the explorer
                }
            }
        }
        return command.isEmpty() ? null : command;
    }
}

package org.vrrpstudio.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.ModelFactory;
import org.vrrpstudio.model.OpaqueStatement;
import org.vrrpstudio.model.SyncGroup;
import org.vrrpstudio.model.Track;
import org.vrrpstudio.model.TrackFile;
import org.vrrpstudio.model.VrrpInstance;

/**
 * Maintenance (drain and move) as plain keepalived configuration, so that stock keepalived 2.2.7 and our agent both
 * obey it with what they already read: one {@code track_file} per <em>unit</em> (a sync group, or an instance in no
 * group), whose file lives beside the director's config ({@code ${_PWD}}, so under /etc/keepalived: it survives a
 * restart and a reboot). The file holds 0 (normal) or 1 (this director gives the unit away); every instance of the
 * unit tracks it with a negative weight large enough to put the director below its peer. Sync groups get
 * {@code sync_group_tracking_weight}, without which keepalived forces a tracked weight to 0 (FAULT) in a group.
 * <p>
 * The model is the source of truth: {@link #enable} adds the blocks and the tracks (visible in the cluster and in each
 * exported file), the console or the CLI deploys them once, then drains and moves write only the small files.
 */
public final class Maintenance {

    /** Prefix of the track_file blocks this class owns. */
    public static final String TRACK_PREFIX = "vrrpstudio_maint_";
    /** Prefix of the files on the director, in the folder of its keepalived.conf. */
    public static final String FILE_PREFIX = "vrrpstudio-maint-";
    public static final String TRACKING_WEIGHT = "sync_group_tracking_weight";

    private Maintenance() {
    }

    /**
     * What moves together: a sync group with its members, or one instance outside any group.
     *
     * @param group the sync group, or null for a lone instance
     */
    public record Unit(String name, SyncGroup group, List<VrrpInstance> instances) {

        public Unit {
            instances = List.copyOf(instances);
        }

        public boolean isGroup() {
            return group != null;
        }

        public String trackName() {
            return TRACK_PREFIX + name;
        }

        public String fileName() {
            return FILE_PREFIX + name;
        }

        /** "sync group VG1 (VI_1, VI_2)" or "instance VI_5". */
        public String describe() {
            return isGroup() ? "sync group " + name + " (" + String.join(", ", instances.stream().map(VrrpInstance::getName).toList()) + ")"
                    : "instance " + name;
        }
    }

    /** The cluster's units: its sync groups in order, then the instances in no group. */
    public static List<Unit> units(Cluster cluster) {
        List<Unit> units = new ArrayList<>();
        Set<VrrpInstance> grouped = new LinkedHashSet<>();
        for (SyncGroup group : cluster.getSyncGroups()) {
            units.add(new Unit(group.getName(), group, group.getInstances()));
            grouped.addAll(group.getInstances());
        }
        for (VrrpInstance instance : cluster.getInstances()) {
            if (!grouped.contains(instance)) {
                units.add(new Unit(instance.getName(), null, List.of(instance)));
            }
        }
        return units;
    }

    /** The unit called {@code name} (a sync group or a lone instance). */
    public static Optional<Unit> unit(Cluster cluster, String name) {
        return units(cluster).stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** The unit an instance belongs to. */
    public static Optional<Unit> unitOf(Cluster cluster, String instance) {
        return units(cluster).stream().filter(u -> u.instances().stream().anyMatch(i -> i.getName().equals(instance))).findFirst();
    }

    /** The file on {@code director} that drives {@code unit}: beside its keepalived.conf. */
    public static String remoteFile(Director director, Unit unit) {
        String config = director.getRemoteConfigPath() == null ? "/etc/keepalived/keepalived.conf" : director.getRemoteConfigPath();
        int slash = config.lastIndexOf('/');
        String folder = slash < 0 ? "." : slash == 0 ? "" : config.substring(0, slash);
        return folder + "/" + unit.fileName();
    }

    /** This director's priority for the instance, if it runs it. */
    public static Optional<Integer> priority(Director director, VrrpInstance instance) {
        return director.getInstanceSettings().stream().filter(s -> s.getInstance() == instance).findFirst()
                .map(DirectorInstance::getPriority);
    }

    /**
     * The weight that takes any director of the unit strictly below every peer, i.e. the largest gap between two
     * directors' priorities of one instance, plus one (at least 1; owners at 255 are left out, they cannot be moved).
     */
    public static int requiredWeight(Cluster cluster, Unit unit) {
        int gap = 0;
        for (VrrpInstance instance : unit.instances()) {
            List<Integer> priorities = cluster.getDirectors().stream().map(d -> priority(d, instance)).flatMap(Optional::stream)
                    .filter(p -> p < 255).toList();
            if (!priorities.isEmpty()) {
                gap = Math.max(gap, priorities.stream().mapToInt(Integer::intValue).max().getAsInt()
                        - priorities.stream().mapToInt(Integer::intValue).min().getAsInt());
            }
        }
        return Math.min(gap + 1, 253);
    }

    /** The instance's maintenance track (by the unit's track name), if the model has one. */
    public static Optional<TrackFile> track(VrrpInstance instance, Unit unit) {
        for (Track track : instance.getTracks()) {
            if (track instanceof TrackFile file && unit.trackName().equals(file.getFileName())) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The top-level track_file block of the unit, if the model has one. */
    public static Optional<OpaqueStatement> block(Cluster cluster, Unit unit) {
        return cluster.getOpaqueBlocks().stream().filter(o -> TrackFileBlock.KEYWORDS.contains(o.getKeyword()))
                .filter(o -> TrackFileBlock.of(o).map(b -> b.name().equals(unit.trackName())).orElse(false)).findFirst();
    }

    /** Whether the group says {@code sync_group_tracking_weight}. */
    public static boolean tracksWeight(SyncGroup group) {
        return group.getOpaqueStatements().stream().anyMatch(o -> TRACKING_WEIGHT.equals(o.getKeyword()));
    }

    /** Whether every instance of the unit tracks its maintenance file and the block is there. */
    public static boolean enabled(Cluster cluster, Unit unit) {
        return block(cluster, unit).isPresent() && unit.instances().stream().allMatch(i -> track(i, unit).isPresent());
    }

    /**
     * One step of {@link #enable}, described before it is made, so the console can make it an undoable command and
     * the command line apply it; {@link #describe()} is the line said about it.
     */
    public sealed interface Change {
        String describe();

        /** A top-level {@code track_file} block for the unit. */
        record AddBlock(Unit unit, OpaqueStatement block) implements Change {
            public String describe() {
                return "added track_file " + unit.trackName() + " (file " + unit.fileName() + " beside keepalived.conf)";
            }
        }

        /** The instance tracks the unit's file. */
        record AddTrack(Unit unit, VrrpInstance instance, TrackFile track) implements Change {
            public String describe() {
                return instance.getName() + ": tracks " + unit.trackName() + " weight " + track.getWeight();
            }
        }

        /** The instance's existing track gets the weight the unit needs now (priorities changed). */
        record SetWeight(Unit unit, VrrpInstance instance, TrackFile track, int weight) implements Change {
            public String describe() {
                return instance.getName() + ": " + unit.trackName() + " weight now " + weight;
            }
        }

        /** The sync group says {@code sync_group_tracking_weight}. */
        record AddTrackingWeight(Unit unit, OpaqueStatement statement) implements Change {
            public String describe() {
                return unit.name() + ": " + TRACKING_WEIGHT;
            }
        }

        /** A unit left out: an address owner cannot be moved. */
        record Skipped(Unit unit) implements Change {
            public String describe() {
                return unit.describe() + ": skipped, a director owns its address (priority 255) and cannot be moved";
            }
        }
    }

    /**
     * What {@link #enable} would change, nothing changed yet: the maintenance blocks, tracks and
     * {@code sync_group_tracking_weight} for every unit whose instances are not address owners on any director.
     * Empty (apart from skipped units) when the model already has it all.
     */
    public static List<Change> plan(Cluster cluster) {
        List<Change> changes = new ArrayList<>();
        for (Unit unit : units(cluster)) {
            if (hasOwner(cluster, unit)) {
                changes.add(new Change.Skipped(unit));
                continue;
            }
            int weight = -requiredWeight(cluster, unit);
            if (block(cluster, unit).isEmpty()) {
                OpaqueStatement block = ModelFactory.eINSTANCE.createOpaqueStatement();
                block.setKeyword("track_file");
                block.setText("track_file " + unit.trackName() + " {\n    file \"${_PWD}/" + unit.fileName() + "\"\n    init_file 0\n}");
                changes.add(new Change.AddBlock(unit, block));
            }
            for (VrrpInstance instance : unit.instances()) {
                Optional<TrackFile> existing = track(instance, unit);
                if (existing.isEmpty()) {
                    TrackFile track = ModelFactory.eINSTANCE.createTrackFile();
                    track.setFileName(unit.trackName());
                    track.setWeight(weight);
                    changes.add(new Change.AddTrack(unit, instance, track));
                } else if (existing.get().getWeight() == null || existing.get().getWeight() != weight) {
                    changes.add(new Change.SetWeight(unit, instance, existing.get(), weight));
                }
            }
            if (unit.isGroup() && !tracksWeight(unit.group())) {
                OpaqueStatement statement = ModelFactory.eINSTANCE.createOpaqueStatement();
                statement.setKeyword(TRACKING_WEIGHT);
                statement.setText(TRACKING_WEIGHT);
                changes.add(new Change.AddTrackingWeight(unit, statement));
            }
        }
        return changes;
    }

    /**
     * Adds (or brings up to date) the maintenance blocks, tracks and {@code sync_group_tracking_weight}: {@link #plan}
     * applied. Idempotent.
     *
     * @return one line per change, empty when the model already had it all
     */
    public static List<String> enable(Cluster cluster) {
        List<Change> changes = plan(cluster);
        for (Change change : changes) {
            switch (change) {
                case Change.AddBlock add -> cluster.getOpaqueBlocks().add(add.block());
                case Change.AddTrack add -> add.instance().getTracks().add(add.track());
                case Change.SetWeight set -> set.track().setWeight(set.weight());
                case Change.AddTrackingWeight add -> add.unit().group().getOpaqueStatements().add(add.statement());
                case Change.Skipped skipped -> {
                    // said, nothing to change
                }
            }
        }
        return changes.stream().map(Change::describe).toList();
    }

    /** Removes what {@link #enable} added (the group's {@code sync_group_tracking_weight} stays: the user may want it). */
    public static List<String> disable(Cluster cluster) {
        List<String> changes = new ArrayList<>();
        for (Unit unit : units(cluster)) {
            block(cluster, unit).ifPresent(b -> {
                cluster.getOpaqueBlocks().remove(b);
                changes.add("removed track_file " + unit.trackName());
            });
            for (VrrpInstance instance : unit.instances()) {
                track(instance, unit).ifPresent(t -> {
                    instance.getTracks().remove(t);
                    changes.add(instance.getName() + ": no longer tracks " + unit.trackName());
                });
            }
        }
        return changes;
    }

    /** Whether some director runs an instance of the unit at priority 255 (the address owner). */
    public static boolean hasOwner(Cluster cluster, Unit unit) {
        return unit.instances().stream().anyMatch(i -> cluster.getDirectors().stream()
                .anyMatch(d -> priority(d, i).map(p -> p >= 255).orElse(false)));
    }
}

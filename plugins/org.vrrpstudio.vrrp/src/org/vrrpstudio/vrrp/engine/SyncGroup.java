package org.vrrpstudio.vrrp.engine;

import java.time.Duration;
import java.util.List;
import org.vrrpstudio.vrrp.config.GroupTakeover;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;

/**
 * A vrrp_sync_group: members are MASTER together or not at all.
 * <ul>
 * <li>a member leaving MASTER (to BACKUP or FAULT), or entering FAULT, forces every MASTER member to BACKUP;</li>
 * <li>a member whose master down timer expires only becomes MASTER when no member is in FAULT and every
 * other member is MASTER or has its own timer expired; then all go MASTER at once;</li>
 * <li>a member held this way stays BACKUP (the seed's "VI_2 is forced to BACKUP");</li>
 * <li>with group-aware takeover ({@link GroupTakeover#ORDERED}, {@link GroupTakeover#PAIR}) a priority-0 advert
 * from the master of the whole group releases every member ({@link #releasedBy}).</li>
 * </ul>
 */
final class SyncGroup {
    private final SyncGroupConfig config;
    private final List<VrrpInstance> members;
    private final GroupTakeover mode;
    private boolean propagating;

    SyncGroup(SyncGroupConfig config, List<VrrpInstance> members, GroupTakeover mode) {
        this.config = config;
        this.mode = mode;
        this.members = List.copyOf(members);
    }

    SyncGroupConfig config() {
        return config;
    }

    void memberReady(VrrpInstance ready, TransitionReason reason, String detail) {
        boolean anyDown = members.stream().anyMatch(m -> m.state() == VrrpState.FAULT || m.state() == VrrpState.INITIALIZE);
        boolean allReady = members.stream().allMatch(m -> m.state() == VrrpState.MASTER || m.wantsMaster());
        if (anyDown || !allReady) {
            return;
        }
        propagating = true;
        try {
            if (ready.state() != VrrpState.MASTER) {
                ready.becomeMaster(reason, detail);
            }
            for (VrrpInstance member : members) {
                if (member.state() != VrrpState.MASTER) {
                    member.becomeMaster(TransitionReason.SYNC_GROUP, config.name() + " follows " + ready.name());
                }
            }
        } finally {
            propagating = false;
        }
    }

    /**
     * Group-aware takeover: {@code receiver} got an authenticated priority-0 advert from the live master it
     * follows. That director released the whole group if every other member is BACKUP and either follows a live
     * master too or has already timed out — a director that keeps this sync group is MASTER of all members or of
     * none, so in a pair every one of those masters is the sender. Then the release counts for every member: at
     * once in a pair ({@link GroupTakeover#PAIR}), after each member's Skew_Time otherwise (the RFC's ordering
     * among several backups). Returns false, changing nothing, when the sender is not master of the whole group
     * as far as we can tell (a member is MASTER here, in FAULT, starting, or has no known master).
     */
    boolean releasedBy(VrrpInstance receiver) {
        for (VrrpInstance member : members) {
            if (member != receiver && !(member.state() == VrrpState.BACKUP && (member.wantsMaster() || member.followsLiveMaster()))) {
                return false;
            }
        }
        boolean pair = members.stream().noneMatch(VrrpInstance::heardSeveralForeignSources)
                && mode == GroupTakeover.PAIR;
        for (VrrpInstance member : members) {
            if (member == receiver || !member.wantsMaster()) {
                member.released(pair ? Duration.ZERO : member.skewTime());
            }
        }
        return true;
    }

    void memberDemoted(VrrpInstance demoted) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            for (VrrpInstance member : members) {
                if (member != demoted && member.state() == VrrpState.MASTER) {
                    member.enterBackup(TransitionReason.SYNC_GROUP,
                            config.name() + ": " + demoted.name() + " is " + demoted.state(), member.config().advertIntervalCentis());
                }
            }
        } finally {
            propagating = false;
        }
    }
}

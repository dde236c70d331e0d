package org.vrrpstudio.vrrp.engine;

import java.util.List;
import org.vrrpstudio.vrrp.config.SyncGroupConfig;

/**
 * A vrrp_sync_group: members are MASTER together or not at all.
 * <ul>
 * <li>a member leaving MASTER (to BACKUP or FAULT), or entering FAULT, forces every MASTER member to BACKUP;</li>
 * <li>a member whose master down timer expires only becomes MASTER when no member is in FAULT and every
 * other member is MASTER or has its own timer expired; then all go MASTER at once;</li>
 * <li>a member held this way stays BACKUP (the seed's "VI_2 is forced to BACKUP").</li>
 * </ul>
 */
final class SyncGroup {
    private final SyncGroupConfig config;
    private final List<VrrpInstance> members;
    private boolean propagating;

    SyncGroup(SyncGroupConfig config, List<VrrpInstance> members) {
        this.config = config;
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

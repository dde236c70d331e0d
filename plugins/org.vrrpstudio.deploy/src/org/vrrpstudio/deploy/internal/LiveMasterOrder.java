package org.vrrpstudio.deploy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vrrpstudio.deploy.DeployItem;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.GroupOrder;

/**
 * Orders a failover pair by what its daemons hold now: the director that is live MASTER of fewer instances goes
 * first, so a config that breaks is found where it costs least. Ties keep the plan's order. When any director's
 * live state cannot be read the whole group keeps the plan's (model) order: half-known states would be a guess.
 */
public final class LiveMasterOrder {

    /** Reads one director's live states; one remote command, before anything changes. */
    @FunctionalInterface
    public interface LiveStateSource {
        LiveStates read(DeployTarget target) throws RemoteFailure;
    }

    /** The group in deploy order, and the note that says why. */
    public record Decision(List<DeployItem> items, GroupOrder order) {
    }

    private final LiveStateSource source;

    public LiveMasterOrder(LiveStateSource source) {
        this.source = source;
    }

    public Decision decide(List<DeployItem> group) {
        Map<DeployItem, List<String>> masters = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (DeployItem item : group) {
            if (!item.target().reportsLiveState()) {
                unreadable.add(item.director() + ": no status command");
                continue;
            }
            try {
                masters.put(item, source.read(item.target()).masters());
            } catch (RemoteFailure e) {
                unreadable.add(item.director() + ": " + e.getMessage());
            }
        }
        if (!unreadable.isEmpty()) {
            return new Decision(group, new GroupOrder(directors(group), false,
                    "the live state could not be read (" + String.join("; ", unreadable) + ")"));
        }
        List<DeployItem> ordered = new ArrayList<>(group);
        ordered.sort(Comparator.comparingInt(item -> masters.get(item).size())); // stable: ties keep the plan's order
        String reason = String.join("; ", ordered.stream().map(item -> item.director() + " MASTER of "
                + (masters.get(item).isEmpty() ? "none" : String.join(", ", masters.get(item)))).toList());
        return new Decision(List.copyOf(ordered), new GroupOrder(directors(ordered), true, reason));
    }

    private static List<String> directors(List<DeployItem> items) {
        return items.stream().map(DeployItem::director).toList();
    }
}

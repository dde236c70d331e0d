package org.vrrpstudio.vrrp.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * AH anti-replay per sender: an advert must carry a higher sequence number than the last accepted one
 * from the same source address.
 *
 * <p>Peer restarts: a restarted keepalived/agent counts from the beginning again, and a strict rule would
 * then reject the peer forever (permanent split brain). We accept a lower sequence number once nothing
 * from that sender has been <em>accepted</em> for longer than the silence limit (the receiving instance's
 * Master_Down_Interval). Rejected adverts do not refresh that time, so a restarted peer is heard again at
 * most one Master_Down_Interval after its last accepted advert. The price: after such a silence an attacker
 * could replay an old advert once; that is the same window in which the backup takes over anyway.
 */
public final class AntiReplayWindow {
    private record LastSeen(long sequence, Instant acceptedAt) {
    }

    private final Map<InetAddress, LastSeen> senders = new HashMap<>();

    /** True (and remembered) if the advert is fresh; false if it is a replay. */
    public boolean accept(InetAddress sender, long sequence, Instant now, Duration silenceLimit) {
        LastSeen last = senders.get(sender);
        boolean fresh = last == null || sequence > last.sequence()
                || Duration.between(last.acceptedAt(), now).compareTo(silenceLimit) > 0;
        if (fresh) {
            senders.put(sender, new LastSeen(sequence, now));
        }
        return fresh;
    }

    public void clear() {
        senders.clear();
    }
}

package org.vrrpstudio.vrrp.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A director that starts again (e.g. the agent replacing keepalived) counts its AH sequence from 1, but keepalived
 * 2.2.7 drops adverts numbered at or below what it has seen for the instance ("IPSEC-AH : sequence number 4 already
 * processed"): the engine continues above the numbers it hears from the peer, as keepalived does.
 */
class AhSequenceContinuationTest {

    private record Sent(String node, int vrid, long sequence, Instant at) {
    }

    /** AH adverts in the seed's IPv4 packets: AH (protocol 51) after a 20-byte IP header, VRRP after its 24 bytes. */
    private static Sent decode(SimulatedNetwork.Transmission t) {
        byte[] p = t.packet();
        if (p.length < 46 || (p[9] & 0xff) != 51) {
            return null;
        }
        long sequence = ((p[28] & 0xffL) << 24) | ((p[29] & 0xffL) << 16) | ((p[30] & 0xffL) << 8) | (p[31] & 0xffL);
        return new Sent(t.from().node(), p[45] & 0xff, sequence, t.sentAt());
    }

    @Test
    void aRestartedDirectorContinuesAboveThePeersSequenceNumbers() {
        SimulatedCluster cluster = SeedCluster.create();
        List<Sent> sent = new ArrayList<>();
        cluster.network().setDeliveryPolicy(t -> {
            Sent s = decode(t);
            if (s != null) {
                sent.add(s);
            }
            return List.of(SeedCluster.PACKET_DELAY);
        });
        cluster.startAll();
        cluster.clock().runUntil(Instant.EPOCH.plusSeconds(10));
        cluster.stop("d1"); // priority 0: d2 takes VI_1 and VI_2 and counts on
        cluster.clock().runUntil(Instant.EPOCH.plusSeconds(15));
        Instant restart = cluster.clock().now();
        cluster.restart("d1");
        cluster.clock().runUntil(restart.plusSeconds(10));

        int vrid = 51; // VI_1, intended on d1
        Sent firstAfter = sent.stream().filter(s -> s.node().equals("d1") && s.vrid() == vrid && !s.at().isBefore(restart))
                .findFirst().orElseThrow(() -> new AssertionError("the restarted d1 sent no advert for VRID 51"));
        long heardBefore = sent.stream().filter(s -> s.node().equals("d2") && s.vrid() == vrid && s.at().isBefore(firstAfter.at()))
                .mapToLong(Sent::sequence).max().orElseThrow();
        assertTrue(firstAfter.sequence() > heardBefore, "d1's first advert after its restart carries " + firstAfter.sequence()
                + ", d2 had sent up to " + heardBefore);
    }
}

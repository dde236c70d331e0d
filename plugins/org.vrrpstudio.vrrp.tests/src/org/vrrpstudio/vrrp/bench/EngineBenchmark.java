package org.vrrpstudio.vrrp.bench;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.packet.AdvertAuthenticator;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementDecoder;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;
import org.vrrpstudio.vrrp.packet.DecodeResult;
import org.vrrpstudio.vrrp.packet.VrrpWire;
import org.vrrpstudio.vrrp.sim.SeedCluster;
import org.vrrpstudio.vrrp.sim.SimulatedCluster;

/**
 * Throughput figures: AH adverts encoded + decoded + verified per second, and complete simulated seed
 * failovers (converge, eth0 down, takeover, eth0 up, recovery: 30 s of virtual time) per second.
 * Run: {@code java -cp <classes> org.vrrpstudio.vrrp.bench.EngineBenchmark [seconds-per-measurement]}.
 */
public final class EngineBenchmark {
    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        long budget = (long) (seconds * 1e9);
        Advertisement advert = new Advertisement(VrrpVersion.V2, 51, 150, 100,
                List.of(InetAddress.ofLiteral("192.168.200.10"), InetAddress.ofLiteral("192.168.200.11")));
        Inet4Address source = (Inet4Address) InetAddress.ofLiteral("192.168.200.5");
        AuthConfig auth = AuthConfig.ah("k@l!ve1");

        measure("AH adverts encoded+decoded+verified", budget / 4, () -> ahRoundTrip(advert, auth, source, 1)); // warm-up
        double adverts = measure("AH adverts encoded+decoded+verified", budget, () -> ahRoundTrip(advert, auth, source, 7));
        measure("seed failover runs", budget / 4, EngineBenchmark::seedFailover); // warm-up
        double runs = measure("seed failover runs", budget, EngineBenchmark::seedFailover);
        System.out.printf(Locale.ROOT, "AH adverts encode+decode+verify: %,.0f per second%n", adverts);
        System.out.printf(Locale.ROOT, "simulated seed failover runs (30 s virtual each): %,.1f per second%n", runs);
    }

    private static void ahRoundTrip(Advertisement advert, AuthConfig auth, Inet4Address source, long sequence) {
        byte[] packet = AdvertisementEncoder.ipv4Packet(advert, auth, source, VrrpWire.IPV4_GROUP, sequence, 1);
        if (!(AdvertisementDecoder.decodeIpPacket(packet) instanceof DecodeResult.Decoded decoded)
                || AdvertAuthenticator.check(decoded.advert(), auth).isPresent()) {
            throw new IllegalStateException("round trip failed");
        }
    }

    private static void seedFailover() {
        SimulatedCluster cluster = SeedCluster.create();
        cluster.startAll();
        cluster.runUntil(Duration.ofMillis(9420));
        cluster.setLinkUp("d1", "eth0", false);
        cluster.runUntil(Duration.ofSeconds(20));
        cluster.setLinkUp("d1", "eth0", true);
        cluster.runUntil(Duration.ofSeconds(30));
        if (!cluster.distribution().equals("MASTER distribution: d1 (VI_1, VI_2); d2 (VI_3, VI_4)")) {
            throw new IllegalStateException(cluster.distribution());
        }
    }

    private static double measure(String what, long budgetNanos, Runnable operation) {
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < budgetNanos) {
            operation.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}

package org.vrrpstudio.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;
import static org.vrrpstudio.vrrp.packet.Addresses.v6;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.vrrp.config.AuthConfig;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.sim.PcapWriter;

/** A second opinion on our encoder: Wireshark's VRRP and AH dissectors must read our packets as intended. */
class TsharkDissectorTest {
    private static final Path TSHARK = Path.of("/usr/bin/tshark");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTshark() {
        Assumptions.assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed");
    }

    @Test
    void v2PlainPasswordAndAhPacketsDissectWithGoodChecksums() throws Exception {
        Advertisement ad = new Advertisement(VrrpVersion.V2, 51, 150, 100, List.of(v4("192.168.200.10"), v4("192.168.200.11")));
        Path pcap = dir.resolve("v2.pcap");
        try (PcapWriter writer = new PcapWriter(pcap)) {
            writer.write(Instant.EPOCH, AdvertisementEncoder.ipv4Packet(ad, AuthConfig.none(), v4("192.168.200.5"), VrrpWire.IPV4_GROUP, 0, 1));
            writer.write(Instant.EPOCH, AdvertisementEncoder.ipv4Packet(ad, AuthConfig.password("secret"), v4("192.168.200.5"), VrrpWire.IPV4_GROUP, 0, 2));
            writer.write(Instant.EPOCH, AdvertisementEncoder.ipv4Packet(ad, AuthConfig.ah("k@l!ve1"), v4("192.168.200.5"), VrrpWire.IPV4_GROUP, 7, 3));
        }
        List<String> lines = tsharkFields(pcap, "vrrp.version", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.auth_type",
                "vrrp.adver_int", "vrrp.checksum.status", "vrrp.ip_addr", "ip.checksum.status", "ah.spi", "ah.sequence");
        assertEquals(List.of(
                "2|51|150|0|1|1|192.168.200.10,192.168.200.11|1||",
                "2|51|150|1|1|1|192.168.200.10,192.168.200.11|1||",
                "2|51|150|2|1|1|192.168.200.10,192.168.200.11|1|0xc0a8c805|7"), lines);
    }

    @Test
    void v3Ipv4AndIpv6DissectWithGoodChecksums() throws Exception {
        Path pcap = dir.resolve("v3.pcap");
        try (PcapWriter writer = new PcapWriter(pcap)) {
            Advertisement ad4 = new Advertisement(VrrpVersion.V3, 10, 200, 5, List.of(v4("10.0.0.1")));
            writer.write(Instant.EPOCH, AdvertisementEncoder.ipv4Packet(ad4, AuthConfig.none(), v4("10.0.0.2"), VrrpWire.IPV4_GROUP, 0, 1));
            Advertisement ad6 = new Advertisement(VrrpVersion.V3, 7, 100, 100, List.of(v6("fe80::1")));
            writer.write(Instant.EPOCH, AdvertisementEncoder.ipv6Packet(ad6, v6("fe80::2"), VrrpWire.IPV6_GROUP));
        }
        List<String> lines = tsharkFields(pcap, "vrrp.version", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.checksum.status");
        assertEquals(List.of("3|10|200|1", "3|7|100|1"), lines);
    }

    private List<String> tsharkFields(Path pcap, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TSHARK.toString(), "-n", "-r", pcap.toString(), "-o",
                "vrrp.v3_checksum_as_in_v2:FALSE", "-o", "ip.check_checksum:TRUE", "-T", "fields", "-E", "separator=|",
                "-E", "aggregator=,"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path output = dir.resolve("tshark.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .directory(dir.toFile()).start();
        Assumptions.assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "tshark did not finish in time");
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("Running as user")).toList();
        assertEquals(0, process.exitValue(), () -> String.join("\n", lines));
        return lines;
    }
}

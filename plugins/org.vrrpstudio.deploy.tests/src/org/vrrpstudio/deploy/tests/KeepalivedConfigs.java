package org.vrrpstudio.deploy.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test configs for the real {@code keepalived -t}, which insists on an existing, non-loopback interface. */
final class KeepalivedConfigs {

    private KeepalivedConfigs() {
    }

    static String lvs1(String iface) throws IOException {
        return Files.readString(Path.of("data", "lvs1-keepalived.conf")).replace("@IFACE@", iface);
    }

    /** Reads interface names only; nothing is changed on the host. */
    static String someNonLoopbackInterface() throws IOException {
        try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
            return links.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lo")).sorted().findFirst().orElse(null);
        }
    }
}

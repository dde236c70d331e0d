package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static String status(String capEff) {
        return "Name:\tjava\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t" + capEff
                + "\nCapBnd:\t000001ffffffffff\n";
    }

    @Test
    void rootHasBothBits() {
        Capabilities capabilities = Capabilities.parse(status("000001ffffffffff"));
        assertTrue(capabilities.sufficient());
        assertEquals(Optional.empty(), capabilities.problem());
    }

    @Test
    void anOrdinaryUserGetsTheOneLineMessage() {
        Capabilities none = Capabilities.parse(status("0000000000000000"));
        assertFalse(none.sufficient());
        assertEquals("needs root or CAP_NET_RAW+CAP_NET_ADMIN (CAP_NET_RAW and CAP_NET_ADMIN are missing)",
                none.problem().orElseThrow());
        Capabilities.InsufficientCapabilitiesException e =
                assertThrows(Capabilities.InsufficientCapabilitiesException.class, none::require);
        assertEquals(none.problem().orElseThrow(), e.getMessage());
    }

    @Test
    void eachBitCountsOnItsOwn() {
        assertEquals(new Capabilities(true, false), Capabilities.parse(status("0000000000001000"))); // bit 12
        assertEquals(new Capabilities(false, true), Capabilities.parse(status("0000000000002000"))); // bit 13
        assertEquals("needs root or CAP_NET_RAW+CAP_NET_ADMIN (CAP_NET_RAW is missing)",
                Capabilities.parse(status("0000000000001000")).problem().orElseThrow());
    }

    @Test
    void malformedStatusIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Capabilities.parse("Name:\tx\n"));
        assertEquals("no CapEff line in process status", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Capabilities.parse(status("zz")));
    }

    @Test
    void permissionErrorsCarryTheHint() {
        NativeException e = new NativeException("open raw IPv4 socket for protocol 112", LibC.EPERM);
        assertEquals("open raw IPv4 socket for protocol 112: Operation not permitted (errno 1) - "
                + Capabilities.REQUIREMENT, e.getMessage());
        assertTrue(e.isPermissionDenied());
        assertFalse(new NativeException("x", LibC.ENODEV).isPermissionDenied());
    }

    /** Where the classes were loaded from (host bundle and test fragment may differ), or null if not files. */
    private static String classPathOf(Class<?>... classes) {
        List<String> entries = new java.util.ArrayList<>();
        for (Class<?> type : classes) {
            java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            try {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                return null;
            }
        }
        return String.join(File.pathSeparator, entries.stream().distinct().toList());
    }

    /**
     * The real thing: a child JVM without CAP_NET_RAW and CAP_NET_ADMIN (dropped with setpriv), run inside a
     * lab namespace so that even a failed drop could not change the host.
     */
    @Test
    void withoutCapabilitiesEveryEntryPointSaysWhatIsNeeded() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) missing");
        String classPath = classPathOf(CapabilityProbe.class, Capabilities.class);
        Assumptions.assumeTrue(classPath != null, "the probe needs the bundle and test classes as files");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (NetnsLab lab = NetnsLab.create("c")) {
            String output = lab.run("ip", "netns", "exec", lab.a, "setpriv", "--inh-caps=-net_raw,-net_admin",
                    "--bounding-set=-net_raw,-net_admin", java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                    "-cp", classPath, CapabilityProbe.class.getName());
            List<String> lines = output.lines().filter(line -> line.matches("^(check|raw|netlink): .*")).toList();
            assertEquals(List.of(
                    "check: needs root or CAP_NET_RAW+CAP_NET_ADMIN (CAP_NET_RAW and CAP_NET_ADMIN are missing)",
                    "raw: open raw IPv4 socket for protocol 112: Operation not permitted (errno 1) - "
                            + Capabilities.REQUIREMENT,
                    "netlink: Refused[errno=1, reason=Operation not permitted - " + Capabilities.REQUIREMENT + "]"),
                    lines, output);
        }
    }
}

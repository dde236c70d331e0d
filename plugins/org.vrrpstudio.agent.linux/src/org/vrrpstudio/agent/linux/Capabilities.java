package org.vrrpstudio.agent.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process may use raw sockets and change addresses: the effective capability set
 * (CapEff in /proc/self/status) must hold CAP_NET_ADMIN (bit 12) and CAP_NET_RAW (bit 13).
 * Checking up front turns a later EPERM from deep inside a socket call into one clear sentence.
 *
 * @param netAdmin CAP_NET_ADMIN is effective (addresses, links, multicast options)
 * @param netRaw CAP_NET_RAW is effective (raw IP and packet sockets)
 */
public record Capabilities(boolean netAdmin, boolean netRaw) {

    /** The one-line message users see when capabilities are missing. */
    public static final String REQUIREMENT = "needs root or CAP_NET_RAW+CAP_NET_ADMIN";

    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_NET_RAW = 13;

    /** Reads the effective capabilities of the current process; none if /proc cannot be read. */
    public static Capabilities check() {
        try {
            return parse(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | IllegalArgumentException e) {
            return new Capabilities(false, false);
        }
    }

    /**
     * Parses the text of a /proc/PID/status file.
     *
     * @throws IllegalArgumentException when the text has no well-formed CapEff line
     */
    public static Capabilities parse(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith("CapEff:")) {
                String hex = line.substring("CapEff:".length()).trim();
                try {
                    long bits = Long.parseUnsignedLong(hex, 16);
                    return new Capabilities((bits & (1L << CAP_NET_ADMIN)) != 0, (bits & (1L << CAP_NET_RAW)) != 0);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("CapEff is not a hex number: '" + hex + "'", e);
                }
            }
        }
        throw new IllegalArgumentException("no CapEff line in process status");
    }

    /** True when both capabilities are effective. */
    public boolean sufficient() {
        return netAdmin && netRaw;
    }

    /** Empty when sufficient, otherwise {@link #REQUIREMENT} plus what is missing. */
    public java.util.Optional<String> problem() {
        if (sufficient()) {
            return java.util.Optional.empty();
        }
        String missing = !netAdmin && !netRaw ? "CAP_NET_RAW and CAP_NET_ADMIN are missing"
                : !netRaw ? "CAP_NET_RAW is missing" : "CAP_NET_ADMIN is missing";
        return java.util.Optional.of(REQUIREMENT + " (" + missing + ")");
    }

    /** Throws {@link InsufficientCapabilitiesException} with the one-line message when not sufficient. */
    public Capabilities require() throws InsufficientCapabilitiesException {
        if (!sufficient()) {
            throw new InsufficientCapabilitiesException(problem().orElseThrow());
        }
        return this;
    }

    /** The process may not do what this bundle needs; the message is fit to show as it is. */
    public static final class InsufficientCapabilitiesException extends IOException {
        private static final long serialVersionUID = 1L;

        InsufficientCapabilitiesException(String message) {
            super(message);
        }
    }
}

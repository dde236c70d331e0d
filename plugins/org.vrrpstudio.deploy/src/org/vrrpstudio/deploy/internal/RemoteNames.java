package org.vrrpstudio.deploy.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Names of the files a deploy creates beside the live config, and shell quoting for remote commands. */
public final class RemoteNames {

    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RemoteNames() {
    }

    /**
     * A hidden temp file in the same directory (so the final rename is atomic on one file system). The name
     * holds only the config's base name and random hex, and ends in {@code .tmp} so include globs such as
     * {@code conf.d/*.conf} never pick it up.
     */
    public static String tempFileFor(String configPath, RandomGenerator random) {
        byte[] token = new byte[8];
        random.nextBytes(token);
        return directoryOf(configPath) + "." + baseName(configPath) + ".vrrpstudio-" + HexFormat.of().formatHex(token) + ".tmp";
    }

    /** {@code <file>.bak-YYYYMMDD-HHMMSS} in the given zone. */
    public static String backupFor(String configPath, Instant now, ZoneId zone) {
        return configPath + ".bak-" + BACKUP_STAMP.format(now.atZone(zone));
    }

    static String directoryOf(String path) {
        return path.substring(0, path.lastIndexOf('/') + 1);
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** POSIX shell single-quoting: safe for any path. */
    public static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** The command with every {@code {file}} replaced by the quoted path. */
    public static String command(String template, String file) {
        return template.replace("{file}", shellQuote(file));
    }
}

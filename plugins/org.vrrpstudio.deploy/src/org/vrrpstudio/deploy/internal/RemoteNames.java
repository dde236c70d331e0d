package org.vrrpstudio.deploy.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern BACKUP_SUFFIX = Pattern.compile("\\.bak-(\\d{8}-\\d{6})(?:-(\\d{1,9}))?");

    /** Whether a file name in the config's directory is one of our backups of that config. */
    public static boolean isBackupOf(String fileName, String configPath) {
        String base = baseName(configPath);
        return fileName.startsWith(base) && BACKUP_SUFFIX.matcher(fileName.substring(base.length())).matches();
    }

    /** Orders backup names (see {@link #isBackupOf}) oldest first: by time stamp, then by collision number. */
    public static Comparator<String> backupOrder() {
        return Comparator.comparing((String name) -> backupSuffix(name).group(1)).thenComparingInt(RemoteNames::backupSequence);
    }

    /** The collision number of a backup name: 0 for {@code .bak-STAMP}, n for {@code .bak-STAMP-n}. */
    public static int backupSequence(String backupName) {
        String n = backupSuffix(backupName).group(2);
        return n == null ? 0 : Integer.parseInt(n);
    }

    /**
     * A backup name for this stamp that sorts after every existing backup of the same second, so names freed
     * by pruning are never reused out of order.
     */
    public static String nextBackupName(String configPath, Instant now, ZoneId zone, List<String> existingFileNames) {
        String path = backupFor(configPath, now, zone);
        String name = baseName(path);
        int highest = existingFileNames.stream()
                .filter(n -> (n.equals(name) || n.startsWith(name + "-")) && isBackupOf(n, configPath))
                .mapToInt(RemoteNames::backupSequence)
                .max().orElse(-1);
        return highest < 0 ? path : path + "-" + (highest + 1);
    }

    private static Matcher backupSuffix(String name) {
        Matcher m = BACKUP_SUFFIX.matcher(name.substring(name.lastIndexOf(".bak-")));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a backup name: " + name);
        }
        return m;
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

    /**
     * The command with {@code {file}} replaced by the quoted path and {@code {instances}} by the quoted instance
     * names, separated by spaces (nothing when there are none), so a script gets one argument per instance.
     */
    public static String command(String template, String file, List<String> instances) {
        String names = String.join(" ", instances.stream().map(RemoteNames::shellQuote).toList());
        // one pass, so a path or name that happens to contain a placeholder is never substituted again
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).equals("file") ? shellQuote(file) : names));
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(file|instances)\\}");
}

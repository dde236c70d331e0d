package org.vrrpstudio.deploy.internal;

/**
 * The number files keepalived's {@code track_file} reads (the maintenance files): the remote commands that read and
 * write one in place, and how keepalived reads its value. One place for the maintenance runner and the daemon switch.
 */
public final class NumberFiles {

    private NumberFiles() {
    }

    /** Prints the file's modification time (epoch seconds) and its first 32 bytes; nothing when it does not exist. */
    public static String readCommand(String path) {
        String q = RemoteNames.shellQuote(path);
        return "if [ -f " + q + " ]; then stat -c %Y " + q + "; head -c 32 " + q + "; fi";
    }

    /** Writes {@code value} in place, as keepalived's documentation does it: both daemons react to the write (inotify). */
    public static String writeCommand(String path, long value) {
        return "printf '%s\\n' " + value + " > " + RemoteNames.shellQuote(path);
    }

    /** keepalived reads a number at the start of the file; anything else counts as 0. */
    public static long value(String text) {
        String t = text.strip();
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || (end == 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')))) {
            end++;
        }
        try {
            return Long.parseLong(t.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The value from {@link #readCommand}'s output: 0 when the file did not exist. */
    public static long valueOfRead(String stdout) {
        java.util.List<String> lines = stdout.lines().toList();
        return lines.size() >= 2 ? value(lines.get(1)) : 0;
    }
}

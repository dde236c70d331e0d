package org.vrrpstudio.live;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * keepalived's transitions from its journal ({@code journalctl -u keepalived -o short-iso-precise}): lines like
 * {@code 2026-12-04T19:02:19.412345+00:00 lvs1 Keepalived_vrrp[812]: (VI_1) Entering FAULT STATE}. The previous
 * state comes from the lines before (empty for the first one seen); the reason from what keepalived logged just
 * before (a link going down or up, init), and the priority from its last "Changing effective priority" line.
 */
public final class JournalReader {

    private static final Pattern LINE = Pattern.compile("^(\\S+)\\s+\\S+\\s+Keepalived[^:]*:\\s+(.*)$");
    private static final Pattern ENTERING = Pattern.compile("^\\((.+)\\) Entering (MASTER|BACKUP|FAULT|INIT) STATE(?: \\((.+)\\))?$");
    private static final Pattern PRIORITY = Pattern.compile("^\\((.+)\\) Changing effective priority from (\\d+) to (\\d+)$");
    private static final Pattern LINK = Pattern.compile("^Netlink reports (\\S+) (down|up)$");
    private static final Pattern ZERO = Pattern.compile("^\\((.+)\\) Backup received priority 0 advertisement$");

    private final Map<String, String> states = new HashMap<>();
    private final Map<String, Integer> priorities = new HashMap<>();
    private String lastLink = "";
    private Instant lastLinkTime = Instant.EPOCH;
    private final Map<String, String> lastZero = new HashMap<>();

    /** All transitions of these lines, in order; lines that are not keepalived's are skipped. */
    public static List<Transition> transitions(String director, String text) {
        JournalReader reader = new JournalReader();
        List<Transition> found = new ArrayList<>();
        text.lines().forEach(line -> reader.line(director, line).ifPresent(found::add));
        return found;
    }

    /** Feeds one line; a transition when the line is one. Keeps what earlier lines said. */
    public java.util.Optional<Transition> line(String director, String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        Instant time = time(m.group(1));
        if (time == null) {
            return java.util.Optional.empty();
        }
        String message = m.group(2);
        Matcher link = LINK.matcher(message);
        if (link.matches()) {
            lastLink = link.group(1) + " " + link.group(2);
            lastLinkTime = time;
            return java.util.Optional.empty();
        }
        Matcher priority = PRIORITY.matcher(message);
        if (priority.matches()) {
            priorities.put(priority.group(1), Integer.parseInt(priority.group(3)));
            return java.util.Optional.empty();
        }
        Matcher zero = ZERO.matcher(message);
        if (zero.matches()) {
            lastZero.put(zero.group(1), "peer sent priority 0");
            return java.util.Optional.empty();
        }
        Matcher entering = ENTERING.matcher(message);
        if (!entering.matches()) {
            return java.util.Optional.empty();
        }
        String instance = entering.group(1);
        String to = entering.group(2);
        String reason = entering.group(3) != null ? entering.group(3)
                : lastZero.remove(instance) instanceof String z ? z
                : !lastLink.isEmpty() && !time.isAfter(lastLinkTime.plusSeconds(1)) ? "link " + lastLink : "";
        String from = states.getOrDefault(instance, "");
        states.put(instance, to);
        return java.util.Optional.of(new Transition(time, director, instance, from, to, reason, priorities.getOrDefault(instance, -1)));
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // older journalctl prints +0000 without the colon
            if (text.length() > 5 && text.charAt(text.length() - 5) == '+' || text.length() > 5 && text.charAt(text.length() - 5) == '-') {
                try {
                    return OffsetDateTime.parse(text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2)).toInstant();
                } catch (DateTimeParseException again) {
                    return null;
                }
            }
            return null;
        }
    }
}

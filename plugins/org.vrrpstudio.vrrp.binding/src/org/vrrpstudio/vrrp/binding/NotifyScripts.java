package org.vrrpstudio.vrrp.binding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vrrpstudio.config.NotifyLine;

/**
 * keepalived's notify scripts of one instance or sync group, each a command line as written:
 * {@code notify_master|backup|fault|stop} and the generic {@code notify}.
 *
 * @param users the identity written after a script ({@code notify_master /x.sh nobody nogroup}), {@code USER [GROUP]}
 *              by keyword ({@code notify_master} ... {@code notify}); a script without one runs as the default script
 *              user. Once the agent's script policy has judged the setup, the value is the identity it runs with,
 *              {@code UID GID}, or blank for the agent's own.
 */
public record NotifyScripts(Optional<String> master, Optional<String> backup, Optional<String> fault, Optional<String> stop,
        Optional<String> generic, Map<String, String> users) {

    /** The keywords in the order of the components. */
    public static final List<String> KEYWORDS = NotifyLine.KEYWORDS;

    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public NotifyScripts {
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    /** Scripts without a user of their own. */
    public NotifyScripts(Optional<String> master, Optional<String> backup, Optional<String> fault, Optional<String> stop,
            Optional<String> generic) {
        this(master, backup, fault, stop, generic, Map.of());
    }

    /** From values that may be {@code null} (not configured). */
    public static NotifyScripts of(String master, String backup, String fault, String stop, String generic) {
        return new NotifyScripts(Optional.ofNullable(master), Optional.ofNullable(backup), Optional.ofNullable(fault),
                Optional.ofNullable(stop), Optional.ofNullable(generic));
    }

    /**
     * From the lines {@code KEYWORD SCRIPT [USER [GROUP]]} in {@link #KEYWORDS} order: scripts and users may be
     * {@code null} (not configured, no user of its own).
     */
    public static NotifyScripts of(String[] scripts, String[] users) {
        Map<String, String> byKeyword = new LinkedHashMap<>();
        for (int i = 0; i < KEYWORDS.size(); i++) {
            if (scripts[i] != null && users[i] != null) {
                byKeyword.put(KEYWORDS.get(i), users[i]);
            }
        }
        return new NotifyScripts(Optional.ofNullable(scripts[0]), Optional.ofNullable(scripts[1]), Optional.ofNullable(scripts[2]),
                Optional.ofNullable(scripts[3]), Optional.ofNullable(scripts[4]), byKeyword);
    }

    /** The script of {@code keyword} ({@code notify_master} ... {@code notify}). */
    public Optional<String> script(String keyword) {
        return switch (keyword) {
            case "notify_master" -> master;
            case "notify_backup" -> backup;
            case "notify_fault" -> fault;
            case "notify_stop" -> stop;
            case "notify" -> generic;
            default -> throw new IllegalArgumentException("not a notify keyword: " + keyword);
        };
    }

    /** The user written after {@code keyword}'s script (or, once judged, the identity it runs with). */
    public Optional<String> user(String keyword) {
        return Optional.ofNullable(users.get(keyword));
    }
}

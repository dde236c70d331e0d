package org.vrrpstudio.config;

import java.util.List;
import java.util.Optional;

/**
 * The arguments of a notify line ({@code notify_master SCRIPT [USER [GROUP]]}), read once for instances, sync groups
 * and {@code notify_fifo_script}.
 *
 * @param user the user part after the script ({@code USER} or {@code USER GROUP}), null when none
 */
public record NotifyLine(String script, String user) {

    /** The keywords of notify lines, in the order the engine's notify scripts are kept. */
    public static final List<String> KEYWORDS = List.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify");

    /** The line's arguments read; empty when there are none or more words than keepalived takes. */
    public static Optional<NotifyLine> of(List<String> args) {
        if (args.isEmpty() || args.size() > 3) {
            return Optional.empty();
        }
        return Optional.of(new NotifyLine(args.getFirst(), args.size() == 1 ? null : String.join(" ", args.subList(1, args.size()))));
    }
}

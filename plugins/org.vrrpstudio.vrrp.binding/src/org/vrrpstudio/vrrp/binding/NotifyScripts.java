package org.vrrpstudio.vrrp.binding;

import java.util.Optional;

/**
 * keepalived's notify scripts of one instance or sync group, each a command line as written:
 * {@code notify_master|backup|fault|stop} and the generic {@code notify}.
 */
public record NotifyScripts(Optional<String> master, Optional<String> backup, Optional<String> fault, Optional<String> stop,
        Optional<String> generic) {

    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** From values that may be {@code null} (not configured). */
    public static NotifyScripts of(String master, String backup, String fault, String stop, String generic) {
        return new NotifyScripts(Optional.ofNullable(master), Optional.ofNullable(backup), Optional.ofNullable(fault),
                Optional.ofNullable(stop), Optional.ofNullable(generic));
    }
}

package org.vrrpstudio.vrrp.binding;

import java.util.Optional;

import org.vrrpstudio.config.GlobalDefsSpec;

/**
 * keepalived's {@code global_defs { notify_fifo_script SCRIPT [USER [GROUP]] }} (or {@code vrrp_notify_fifo_script},
 * paired with {@code vrrp_notify_fifo}): a program started with the FIFO's path as its last argument, which reads the
 * lines written to the FIFO; stopped when the daemon stops.
 *
 * @param script the command line as written
 * @param user   {@code USER [GROUP]} written after it; empty: the default script user. Once the agent's script policy
 *               has judged the setup: the identity it runs with, {@code UID GID}, or blank for the agent's own
 */
public record NotifyFifoScript(String script, Optional<String> user) {

    /** The script keyword that goes with a FIFO keyword: {@code notify_fifo} → {@code notify_fifo_script}. */
    public static String keywordFor(String fifoKeyword) {
        return fifoKeyword + "_script";
    }

    /** The script of {@code global_defs}' notify FIFO, as config's one reading of it gives it. */
    public static Optional<NotifyFifoScript> of(GlobalDefsSpec globalDefs) {
        return globalDefs.notifyFifoScript().map(line -> new NotifyFifoScript(line.script(), Optional.ofNullable(line.user())));
    }
}

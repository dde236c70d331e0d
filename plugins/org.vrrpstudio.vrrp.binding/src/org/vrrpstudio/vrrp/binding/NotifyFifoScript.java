package org.vrrpstudio.vrrp.binding;

import java.util.List;
import java.util.Optional;

import org.vrrpstudio.config.NotifyLine;

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

    /** {@code SCRIPT [USER [GROUP]]}: empty when there is no script or there are more words. */
    public static Optional<NotifyFifoScript> of(List<String> args) {
        return NotifyLine.of(args).filter(line -> !line.script().isBlank())
                .map(line -> new NotifyFifoScript(line.script(), Optional.ofNullable(line.user())));
    }
}

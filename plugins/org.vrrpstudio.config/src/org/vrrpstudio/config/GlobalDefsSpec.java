package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What VRRP Studio takes from {@code global_defs}, read once, model-free, for the daemon's binding, the model's import,
 * the validator and the simulation (the model keeps the other statements as written and reads them back through
 * here). {@code global_defs} is not judged: it has too many keywords, and none of them changes who is MASTER.
 *
 * @param routerId          {@code router_id NAME}, the first with one word; null when none
 * @param defaultVersion    the VRRP version of instances that name none: 3 when a {@code vrrp_version} says 3, else 2
 * @param scriptUser        the first {@code script_user USER [GROUP]} with a user; null when none
 * @param scriptSecurity    whether {@code enable_script_security} is given
 * @param notifyFifo        the first {@code notify_fifo PATH} or {@code vrrp_notify_fifo PATH}; null when none
 * @param fifoScripts       every {@code notify_fifo_script} and {@code vrrp_notify_fifo_script} line that names a
 *                          script, in file order
 */
public record GlobalDefsSpec(ResolvedStatement routerId, int defaultVersion, ResolvedStatement scriptUser, boolean scriptSecurity,
        ResolvedStatement notifyFifo, List<FifoScript> fifoScripts) {

    /** A {@code notify_fifo_script SCRIPT [USER [GROUP]]} line and what it says. */
    public record FifoScript(ResolvedStatement statement, NotifyLine line) {
    }

    public static final GlobalDefsSpec NONE = new GlobalDefsSpec(null, 2, null, false, null, List.of());

    /** Reads the statements of a {@code global_defs} block (of one block, or of several in file order). */
    public static GlobalDefsSpec read(List<ResolvedStatement> statements) {
        ResolvedStatement routerId = null;
        int version = 2;
        ResolvedStatement scriptUser = null;
        boolean security = false;
        ResolvedStatement fifo = null;
        List<FifoScript> fifoScripts = new ArrayList<>();
        for (ResolvedStatement s : statements) {
            switch (s.keyword()) {
                case "router_id" -> routerId = routerId == null && s.args().size() == 1 ? s : routerId;
                case "vrrp_version" -> version = !s.args().isEmpty() && s.args().getLast().endsWith("3") ? 3 : version;
                case "script_user" -> scriptUser = scriptUser == null && !s.args().isEmpty() ? s : scriptUser;
                case "enable_script_security" -> security = true;
                case "notify_fifo", "vrrp_notify_fifo" -> fifo = fifo == null && !s.args().isEmpty() ? s : fifo;
                case "notify_fifo_script", "vrrp_notify_fifo_script" -> NotifyLine.of(s.args())
                        .filter(line -> !line.script().isBlank()).ifPresent(line -> fifoScripts.add(new FifoScript(s, line)));
                default -> {
                    // kept as written, not looked at
                }
            }
        }
        return new GlobalDefsSpec(routerId, version, scriptUser, security, fifo, List.copyOf(fifoScripts));
    }

    /** The FIFO's path, when a notify FIFO is given. */
    public Optional<String> notifyFifoPath() {
        return Optional.ofNullable(notifyFifo).map(s -> s.args().getFirst());
    }

    /**
     * The script that reads the notify FIFO: the first line of the script keyword that goes with the FIFO's keyword
     * ({@code notify_fifo} → {@code notify_fifo_script}, {@code vrrp_notify_fifo} → {@code vrrp_notify_fifo_script}).
     */
    public Optional<NotifyLine> notifyFifoScript() {
        if (notifyFifo == null) {
            return Optional.empty();
        }
        String keyword = notifyFifo.keyword() + "_script";
        return fifoScripts.stream().filter(f -> f.statement().keyword().equals(keyword)).map(FifoScript::line).findFirst();
    }

    /** The {@code script_user} words after the keyword ({@code USER [GROUP]}), joined by a blank; empty when none. */
    public Optional<String> scriptUserAndGroup() {
        return Optional.ofNullable(scriptUser).map(s -> String.join(" ", s.args()));
    }
}

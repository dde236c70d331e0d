package org.vrrpstudio.vrrp.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.vrrpstudio.vrrp.engine.EventListener;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpNode;

/**
 * Collects transitions and prints them one per line, relative to an origin:
 * {@code t=3.609 d2 VI_1 BACKUP->MASTER (master down timer)}.
 */
public final class Timeline implements EventListener {
    private final Instant origin;
    private final List<StateTransition> transitions = new ArrayList<>();

    public Timeline(Instant origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    @Override
    public void onTransition(StateTransition transition) {
        transitions.add(transition);
    }

    public List<StateTransition> transitions() {
        return List.copyOf(transitions);
    }

    /** Transitions at or after {@code from} (e.g. only those after a fault was injected). */
    public List<StateTransition> since(Instant from) {
        return transitions.stream().filter(t -> !t.time().isBefore(from)).toList();
    }

    public double secondsOf(StateTransition transition) {
        return Duration.between(origin, transition.time()).toNanos() / 1e9;
    }

    public String format(StateTransition t) {
        return String.format(Locale.ROOT, "t=%.3f %s %s %s->%s (%s)", secondsOf(t), t.node(), t.instance(), t.from(), t.to(),
                t.reason().text());
    }

    public String format() {
        return transitions.stream().map(this::format).collect(Collectors.joining("\n"));
    }

    /** {@code MASTER distribution: d1 (VI_1, VI_2); d2 (none)} */
    public static String distribution(Collection<VrrpNode> nodes) {
        return "MASTER distribution: " + nodes.stream().map(n -> n.name() + " ("
                + (n.masterInstances().isEmpty() ? "none" : String.join(", ", n.masterInstances())) + ")")
                .collect(Collectors.joining("; "));
    }
}

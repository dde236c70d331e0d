package org.vrrpstudio.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.vrrpstudio.live.Transition;

/** Every transition the console's live view has seen, oldest first, for the Timeline view. */
final class LiveTimeline {

    private static final LiveTimeline INSTANCE = new LiveTimeline();
    /** Plenty for a day of flapping; the oldest go first. */
    private static final int LIMIT = 100_000;

    private final List<Transition> transitions = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    static LiveTimeline get() {
        return INSTANCE;
    }

    void add(List<Transition> more) {
        if (more.isEmpty()) {
            return;
        }
        synchronized (transitions) {
            transitions.addAll(more);
            if (transitions.size() > LIMIT) {
                transitions.subList(0, transitions.size() - LIMIT).clear();
            }
        }
        listeners.forEach(Runnable::run);
    }

    List<Transition> all() {
        synchronized (transitions) {
            return List.copyOf(transitions);
        }
    }

    void clear() {
        synchronized (transitions) {
            transitions.clear();
        }
        listeners.forEach(Runnable::run);
    }

    /** Called on the thread that added (not the UI thread). */
    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}

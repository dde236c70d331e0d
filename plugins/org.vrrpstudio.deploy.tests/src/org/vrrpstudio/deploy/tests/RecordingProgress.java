package org.vrrpstudio.deploy.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.vrrpstudio.cluster.ScriptHost;
import org.vrrpstudio.deploy.DeployProgress;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.DeployStep;
import org.vrrpstudio.deploy.GroupOrder;

/** Records steps, orders, warnings and results; can cancel once a given step has started. */
final class RecordingProgress implements DeployProgress {

    private final List<String> events = new ArrayList<>();
    private final List<DeployResult> finished = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, ScriptHost> scriptHosts = new HashMap<>();
    private final BiPredicate<String, DeployStep> cancelAfter;
    private volatile boolean cancelled;

    RecordingProgress() {
        this((director, step) -> false);
    }

    RecordingProgress(BiPredicate<String, DeployStep> cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    @Override
    public synchronized void stepStarted(String director, DeployStep step) {
        events.add(director + ":" + step);
        if (cancelAfter.test(director, step)) {
            cancelled = true;
        }
    }

    @Override
    public synchronized void finished(DeployResult result) {
        finished.add(result);
    }

    @Override
    public synchronized void warning(String director, String message) {
        warnings.add(director + ": " + message);
    }

    @Override
    public synchronized void scriptHostAnswered(String director, ScriptHost answers) {
        scriptHosts.put(director, answers);
    }

    synchronized Map<String, ScriptHost> scriptHosts() {
        return Map.copyOf(scriptHosts);
    }

    @Override
    public synchronized void orderChosen(GroupOrder order) {
        events.add("ORDER " + order.summaryLine());
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    synchronized List<DeployStep> steps(String director) {
        return events.stream().filter(e -> e.startsWith(director + ":"))
                .map(e -> DeployStep.valueOf(e.substring(director.length() + 1))).toList();
    }

    synchronized List<DeployResult> finished() {
        return List.copyOf(finished);
    }

    /** "director: message", in order. */
    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Everything in call order: "director:STEP" and "ORDER order ..." lines. */
    synchronized List<String> events() {
        return List.copyOf(events);
    }
}

package org.vrrpstudio.agent;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.vrrpstudio.config.ScriptPaths;
import org.vrrpstudio.vrrp.binding.NotifyScripts;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpState;

/**
 * keepalived's notify scripts for each instance: {@code notify_master|backup|fault|stop} as configured, and
 * {@code notify} with the arguments {@code INSTANCE name MASTER|BACKUP|FAULT|STOP priority}; and for each sync group
 * when the group as a whole changes state ({@link SyncGroupStates}): its {@code notify_*} scripts, and {@code notify}
 * with {@code GROUP name MASTER|BACKUP|FAULT 0} (keepalived.conf(5): STOP only applies to instances; a group has no
 * priority of its own). Scripts run one after another on their own thread with a timeout, so a slow or hanging
 * script never delays an advert.
 */
final class Notifier implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 10;

    private volatile Map<String, NotifyScripts> scriptsByInstance = Map.of();
    private volatile Map<String, NotifyScripts> scriptsByGroup = Map.of();
    private volatile Optional<String> runAs = Optional.empty();
    private final AgentLog log;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "vrrp-notify");
        thread.setDaemon(true);
        return thread;
    });

    Notifier(AgentLog log) {
        this.log = log;
    }

    /** The scripts of the instances and sync groups, by name, from now on (start, reload), as the agent's user. */
    void useScripts(Map<String, NotifyScripts> byInstance, Map<String, NotifyScripts> byGroup) {
        useScripts(byInstance, byGroup, Optional.empty());
    }

    /**
     * The same, run as {@code runAs} ({@code USER [GROUP]} or {@code UID GID}, through setpriv; empty: the agent's
     * own user), as {@link ScriptPolicy} decided.
     */
    void useScripts(Map<String, NotifyScripts> byInstance, Map<String, NotifyScripts> byGroup, Optional<String> runAs) {
        scriptsByInstance = Map.copyOf(byInstance);
        scriptsByGroup = Map.copyOf(byGroup);
        this.runAs = runAs;
    }

    /** keepalived's notify state word for a transition's target: back to INITIALIZE means the instance stopped. */
    static String stateWord(StateTransition t) {
        return t.to() == VrrpState.INITIALIZE ? "STOP" : t.to().name();
    }

    /** Called on the engine thread: only queues the scripts. */
    void onTransition(StateTransition t) {
        NotifyScripts scripts = scriptsByInstance.get(t.instance());
        String state = stateWord(t);
        if (scripts == null || !List.of("MASTER", "BACKUP", "FAULT", "STOP").contains(state)) {
            return;
        }
        notify(scripts, state, List.of("INSTANCE", t.instance(), state, Integer.toString(t.priority())));
    }

    /** Called on the engine thread when a sync group as a whole changes state: only queues the scripts. */
    void onGroupChange(SyncGroupStates.Change change) {
        NotifyScripts scripts = scriptsByGroup.get(change.group());
        if (scripts == null) {
            return;
        }
        boolean stop = change.state().equals("STOP");
        notify(scripts, change.state(), stop ? null : List.of("GROUP", change.group(), change.state(), "0"));
    }

    /** The state's own script, then the generic one with its arguments (none: not for this state). */
    private void notify(NotifyScripts scripts, String state, List<String> genericArguments) {
        String keyword = switch (state) {
            case "MASTER" -> "notify_master";
            case "BACKUP" -> "notify_backup";
            case "FAULT" -> "notify_fault";
            default -> "notify_stop";
        };
        Optional<String> runAsNow = runAs;
        scripts.script(keyword).ifPresent(script -> run(words(script), ScriptPolicy.runAs(scripts, keyword, runAsNow)));
        if (scripts.generic().isPresent() && genericArguments != null) {
            List<String> command = words(scripts.generic().get());
            command.addAll(genericArguments);
            run(command, ScriptPolicy.runAs(scripts, "notify", runAsNow));
        }
    }

    /** Queues {@code command} run as {@code identity} ({@code UID GID} or {@code USER [GROUP]}; empty: the agent's own). */
    private void run(List<String> command, Optional<String> identity) {
        List<String> process = ScriptPolicy.command(command, identity);
        runner.execute(() -> run(command, process));
    }

    private void run(List<String> command, List<String> processCommand) {
        try {
            Process process = new ProcessBuilder(processCommand).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                log.warn("notify script " + command.getFirst() + " killed after " + TIMEOUT_SECONDS + " s");
            } else if (process.exitValue() != 0) {
                log.warn("notify script " + command.getFirst() + " exited with " + process.exitValue());
            }
        } catch (IOException e) {
            log.warn("notify script " + command.getFirst() + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A script line as keepalived reads it: words separated by blanks, double quotes group. */
    static List<String> words(String line) {
        return ScriptPaths.words(line);
    }

    /** Lets queued scripts (the STOP ones on shutdown) finish, within the timeout. */
    @Override
    public void close() {
        runner.shutdown();
        try {
            runner.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

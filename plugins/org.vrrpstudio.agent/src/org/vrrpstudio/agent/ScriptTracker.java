package org.vrrpstudio.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.vrrpstudio.vrrp.binding.CheckScript;

/**
 * keepalived's {@code vrrp_script} checks for the scripts the running instances track: each runs every
 * {@code interval} seconds on a thread of its own (so a slow check delays neither the protocol nor the other checks),
 * is killed after {@code timeout}, and turns failing after {@code fall} failures in a row and OK again after
 * {@code rise} successes. Only changes reach the engine; until a script's first change the engine counts it OK,
 * or failing with {@code init_fail}.
 */
final class ScriptTracker implements AutoCloseable {

    /**
     * One {@code vrrp_script} as it runs.
     *
     * @param command the script line's words (run directly, no shell, as keepalived does)
     * @param user {@code USER [GROUP]} (names or numbers): the check runs with that identity (through setpriv); set by
     *             {@link ScriptPolicy} from the script's own {@code user}, {@code script_user} or keepalived_script
     */
    record Definition(String name, List<String> command, Duration interval, Duration timeout, int rise, int fall,
            boolean initFail, Optional<String> user) {

        Definition {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("vrrp_script " + name + ": empty script");
            }
        }

        /**
         * keepalived's defaults: interval 1 s, timeout = interval, rise and fall 1. Empty when there is no single
         * script line for it (written some other way, kept as text): such a script is not run.
         */
        static Optional<Definition> of(CheckScript script) {
            if (script.script().isEmpty() || Notifier.words(script.script().get()).isEmpty()) {
                return Optional.empty();
            }
            int interval = script.interval().orElse(0) > 0 ? script.interval().getAsInt() : 1;
            int timeout = script.timeout().orElse(0) > 0 ? script.timeout().getAsInt() : interval;
            return Optional.of(new Definition(script.name(), Notifier.words(script.script().get()), Duration.ofSeconds(interval),
                    Duration.ofSeconds(timeout), atLeastOne(script.rise()), atLeastOne(script.fall()), script.initFail(),
                    script.user().filter(u -> !u.isBlank())));
        }

        private static int atLeastOne(OptionalInt value) {
            return value.orElse(0) < 1 ? 1 : value.getAsInt();
        }

        /** The process to start: the script's words, behind setpriv when a user is named. */
        List<String> processCommand() {
            return ScriptPolicy.command(command, user);
        }
    }

    /** rise/fall hysteresis of one script: pure, fed one result after another. */
    static final class Check {
        private final int rise;
        private final int fall;
        private boolean ok;
        private int streak; // results in a row that disagree with the current state

        Check(int rise, int fall, boolean ok) {
            this.rise = rise;
            this.fall = fall;
            this.ok = ok;
        }

        /** Takes one run's result; returns the new state when this result changes it. */
        Optional<Boolean> record(boolean success) {
            if (success == ok) {
                streak = 0;
                return Optional.empty();
            }
            streak++;
            if (streak < (success ? rise : fall)) {
                return Optional.empty();
            }
            ok = success;
            streak = 0;
            return Optional.of(ok);
        }

        boolean ok() {
            return ok;
        }
    }

    private static final String SETPRIV = ScriptPolicy.SETPRIV;

    private final BiConsumer<String, Boolean> onChange;
    private final AgentLog log;
    private final Map<String, Runner> runners = new HashMap<>();

    /** @param onChange called (on a script's thread) with the script's name and its new state */
    ScriptTracker(BiConsumer<String, Boolean> onChange, AgentLog log) {
        this.onChange = onChange;
        this.log = log;
    }

    /**
     * Runs exactly these scripts from now on: one whose definition is unchanged keeps running with its state (a
     * reload makes no extra transition), a changed or new one starts afresh, one no longer tracked stops.
     */
    synchronized void use(Map<String, Definition> definitions) {
        runners.entrySet().removeIf(entry -> {
            Definition next = definitions.get(entry.getKey());
            if (next != null && next.equals(entry.getValue().definition)) {
                return false;
            }
            entry.getValue().stop();
            return true;
        });
        definitions.forEach((name, definition) -> runners.computeIfAbsent(name, n -> {
            if (definition.user().isPresent() && !Files.isExecutable(Path.of(SETPRIV))) {
                log.warn("vrrp_script " + name + ": user " + definition.user().get() + " needs " + SETPRIV
                        + " (util-linux); the check runs as the agent's user");
            }
            Runner runner = new Runner(definition);
            if (definition.initFail()) {
                onChange.accept(name, false);
            }
            runner.thread.start();
            return runner;
        }));
    }

    /** The scripts' current states (what a unit started by a reload must be told). */
    synchronized Map<String, Boolean> states() {
        Map<String, Boolean> states = new HashMap<>();
        runners.forEach((name, runner) -> states.put(name, runner.check.ok()));
        return states;
    }

    /** Stops every check and waits briefly for their threads (a check in progress is killed). */
    @Override
    public void close() {
        List<Runner> stopping;
        synchronized (this) {
            stopping = new ArrayList<>(runners.values());
            runners.clear();
        }
        stopping.forEach(Runner::stop);
        for (Runner runner : stopping) {
            try {
                runner.thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Runner {
        final Definition definition;
        final Check check;
        final Thread thread;
        private volatile boolean stopped;

        Runner(Definition definition) {
            this.definition = definition;
            this.check = new Check(definition.rise(), definition.fall(), !definition.initFail());
            this.thread = Thread.ofPlatform().daemon().name("vrrp-script " + definition.name()).unstarted(this::loop);
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }

        private void loop() {
            long next = System.nanoTime();
            while (!stopped) {
                boolean success = runOnce();
                if (stopped) {
                    return;
                }
                Optional<Boolean> change;
                synchronized (ScriptTracker.this) {
                    change = check.record(success);
                }
                change.filter(ok -> !stopped).ifPresent(ok -> {
                    log.info("vrrp_script " + definition.name() + ": " + (ok ? "OK again" : "failing"));
                    onChange.accept(definition.name(), ok);
                });
                next += definition.interval().toNanos();
                long wait = next - System.nanoTime();
                if (wait < 0) { // the run took longer than the interval: the next one starts now, not in a burst
                    next = System.nanoTime();
                    wait = 0;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** One run: exit 0 within the timeout is success; a check that hangs is killed with what it started. */
        private boolean runOnce() {
            Process process;
            try {
                process = new ProcessBuilder(definition.processCommand()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                log.debug("vrrp_script " + definition.name() + ": cannot run: " + e.getMessage());
                return false;
            }
            try {
                if (process.waitFor(definition.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    return process.exitValue() == 0;
                }
                log.debug("vrrp_script " + definition.name() + ": killed after " + definition.timeout().toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return false;
        }
    }
}

package org.vrrpstudio.agent;

import java.io.PrintStream;

import org.vrrpstudio.agent.linux.SignalDisposition;

/**
 * keepalived's signals: TERM/INT stop cleanly (a JVM ended by TERM would exit 143 without the clean stop's exit 0),
 * HUP reloads. {@code sun.misc.Signal} lives in jdk.unsupported; under OSGi the bundle imports {@code sun.misc}
 * optionally. Without it, TERM/INT still stop cleanly through the shutdown hook (exit 143) and HUP is not caught.
 *
 * <p>The JVM will not handle a signal its parent ignored (SIGHUP under {@code nohup}, say) and says nothing about it:
 * the agent would silently never reload. For HUP and TERM, which a daemon must answer, the default is put back first
 * and the handler installed after all, as keepalived does; INT ignored by a shell's background job stays ignored.
 */
final class Signals {

    private Signals() {
    }

    static void install(Agent agent, PrintStream log) {
        try {
            sun.misc.SignalHandler stop = s -> Thread.ofPlatform().name("vrrp-stop").start(agent::stop);
            // the reload runs on its own thread: the signal dispatcher must not wait for a config parse
            sun.misc.SignalHandler reload = s -> Thread.ofPlatform().name("vrrp-reload").start(agent::reload);
            handle("TERM", SignalDisposition.SIGTERM, stop, log);
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), stop);
            handle("HUP", SignalDisposition.SIGHUP, reload, log);
        } catch (NoClassDefFoundError | IllegalArgumentException e) {
            log.println("<4>warning: signal handling unavailable (" + e.getMessage() + "): SIGHUP does not reload");
        }
    }

    private static void handle(String name, int number, sun.misc.SignalHandler handler, PrintStream log) {
        sun.misc.Signal signal = new sun.misc.Signal(name);
        if (sun.misc.Signal.handle(signal, handler) != sun.misc.SignalHandler.SIG_IGN) {
            return;
        }
        try {
            SignalDisposition.restoreDefault(number);
            sun.misc.Signal.handle(signal, handler);
            log.println("<6>SIG" + name + " was ignored by whoever started the agent (nohup?); it is handled anyway");
        } catch (java.io.IOException | RuntimeException e) {
            log.println("<4>warning: SIG" + name + " is ignored (inherited) and cannot be handled (" + e.getMessage() + "): "
                    + (number == SignalDisposition.SIGHUP ? "it does not reload the agent" : "it does not stop the agent"));
        }
    }
}

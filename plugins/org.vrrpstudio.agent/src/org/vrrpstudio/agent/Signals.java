package org.vrrpstudio.agent;

import java.io.PrintStream;

/**
 * keepalived's signals: TERM/INT stop cleanly (a JVM ended by TERM would exit 143 without the clean stop's exit 0),
 * HUP reloads. {@code sun.misc.Signal} lives in jdk.unsupported; under OSGi the bundle imports {@code sun.misc}
 * optionally. Without it, TERM/INT still stop cleanly through the shutdown hook (exit 143) and HUP is not caught.
 */
final class Signals {

    private Signals() {
    }

    static void install(Agent agent, PrintStream log) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> Thread.ofPlatform().name("vrrp-stop").start(agent::stop));
            }
            // the reload runs on its own thread: the signal dispatcher must not wait for a config parse
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> Thread.ofPlatform().name("vrrp-reload").start(agent::reload));
        } catch (NoClassDefFoundError | IllegalArgumentException e) {
            log.println("<4>warning: signal handling unavailable (" + e.getMessage() + "): SIGHUP does not reload");
        }
    }
}

package org.vrrpstudio.agent;

import java.io.PrintStream;

/**
 * One line per event on stderr with a level prefix and no timestamp: journald (or the terminal) adds the time.
 * Nothing secret is ever passed here (the engine's messages and rejections name no auth data).
 */
final class AgentLog {

    private final PrintStream out;
    private final boolean debug;

    AgentLog(PrintStream out, boolean debug) {
        this.out = out;
        this.debug = debug;
    }

    void info(String message) {
        out.println("<6>" + message);
    }

    void warn(String message) {
        out.println("<4>warning: " + message);
    }

    void error(String message) {
        out.println("<3>error: " + message);
    }

    void debug(String message) {
        if (debug) {
            out.println("<7>" + message);
        }
    }
}

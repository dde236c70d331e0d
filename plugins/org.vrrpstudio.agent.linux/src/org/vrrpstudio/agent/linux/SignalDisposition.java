package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A signal's disposition inherited from whoever started the process. The JVM leaves a signal that was ignored at start
 * (e.g. SIGHUP under {@code nohup}) ignored and will not install a Java handler for it; a daemon that reloads on
 * SIGHUP has to put the default back first. Only used on that rare path, so its native handle is made on first use.
 */
public final class SignalDisposition {

    public static final int SIGHUP = 1;
    public static final int SIGTERM = 15;

    private static final long SIG_ERR = -1;

    private SignalDisposition() {
    }

    private static final class Native {
        static final MethodHandle SIGNAL = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().findOrThrow("signal"), FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    }

    /** signal(2) with SIG_DFL: the signal does its default again (and a Java handler can be installed for it). */
    public static void restoreDefault(int signal) throws NativeException {
        MemorySegment previous;
        try {
            previous = (MemorySegment) Native.SIGNAL.invokeExact(signal, MemorySegment.NULL);
        } catch (Throwable e) { // a linkage failure: no such C function here
            throw new IllegalStateException("restore the default action of signal " + signal + ": " + e, e);
        }
        if (previous.address() == SIG_ERR) {
            throw new NativeException("restore the default action of signal " + signal, LibC.EINVAL);
        }
    }
}

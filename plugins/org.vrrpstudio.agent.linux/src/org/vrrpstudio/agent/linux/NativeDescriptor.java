package org.vrrpstudio.agent.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;

/**
 * A socket file descriptor that can be closed safely while another thread waits on it.
 *
 * <p>A thread blocked in recv(2) ignores both interrupts and close(), and closing a descriptor that
 * another thread still uses risks that thread reading from a recycled fd number. So waits go through
 * poll(2) on the socket plus an eventfd: {@link #close()} signals the eventfd to wake waiters, and the
 * numbers are released only when the last in-flight call has finished ({@link #enter()}/{@link #exit()}).
 *
 * <p>Thread-safe.
 */
final class NativeDescriptor implements AutoCloseable {

    /** What a wait for input ended with. */
    enum Readiness { READABLE, TIMED_OUT, CLOSED }

    private final int fd;
    private final int wakeFd;
    private final Object lock = new Object();
    private int inFlight;
    private boolean closed;
    private boolean released;

    private NativeDescriptor(int fd, int wakeFd) {
        this.fd = fd;
        this.wakeFd = wakeFd;
    }

    /** Takes ownership of an open socket; closes it if the companion eventfd cannot be made. */
    static NativeDescriptor adopt(int fd) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            return new NativeDescriptor(fd, LibC.eventfd(arena, "eventfd"));
        } catch (NativeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /**
     * Marks the start of a call that uses the fd and returns it.
     *
     * @throws ClosedChannelException when already closed
     */
    int enter() throws ClosedChannelException {
        synchronized (lock) {
            if (closed) {
                throw new ClosedChannelException();
            }
            inFlight++;
            return fd;
        }
    }

    void exit() {
        synchronized (lock) {
            inFlight--;
            releaseIfIdle();
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Waits until the socket is readable, the timeout passes (negative = forever) or the socket is closed. */
    Readiness awaitReadable(Arena arena, String operation, long timeoutMillis) throws NativeException {
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
        MemorySegment pollfds = arena.allocate(16, 8);
        while (true) {
            if (isClosed()) {
                return Readiness.CLOSED;
            }
            long remainingMillis = timeoutMillis < 0 ? -1
                    : Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
            LibC.pollfd(pollfds, 0, fd, LibC.POLLIN);
            LibC.pollfd(pollfds, 1, wakeFd, LibC.POLLIN);
            int ready = LibC.poll(arena, operation, pollfds, 2,
                    (int) Math.min(Integer.MAX_VALUE, remainingMillis));
            if (LibC.revents(pollfds, 1) != 0 || isClosed()) {
                return Readiness.CLOSED;
            }
            if (ready > 0 && LibC.revents(pollfds, 0) != 0) {
                return Readiness.READABLE;
            }
            if (timeoutMillis >= 0 && System.nanoTime() >= deadline) {
                return Readiness.TIMED_OUT;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            LibC.signal(wakeFd);
            releaseIfIdle();
        }
    }

    private void releaseIfIdle() {
        if (closed && inFlight == 0 && !released) {
            released = true;
            LibC.close(fd);
            LibC.close(wakeFd);
        }
    }

}

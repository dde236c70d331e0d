package org.vrrpstudio.agent.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside another network namespace, such as one made by {@code ip netns add NAME}.
 *
 * <p>setns(2) changes the namespace of the calling thread only, and a JVM thread pool would carry that
 * change to unrelated work. So each {@link #call} starts a fresh platform thread, moves it into the
 * namespace, runs the task there and lets the thread end. Sockets keep the namespace they were created in
 * for their whole life, so a socket opened inside {@code call} can be used from any thread afterwards;
 * everything this bundle does with an open socket (interface lookups included) happens in the socket's
 * namespace.
 *
 * <p>Note: files under /sys/class/net show the namespace of whoever mounted /sys, not the thread's; this
 * bundle therefore reads MAC addresses with ioctl(SIOCGIFHWADDR) on the socket. Needs CAP_SYS_ADMIN.
 *
 * <p>Immutable and thread-safe.
 */
public final class NetworkNamespace {

    /** Work to do inside the namespace. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws Exception;
    }

    private final Path handle;

    private NetworkNamespace(Path handle) {
        this.handle = handle;
    }

    /** A namespace created with {@code ip netns add name} (its handle is /run/netns/name). */
    public static NetworkNamespace named(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a namespace name: '" + name + "'");
        }
        return new NetworkNamespace(Path.of("/run/netns", name));
    }

    /** A namespace given by a file such as /proc/PID/ns/net. */
    public static NetworkNamespace at(Path handle) {
        return new NetworkNamespace(Objects.requireNonNull(handle));
    }

    public Path handle() {
        return handle;
    }

    /**
     * Runs {@code task} on a new thread inside this namespace and returns its result.
     *
     * @throws NativeException when the namespace cannot be opened or entered
     * @throws IOException what the task threw, if it was an IOException
     */
    public <T> T call(Task<T> task) throws IOException, InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("netns " + handle.getFileName()).unstarted(() -> {
            try {
                enterFromThisThread();
                result.set(task.run());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        worker.start();
        worker.join();
        Throwable problem = failure.get();
        if (problem == null) {
            return result.get();
        }
        if (problem instanceof IOException io) {
            throw io;
        }
        if (problem instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (problem instanceof Error error) {
            throw error;
        }
        throw new IOException("in network namespace " + handle + ": " + problem, problem);
    }

    private void enterFromThisThread() throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = LibC.open(arena, "open network namespace " + handle, handle.toString(),
                    LibC.O_RDONLY | LibC.O_CLOEXEC);
            try {
                LibC.setns(arena, "enter network namespace " + handle, fd, LibC.CLONE_NEWNET);
            } finally {
                LibC.close(fd);
            }
        }
    }

    @Override
    public String toString() {
        return "NetworkNamespace[" + handle + "]";
    }
}

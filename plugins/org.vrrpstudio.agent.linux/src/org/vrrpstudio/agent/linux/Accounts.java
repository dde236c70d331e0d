package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * User and group look-ups through the C library ({@code getpwnam(3)}, {@code getgrnam(3)}), so NSS sources (LDAP,
 * systemd-userdb) count as they do for keepalived. The results point into static storage of the C library: calls are
 * serialised here and the fields copied out at once.
 */
public final class Accounts {

    /** A user as the system knows it: name, uid and primary gid. */
    public record User(String name, int uid, int gid) {
    }

    // struct passwd on 64-bit Linux: char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ...
    private static final long PW_UID = 16;
    private static final long PW_GID = 20;
    // struct group: char *gr_name; char *gr_passwd; gid_t gr_gid; ...
    private static final long GR_GID = 16;

    private Accounts() {
    }

    private static final class Native {
        static final MethodHandle GETPWNAM = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().findOrThrow("getpwnam"), FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle GETGRNAM = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().findOrThrow("getgrnam"), FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    /** The user named {@code name}, empty when there is none. */
    public static synchronized Optional<User> user(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = (MemorySegment) Native.GETPWNAM.invokeExact(arena.allocateFrom(name));
            if (entry.address() == 0) {
                return Optional.empty();
            }
            MemorySegment passwd = entry.reinterpret(PW_GID + 4);
            return Optional.of(new User(name, passwd.get(JAVA_INT, PW_UID), passwd.get(JAVA_INT, PW_GID)));
        } catch (Throwable e) { // a linkage failure: no such C function here
            throw new IllegalStateException("getpwnam(" + name + "): " + e, e);
        }
    }

    /** The gid of group {@code name}, empty when there is none. */
    public static synchronized OptionalInt group(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = (MemorySegment) Native.GETGRNAM.invokeExact(arena.allocateFrom(name));
            if (entry.address() == 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(entry.reinterpret(GR_GID + 4).get(JAVA_INT, GR_GID));
        } catch (Throwable e) {
            throw new IllegalStateException("getgrnam(" + name + "): " + e, e);
        }
    }
}

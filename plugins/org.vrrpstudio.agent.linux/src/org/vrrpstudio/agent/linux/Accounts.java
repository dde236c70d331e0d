package org.vrrpstudio.agent.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
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

    /** The user named {@code name}, empty when there is none. */
    public static synchronized Optional<User> user(String name) {
        MemorySegment passwd = LibC.accountEntry(false, name, PW_GID + 4);
        if (passwd.address() == 0) {
            return Optional.empty();
        }
        return Optional.of(new User(name, passwd.get(JAVA_INT, PW_UID), passwd.get(JAVA_INT, PW_GID)));
    }

    /** The gid of group {@code name}, empty when there is none. */
    public static synchronized OptionalInt group(String name) {
        MemorySegment entry = LibC.accountEntry(true, name, GR_GID + 4);
        if (entry.address() == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(entry.get(JAVA_INT, GR_GID));
    }
}

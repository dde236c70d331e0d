package org.vrrpstudio.vrrp.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Authentication of an instance. The secret never appears in {@link #toString()}.
 *
 * <p>keepalived uses only the first eight bytes of {@code auth_pass}; so do we, zero padded.
 */
public final class AuthConfig {
    public static final int KEY_LENGTH = 8;
    private static final AuthConfig NONE = new AuthConfig(AuthType.NONE, new byte[KEY_LENGTH]);

    private final AuthType type;
    private final byte[] key;

    private AuthConfig(AuthType type, byte[] key) {
        this.type = type;
        this.key = key;
    }

    public static AuthConfig none() {
        return NONE;
    }

    public static AuthConfig password(String authPass) {
        return new AuthConfig(AuthType.PASS, paddedKey(authPass));
    }

    public static AuthConfig ah(String authPass) {
        return new AuthConfig(AuthType.AH, paddedKey(authPass));
    }

    private static byte[] paddedKey(String authPass) {
        Objects.requireNonNull(authPass, "auth_pass");
        return Arrays.copyOf(authPass.getBytes(StandardCharsets.UTF_8), KEY_LENGTH);
    }

    public AuthType type() {
        return type;
    }

    /** The 8-byte zero-padded key (a copy). */
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthConfig other && type == other.type && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return type == AuthType.NONE ? "AuthConfig[NONE]" : "AuthConfig[" + type + ", secret=****]";
    }
}

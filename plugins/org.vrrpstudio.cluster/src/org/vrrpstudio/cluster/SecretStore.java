package org.vrrpstudio.cluster;

import java.io.IOException;
import java.util.Optional;

/**
 * Where secrets (auth_pass) live, outside the cluster file. The CLI uses {@link FileSecretStore}; the console
 * plugs in Eclipse secure storage. Keys are stable strings such as {@code vrrp_instance/VI_1/auth_pass}.
 */
public interface SecretStore {

    Optional<String> get(String key);

    void put(String key, String secret);

    void remove(String key);

    /** Makes the changes durable (the file store writes its file here). */
    void flush() throws IOException;

    /** The key under which a VRRP instance's auth_pass is stored. */
    static String authPassKey(String instanceName) {
        return "vrrp_instance/" + instanceName + "/auth_pass";
    }
}

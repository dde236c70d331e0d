package org.vrrpstudio.vrrp.binding;

import java.util.Optional;

import org.vrrpstudio.config.GlobalDefsSpec;

/**
 * keepalived's {@code global_defs} settings for who runs notify and check scripts.
 *
 * @param scriptUser {@code script_user USER [GROUP]} as written (words separated by one blank); empty when not set:
 *                   keepalived then uses the system user {@code keepalived_script} if it exists, else root
 * @param enabled    {@code enable_script_security}: a script that would run as root from a path a non-root user can
 *                   write is not run
 */
public record ScriptSecurity(Optional<String> scriptUser, boolean enabled) {

    public static final ScriptSecurity DEFAULT = new ScriptSecurity(Optional.empty(), false);

    /** As {@code global_defs} sets them (config's one reading of it). */
    public static ScriptSecurity of(GlobalDefsSpec globalDefs) {
        return new ScriptSecurity(globalDefs.scriptUserAndGroup(), globalDefs.scriptSecurity());
    }
}

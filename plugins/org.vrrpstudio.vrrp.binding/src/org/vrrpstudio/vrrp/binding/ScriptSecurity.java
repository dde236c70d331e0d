package org.vrrpstudio.vrrp.binding;

import java.util.Optional;

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

    /** This one with {@code global_defs} statement {@code keyword args} taken into account (other keywords: itself). */
    public ScriptSecurity with(String keyword, java.util.List<String> args) {
        return switch (keyword) {
            case "script_user" -> args.isEmpty() || scriptUser.isPresent() ? this
                    : new ScriptSecurity(Optional.of(String.join(" ", args)), enabled);
            case "enable_script_security" -> new ScriptSecurity(scriptUser, true);
            default -> this;
        };
    }
}

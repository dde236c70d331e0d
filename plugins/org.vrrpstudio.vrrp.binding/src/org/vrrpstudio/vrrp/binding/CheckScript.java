package org.vrrpstudio.vrrp.binding;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code vrrp_script} as configured (keepalived's defaults are applied by whoever runs it).
 *
 * @param script   the {@code script} line, empty when it is not written as one command line (kept as text: not run)
 * @param weight   {@code weight W}; empty also for {@code weight W reverse}, which is kept as text
 * @param initFail {@code init_fail}: the check counts as failing until its first result
 * @param user     {@code user USER [GROUP]} as written
 */
public record CheckScript(String name, Optional<String> script, OptionalInt interval, OptionalInt timeout, OptionalInt rise,
        OptionalInt fall, OptionalInt weight, boolean initFail, Optional<String> user) {
}

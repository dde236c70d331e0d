package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A vrrp_instance's {@code authentication} block read once, model-free, for the daemon's binding and the model's
 * import; its errors (a type other than PASS or AH, a password that is not one word, an unknown keyword) are reported
 * here, once, in statement order.
 *
 * @param type {@code PASS} or {@code AH} (the last good auth_type), null when none is given
 * @param secret the last good auth_pass, null when none
 * @param typeAt where the first good auth_type is, null when none
 * @param passAt where the first good auth_pass is, null when none
 * @param parts the block's children in file order; {@code taken} when its value was used
 */
public record AuthenticationSpec(ResolvedStatement block, String type, String secret, Location typeAt, Location passAt,
        List<Part> parts) {

    public record Part(ResolvedStatement statement, boolean taken) {
    }

    public static AuthenticationSpec read(ResolvedStatement block, List<Diagnostic> diagnostics) {
        String type = null;
        String secret = null;
        Location typeAt = null;
        Location passAt = null;
        List<Part> parts = new ArrayList<>();
        for (ResolvedStatement s : block.children()) {
            boolean taken = false;
            switch (s.keyword()) {
                case "auth_type" -> {
                    String value = s.arg(0).orElse("");
                    if (value.equals("PASS") || value.equals("AH")) {
                        type = value;
                        typeAt = typeAt != null ? typeAt : s.location();
                        taken = true;
                    } else {
                        diagnostics.add(Diagnostic.error(s.location(), "auth_type must be PASS or AH, not '" + value + "'"));
                    }
                }
                case "auth_pass" -> {
                    if (s.args().size() != 1) {
                        diagnostics.add(Diagnostic.error(s.location(), "auth_pass takes one password"));
                    } else {
                        secret = s.args().getFirst();
                        passAt = passAt != null ? passAt : s.location();
                        taken = true;
                    }
                }
                default -> diagnostics.add(Diagnostic.error(s.location(),
                        "unknown keyword '" + s.keyword() + "' in authentication block"));
            }
            parts.add(new Part(s, taken));
        }
        return new AuthenticationSpec(block, type, secret, typeAt, passAt, List.copyOf(parts));
    }
}

package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code vrrp_script} block read once, model-free: the values both the daemon's binding (vrrp.binding's
 * ConfigBinding) and the model's import (cluster's DirectorImport) take from it, and each child statement marked as
 * read into a value or kept as written. The reading's diagnostics (a missing name, a bad number, an unknown keyword)
 * are reported here, once, in statement order; the callers only map the result.
 *
 * @param block the {@code vrrp_script} statement (for its location and comments)
 * @param parts the block's children in file order, each marked modelled or kept as written
 */
public record VrrpScriptSpec(String name, ResolvedStatement block, String script, Integer interval, Integer timeout,
        Integer rise, Integer fall, Integer weight, boolean initFail, String user, List<Part> parts) {

    /**
     * One child statement: {@code modelled} when its value is one of the record's fields (also when the value was bad:
     * the error is reported and the field keeps its earlier value), else kept as written.
     */
    public record Part(ResolvedStatement statement, boolean modelled) {
    }

    /** Reads the block; null (and an error) when it has no single name. */
    public static VrrpScriptSpec read(ResolvedStatement block, List<Diagnostic> diagnostics) {
        if (block.args().size() != 1) {
            diagnostics.add(Diagnostic.error(block.location(), "vrrp_script needs a name"));
            return null;
        }
        String name = block.args().getFirst();
        String script = null;
        Integer interval = null;
        Integer timeout = null;
        Integer rise = null;
        Integer fall = null;
        Integer weight = null;
        boolean initFail = false;
        String user = null;
        List<Part> parts = new ArrayList<>();
        for (ResolvedStatement s : block.children()) {
            boolean modelled = true;
            switch (s.keyword()) {
                case "script" -> {
                    if (s.args().size() == 1) {
                        script = s.args().getFirst();
                    } else {
                        modelled = false;
                    }
                }
                case "interval" -> interval = orElse(StatementValues.integer(s, diagnostics), interval);
                case "weight" -> {
                    if (s.args().size() == 1) {
                        weight = orElse(StatementValues.integer(s, diagnostics), weight);
                    } else {
                        modelled = false; // weight N reverse
                    }
                }
                case "fall" -> fall = orElse(StatementValues.integer(s, diagnostics), fall);
                case "rise" -> rise = orElse(StatementValues.integer(s, diagnostics), rise);
                case "timeout" -> timeout = orElse(StatementValues.integer(s, diagnostics), timeout);
                case "user" -> user = String.join(" ", s.args());
                default -> modelled = false;
            }
            if (!modelled) {
                initFail |= s.keyword().equals("init_fail");
                if (!OpaqueKeywords.SCRIPT.contains(s.keyword())) {
                    diagnostics.add(Diagnostic.warning(s.location(),
                            "unknown keyword '" + s.keyword() + "' in vrrp_script " + name + ": kept as written"));
                }
            }
            parts.add(new Part(s, modelled));
        }
        return new VrrpScriptSpec(name, block, script, interval, timeout, rise, fall, weight, initFail, user,
                List.copyOf(parts));
    }

    private static Integer orElse(Integer value, Integer previous) {
        return value != null ? value : previous;
    }
}

package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal, schema-free way for callers to report keywords they do not know. The parser knows no keywords;
 * the model layer describes the ones it understands as slash paths, e.g. {@code "vrrp_instance/priority"},
 * {@code "vrrp_instance/authentication/auth_pass"}, and {@code "vrrp_instance/virtual_ipaddress/*"} for a block
 * whose lines are data rather than keywords. A block keyword must be listed for its children to be checked.
 */
public final class KeywordSchema {

    private static final String ANY = "*";

    /** Known child keywords per parent path ("" for the top level). */
    private final Map<String, Set<String>> known;

    private KeywordSchema(Map<String, Set<String>> known) {
        this.known = known;
    }

    public static KeywordSchema of(Collection<String> paths) {
        Map<String, Set<String>> known = new HashMap<>();
        for (String path : paths) {
            String[] parts = path.split("/");
            String parent = "";
            for (String part : parts) {
                known.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(part);
                parent = parent.isEmpty() ? part : parent + "/" + part;
            }
        }
        return new KeywordSchema(known);
    }

    /** Whether {@code keyword} is known inside the block reached by {@code parents} (empty: top level). */
    public boolean isKnown(List<String> parents, String keyword) {
        Set<String> children = known.get(String.join("/", parents));
        return children != null && (children.contains(keyword) || children.contains(ANY));
    }

    /** A warning for each statement whose keyword is not known where it stands, in document order. */
    public List<Diagnostic> unknownKeywords(List<ResolvedStatement> statements) {
        Set<Diagnostic> found = new LinkedHashSet<>(); // lines expanded by ~SEQ share a location: report once
        check(statements, new ArrayList<>(), found);
        return List.copyOf(found);
    }

    private void check(List<ResolvedStatement> statements, List<String> parents, Set<Diagnostic> found) {
        Set<String> children = known.get(String.join("/", parents));
        if (children != null && children.contains(ANY)) {
            return; // a data block: its lines are values, not keywords
        }
        for (ResolvedStatement statement : statements) {
            if (!isKnown(parents, statement.keyword())) {
                found.add(Diagnostic.warning(statement.location(), "unknown keyword '" + statement.keyword() + "'"
                        + (parents.isEmpty() ? "" : " in " + parents.getLast()) + ": kept as written, not interpreted"));
                continue;
            }
            parents.add(statement.keyword());
            check(statement.children(), parents, found);
            parents.removeLast();
        }
    }
}

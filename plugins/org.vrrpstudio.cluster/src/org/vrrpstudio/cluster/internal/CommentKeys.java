package org.vrrpstudio.cluster.internal;

import java.util.Set;

/**
 * Keys of {@code Commented.innerComments} besides a nested statement's keyword ({@code "priority"}: the lines
 * before it, {@code "priority#"}: the comment ending its line): the element's own line and closing brace, the
 * lines of list blocks ({@code "virtual_ipaddress/10.0.0.1/24"}, by the line's first word), and the end of the file
 * (on the cluster).
 */
public final class CommentKeys {

    /** The comment ending the element's own line ({@code vrrp_instance VI_1 {  # web}). */
    public static final String OWN_LINE = "#";
    /** Suffix (alone: the element's own) for the comment after a block's closing brace. */
    public static final String CLOSING = "}#";
    /** Suffix (alone: the element's own) for the comment lines after a block's last statement, before its brace. */
    public static final String INSIDE_END = "}<";
    /** On the cluster: the comment lines after the last statement of the imported file. */
    public static final String END_OF_FILE = "<end>";
    /** On a top-level element: a blank line separated it from what came before (value ""). */
    public static final String BLANK_BEFORE = "<blank>";
    /**
     * On an instance: its auth_pass was written with a comment glued to it ({@code auth_pass k@l!ve1}), so keepalived
     * uses only the part before the {@code !}/{@code #}; the rest is the comment {@code "authentication/auth_pass#"}.
     */
    public static final String AUTH_PASS_CUT = "authentication/auth_pass#cut";
    /** Blocks whose lines are a list (addresses, routes, peers, tracks, members), not keywords. */
    public static final Set<String> LIST_BLOCKS = Set.of("virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes",
            "virtual_rules", "unicast_peer", "track_interface", "track_script", "track_file", "track_process", "track_bfd",
            "group");

    private CommentKeys() {
    }

    /** The key of a list block's line. */
    public static String line(String prefix, String blockKeyword, String firstWord) {
        return prefix + blockKeyword + "/" + firstWord;
    }
}

package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@code vrrp_sync_group} block read once, model-free, for the daemon's binding and the model's import: its name,
 * the member names with the line that names them, and each child statement sorted into what it is. The reading's
 * diagnostics (a missing name, an unknown keyword) are reported here, once, in statement order; whether a member names
 * an instance is known only after the whole file is read: {@link #resolve} says it, with the same words for both.
 *
 * @param parts the block's children in file order
 */
public record VrrpSyncGroupSpec(String name, ResolvedStatement block, List<Member> members, List<Part> parts) {

    /** What a child statement is. */
    public enum Kind {
        /** {@code group { ... }}: its members are in {@link VrrpSyncGroupSpec#members}. */
        GROUP,
        /** A notify line with one script. */
        NOTIFY,
        SMTP_ALERT,
        /** Kept as written (a notify line with a user after its script, tracking, anything else). */
        OPAQUE
    }

    public record Part(ResolvedStatement statement, Kind kind) {
    }

    /** A member name and the line inside {@code group { }} that names it. */
    public record Member(String name, ResolvedStatement where) {
    }

    /** Reads the block; null (and an error) when it has no single name. */
    public static VrrpSyncGroupSpec read(ResolvedStatement block, List<Diagnostic> diagnostics) {
        if (block.args().size() != 1) {
            diagnostics.add(Diagnostic.error(block.location(), "vrrp_sync_group needs a name"));
            return null;
        }
        String name = block.args().getFirst();
        List<Member> members = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (ResolvedStatement s : block.children()) {
            Kind kind = switch (s.keyword()) {
                case "group" -> {
                    for (ResolvedStatement member : s.children()) {
                        for (String memberName : member.words()) {
                            members.add(new Member(memberName, member));
                        }
                    }
                    yield Kind.GROUP;
                }
                case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify" ->
                    s.args().size() == 1 ? Kind.NOTIFY : Kind.OPAQUE;
                case "smtp_alert" -> Kind.SMTP_ALERT;
                default -> Kind.OPAQUE;
            };
            if (kind == Kind.OPAQUE && !OpaqueKeywords.SYNC_GROUP.contains(s.keyword())) {
                diagnostics.add(Diagnostic.warning(s.location(),
                        "unknown keyword '" + s.keyword() + "' in vrrp_sync_group " + name + ": kept as written"));
            }
            parts.add(new Part(s, kind));
        }
        return new VrrpSyncGroupSpec(name, block, List.copyOf(members), List.copyOf(parts));
    }

    /**
     * Judges one member once the file's instances are known: true when it is to be added; else the error (no such
     * instance) or warning (listed twice) is added to {@code diagnostics}.
     */
    public boolean resolve(Member member, Predicate<String> instanceDefined, Predicate<String> alreadyListed,
            List<Diagnostic> diagnostics) {
        if (!instanceDefined.test(member.name())) {
            diagnostics.add(Diagnostic.error(member.where().location(), "vrrp_sync_group " + name + " names '"
                    + member.name() + "', which no vrrp_instance defines"));
            return false;
        }
        if (alreadyListed.test(member.name())) {
            diagnostics.add(Diagnostic.warning(member.where().location(),
                    "vrrp_sync_group " + name + " lists " + member.name() + " twice"));
            return false;
        }
        return true;
    }
}

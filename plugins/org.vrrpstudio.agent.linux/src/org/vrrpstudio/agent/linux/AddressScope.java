package org.vrrpstudio.agent.linux;

/** The rtnetlink scope of an address (rtm_scope values), named as iproute2 and keepalived.conf name them. */
public enum AddressScope {
    GLOBAL(0, "global"),
    SITE(200, "site"),
    LINK(253, "link"),
    HOST(254, "host"),
    NOWHERE(255, "nowhere");

    private final int code;
    private final String keyword;

    AddressScope(int code, String keyword) {
        this.code = code;
        this.keyword = keyword;
    }

    public int code() {
        return code;
    }

    /** The word used by {@code ip addr} and keepalived.conf's {@code scope}. */
    public String keyword() {
        return keyword;
    }

    /** The scope with this code; codes without a name (user-defined in rt_scopes) give empty. */
    public static java.util.Optional<AddressScope> fromCode(int code) {
        for (AddressScope scope : values()) {
            if (scope.code == code) {
                return java.util.Optional.of(scope);
            }
        }
        return java.util.Optional.empty();
    }

    /** Parses {@code global}, {@code site}, {@code link}, {@code host} or {@code nowhere}. */
    public static java.util.Optional<AddressScope> fromKeyword(String keyword) {
        for (AddressScope scope : values()) {
            if (scope.keyword.equals(keyword)) {
                return java.util.Optional.of(scope);
            }
        }
        return java.util.Optional.empty();
    }
}

package org.vrrpstudio.vrrp.config;

/**
 * What a backup does with a priority-0 advert ("I am giving up mastership now") from its current master.
 * The wire is the same in every mode; only the receiving side decides differently.
 */
public enum GroupTakeover {
    /**
     * keepalived 2.2.7 and the RFC: the receiving instance takes over after Skew_Time, and a sync group moves
     * only when every member's own timer has run out ("and"). The default of the engine, so that the what-if
     * simulation predicts keepalived directors.
     */
    OFF,
    /**
     * Group-aware, RFC ordering kept: a priority-0 advert from the director that is MASTER of every member of
     * the group releases all members ("or"); each takes over after its own Skew_Time, so with several
     * backups the highest priority still wins first. For clusters of three or more directors.
     */
    ORDERED,
    /**
     * Group-aware for a pair of directors: as {@link #ORDERED}, but without Skew_Time because there is exactly
     * one possible backup. Falls back to {@link #ORDERED} for a group as soon as one of its members has heard
     * adverts from two different foreign sources (evidence of a third director).
     */
    PAIR;

    public String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.faultline.common.auth;

import java.util.Locale;

/** What a token may do. Each role includes the ones before it. */
public enum Role {
    /** Read runs, agents, reports. */
    VIEWER,
    /** Start runs and dry runs, halt everything. */
    OPERATOR,
    /** Configure Faultline. */
    ADMIN;

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}

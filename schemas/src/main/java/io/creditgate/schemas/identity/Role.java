package io.creditgate.schemas.identity;

import java.util.Locale;

/**
 * What a person may do in Creditgate. A token names its roles in the {@value CreditgateToken#ROLES} claim, in
 * lower case ({@code "user"}); Spring Security sees them as authorities {@code ROLE_USER}, {@code ROLE_ADMIN},
 * {@code ROLE_FINANCE}.
 */
public enum Role {
    /** Their own ledger accounts (the token's {@value CreditgateToken#ACCOUNTS} claim), notifications, keys, purchases. */
    USER,
    /** Every user: grants, adjustments, blocks, plans, caps, keys, prices, people and roles. */
    ADMIN,
    /** Every report, replay and verify, purchases and refunds; read-only on users. */
    FINANCE;

    /** The value in the token's {@code roles} claim. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a claim value names, or null for a value Creditgate does not know (ignored, never an error). */
    public static Role fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimValue().equals(value)) {
                return role;
            }
        }
        return null;
    }
}

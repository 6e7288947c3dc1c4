package io.creditgate.ledger.account;

import java.time.Instant;
import java.util.Comparator;

/**
 * One grant of credits while it still holds some. Amounts in credits.
 *
 * @param expiresAt when its unspent part expires; null = never
 * @param priority lower burns first among grants of the same expiry (0 to 1000)
 * @param order the account's count of grants before this one: the last tie-break (oldest first)
 */
public record Grant(String grantId, GrantCategory category, long amountCredits, long remainingCredits, int priority,
        Instant expiresAt, Instant grantedAt, long order) {

    /**
     * The order in which usage burns grants: the one that expires first (never-expiring last), then the
     * lower priority number, then promotional before paid, then the older grant. {@code order} is unique in
     * an account, so the order is total and every fold burns the same grants.
     */
    public static final Comparator<Grant> BURN_ORDER = Comparator
            .comparing(Grant::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Grant::priority)
            .thenComparing(Grant::category)
            .thenComparingLong(Grant::order);

    Grant withRemaining(long credits) {
        return new Grant(grantId, category, amountCredits, credits, priority, expiresAt, grantedAt, order);
    }

    boolean dueAt(Instant at) {
        return expiresAt != null && !expiresAt.isAfter(at);
    }
}

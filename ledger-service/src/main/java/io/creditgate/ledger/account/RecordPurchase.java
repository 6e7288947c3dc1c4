package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Grant a purchase as PAID credits without expiry. Idempotent by {@code purchaseId}: the same purchase
 * again is a no-op, the same id with another amount a conflict. Opens the account when the user is new.
 *
 * @param paymentEventId the {@code CreditsPurchased} event id (kept for the audit trail)
 * @param method how it was paid ({@code checkout}, {@code auto_top_up}, {@code manual}); null when unknown
 * @param reference where the money can be found; null or empty when unknown
 */
public record RecordPurchase(
        @TargetAggregateIdentifier String userId,
        String purchaseId,
        String paymentEventId,
        long amountCredits,
        Instant purchasedAt,
        long openingCredits,
        PlanTerms openingPlan,
        String method,
        String reference) {

    public RecordPurchase(String userId, String purchaseId, String paymentEventId, long amountCredits,
            Instant purchasedAt, long openingCredits) {
        this(userId, purchaseId, paymentEventId, amountCredits, purchasedAt, openingCredits, null, null, null);
    }
}

package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Charge one metered call to its user. The call already happened: the ledger records it even when
 * it overshoots the balance. Opens the account first when the user is new.
 *
 * @param userId the account, also the aggregate id
 * @param eventId the {@code UsageRecorded} event id (idempotency key, unique per call)
 * @param occurredAt when the call ended; also the opening time of a new account
 * @param openingCredits the starting grant, used only if this command opens the account
 * @param openingPlan the default plan, used only if this command opens the account; null = no allowance
 */
public record ChargeUsage(
        @TargetAggregateIdentifier String userId,
        String eventId,
        String requestId,
        String model,
        String endpoint,
        TokenCounts tokens,
        long costCredits,
        String usageSource,
        Instant occurredAt,
        long openingCredits,
        PlanTerms openingPlan) {

    /** On the default plan of old: no allowance. */
    public ChargeUsage(String userId, String eventId, String requestId, String model, String endpoint,
            TokenCounts tokens, long costCredits, String usageSource, Instant occurredAt, long openingCredits) {
        this(userId, eventId, requestId, model, endpoint, tokens, costCredits, usageSource, occurredAt, openingCredits,
                null);
    }
}

package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hold a disputed purchase's unspent credits (at most what the dispute corresponds to) until the dispute closes.
 * Idempotent by {@code disputeId}.
 *
 * @param amountCredits credits the disputed money corresponds to, above zero
 */
public record RecordDispute(
        @TargetAggregateIdentifier String userId,
        String purchaseId,
        String disputeId,
        String paymentEventId,
        long amountCredits,
        Instant disputedAt) {
}

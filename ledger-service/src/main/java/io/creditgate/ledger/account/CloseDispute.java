package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End a dispute: WON and OTHER release the held credits, LOST takes the disputed credits for good. Idempotent by {@code disputeId}. */
public record CloseDispute(
        @TargetAggregateIdentifier String userId,
        String purchaseId,
        String disputeId,
        String paymentEventId,
        DisputeOutcome outcome,
        Instant closedAt) {
}

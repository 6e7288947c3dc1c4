package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take back what a refund of a purchase covers, at most the purchase's unspent part. Idempotent by
 * {@code refundId}.
 *
 * @param amountCredits credits the refund corresponds to, above zero
 */
public record RecordRefund(
        @TargetAggregateIdentifier String userId,
        String purchaseId,
        String refundId,
        String paymentEventId,
        long amountCredits,
        Instant refundedAt) {
}

package io.creditgate.ledger.account;

import java.time.Instant;
import java.util.List;

/**
 * A refund of a purchase took back the credits its money corresponds to (decision: refunds of spent credits), capped at
 * what the purchase still owes (its amount less earlier refunds and lost disputes): first the purchase's unspent
 * credits ({@code refundedCredits}), then the account's other open grants in burn order ({@code burns}), and what
 * neither covered ({@code uncoveredCredits}) left the balance below zero, to be repaid first by the next credits
 * the account receives.
 *
 * <p>Events written before that decision carry no {@code burns} (null): they took at most the purchase's unspent
 * part and recorded the rest as {@link #uncollectedCredits()}; the fold still checks them by that rule.
 *
 * @param requestedCredits credits the refund's money corresponds to, as the payment topic said
 * @param refundedCredits credits taken from the refunded purchase's unspent part
 * @param burns credits taken from the account's other grants, in burn order; null in events of the old rule
 * @param uncoveredCredits credits neither the purchase nor other grants held: the balance went below zero by them
 */
public record PurchaseRefunded(String userId, String purchaseId, String refundId, String paymentEventId,
        long requestedCredits, long refundedCredits, Instant refundedAt, AccountBalance after, List<GrantBurn> burns,
        long uncoveredCredits) implements LedgerEvent {

    public PurchaseRefunded {
        burns = burns == null ? null : List.copyOf(burns);
    }

    /** An event of the old rule (at most the purchase's unspent part; the rest uncollected). */
    public PurchaseRefunded(String userId, String purchaseId, String refundId, String paymentEventId,
            long requestedCredits, long refundedCredits, Instant refundedAt, AccountBalance after) {
        this(userId, purchaseId, refundId, paymentEventId, requestedCredits, refundedCredits, refundedAt, after, null, 0);
    }

    @Override
    public Instant occurredAt() {
        return refundedAt;
    }

    @Override
    public String changeType() {
        return "REFUND";
    }

    @Override
    public long amountCredits() {
        return -takenCredits();
    }

    /** Whether the event follows the old rule (written before refunds took spent credits back). */
    public boolean takesOnlyUnspent() {
        return burns == null;
    }

    /** Credits taken from the account's other grants. */
    public long otherGrantsCredits() {
        return burns == null ? 0 : GrantBurn.total(burns);
    }

    /** Everything the refund took back: from the purchase, from other grants and below zero. */
    public long takenCredits() {
        return refundedCredits + otherGrantsCredits() + uncoveredCredits;
    }

    /** Old rule only: credits the refund covered that had already been spent and were left for finance to settle. */
    public long uncollectedCredits() {
        return burns == null ? requestedCredits - refundedCredits : 0;
    }
}

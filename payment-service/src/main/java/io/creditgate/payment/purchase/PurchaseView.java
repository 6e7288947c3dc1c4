package io.creditgate.payment.purchase;

import java.time.Instant;
import java.util.List;

/**
 * A purchase as the API shows it: what was bought and paid, where the money is, and what became of it.
 *
 * @param status {@code paid}, {@code partially_refunded}, {@code refunded}, {@code disputed} or {@code dispute_lost}
 */
public record PurchaseView(String purchaseId, String userId, Instant createdAt, String method, String manualMethod,
        String status, long credits, long amountMinor, String currency, String reference, String paymentIntentId,
        String chargeId, String receiptUrl, String packId, long refundedCredits, long refundedMinor, String recordedBy,
        String note, List<RefundView> refunds, List<DisputeView> disputes) {

    /** One refund: credits taken back and money given back by it, the running total of money after it. */
    public record RefundView(String refundId, String purchaseId, String userId, Instant createdAt, long credits,
            long amountMinor, long cumulativeRefundedMinor, String currency, String reason, String requestedBy) {
    }

    /** One dispute: {@code open}, {@code won} or {@code lost}. */
    public record DisputeView(String disputeId, String purchaseId, String userId, Instant openedAt, Instant closedAt,
            String status, long credits, long amountMinor, String currency, String reason) {
    }
}

package io.creditgate.payment.purchase;

import java.time.Instant;

/** A recorded purchase, as stored. */
public record Purchase(String purchaseId, String userId, String method, long credits, long amountMinor, String currency,
        String reference, String manualMethod, String paymentIntentId, String chargeId, String receiptUrl, String packId,
        String note, String recordedBy, Instant createdAt) {

    /** True when the money went through Stripe (refunds go through Stripe too). */
    public boolean viaStripe() {
        return paymentIntentId != null || chargeId != null;
    }
}

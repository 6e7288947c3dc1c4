package io.creditgate.payment.purchase;

/**
 * A purchase to record (and announce as {@code CreditsPurchased}).
 *
 * @param purchaseId the idempotency key: the Checkout Session id, a manual purchase's id, a top-up's PaymentIntent id
 * @param userId the account credited
 * @param method {@code checkout}, {@code auto_top_up} or {@code manual} ({@code CreditsPurchased.method})
 * @param credits credits granted, above zero
 * @param amountMinor money paid in the currency's minor unit, above zero
 * @param currency ISO 4217, lower case
 * @param reference where the money is: the PaymentIntent id, or the manual purchase's bank/PIX/invoice reference
 * @param manualMethod {@code bank_transfer}, {@code pix} or {@code invoice} for a manual purchase, else null
 * @param paymentIntentId the Stripe PaymentIntent, or null
 * @param chargeId the Stripe charge, or null
 * @param receiptUrl Stripe's receipt, or null
 * @param packId the pack bought, or null
 * @param note free text of the person who recorded it, or null
 * @param recordedBy the actor who recorded a manual purchase, or null
 * @param eventId the id of the {@code CreditsPurchased} (the Stripe event id, or a fresh one)
 */
public record NewPurchase(String purchaseId, String userId, String method, long credits, long amountMinor, String currency,
        String reference, String manualMethod, String paymentIntentId, String chargeId, String receiptUrl, String packId,
        String note, String recordedBy, String eventId) {
}

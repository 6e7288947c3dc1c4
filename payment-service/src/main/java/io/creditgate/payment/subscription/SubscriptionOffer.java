package io.creditgate.payment.subscription;

/**
 * A plan on sale by subscription.
 *
 * @param id stable id, named in checkout requests and the subscription's metadata
 * @param planId the ledger plan the subscription pays for (its allowance renews with every paid invoice)
 * @param name what the offer page and Stripe's receipt show
 * @param priceMinor the price per interval, in the currency's minor unit, above zero
 * @param currency ISO 4217, lower case
 * @param interval how often it renews: {@code month} (the ledger's cycles are monthly)
 */
public record SubscriptionOffer(String id, String planId, String name, long priceMinor, String currency,
                                String interval) {
}

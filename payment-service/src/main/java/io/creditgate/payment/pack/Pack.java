package io.creditgate.payment.pack;

/**
 * A credit pack users can buy.
 *
 * @param id stable id, named in checkout requests and Stripe metadata
 * @param name what the buy page and the Stripe receipt show
 * @param credits credits granted (1 credit = 1 micro-USD), above zero
 * @param priceMinor what it costs, in the currency's minor unit (cents, centavos), above zero
 * @param currency ISO 4217, lower case (Stripe's spelling)
 */
public record Pack(String id, String name, long credits, long priceMinor, String currency) {
}

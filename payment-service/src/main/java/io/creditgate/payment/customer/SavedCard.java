package io.creditgate.payment.customer;

/**
 * A card a user saved for off-session charges.
 *
 * @param customerId the Stripe Customer it is attached to
 * @param paymentMethodId the Stripe PaymentMethod ({@code pm_…})
 * @param brand e.g. {@code visa}
 * @param last4 the last four digits, what the dashboard shows
 */
public record SavedCard(String customerId, String paymentMethodId, String brand, String last4) {
}
